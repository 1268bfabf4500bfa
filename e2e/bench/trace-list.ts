// npm run bench:trace-list — how long the host takes to list an incident's traces (traces.list,
// on its main thread) when each trace's spans are split over two files, as two services' exporters
// write them, against the same spans in one file, in the same run. Prints one JSON line:
//
//   {"spans","traces","oneFileMs","twoFilesMs","ratio"}
//
// Each figure is the median of RUNS listings. Before the shared traces were looked up trace by
// trace, two files of 100,000 spans took 52 s (0.09 s in one file) and held every window waiting.
// Needs a build (the npm script runs one): the files are imported with the CLI.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { listTraces } from '../../electron/store/trace-queries'
import { writeLargeOtlp } from '../fixtures/generate/large-otlp'
import { runCli } from '../support/server'
import { percentile, round } from './browser'

const SPANS = Number(process.env.BENCH_SPANS ?? 100_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)

interface OtlpRequest {
  resourceSpans: Array<{ resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> } }>
}

/** Writes the file's resources into two files, every other service in each; returns their paths. */
function splitByService(file: string, dir: string): [string, string] {
  const otlp = JSON.parse(readFileSync(file, 'utf8')) as OtlpRequest
  const serviceOf = (resource: OtlpRequest['resourceSpans'][number]['resource']) => resource.attributes.find((attribute) => attribute.key === 'service.name')?.value.stringValue ?? ''
  const services = [...new Set(otlp.resourceSpans.map((resourceSpans) => serviceOf(resourceSpans.resource)))].sort()
  const paths = [join(dir, 'front.otlp.json'), join(dir, 'back.otlp.json')] as [string, string]
  paths.forEach((path, half) => {
    const mine = otlp.resourceSpans.filter((resourceSpans) => services.indexOf(serviceOf(resourceSpans.resource)) % 2 === half)
    writeFileSync(path, JSON.stringify({ resourceSpans: mine }))
  })
  return paths
}

/** The median time of listing the traces of the incident titled `title`, and how many it lists. */
function timeListing(db: Database.Database, title: string): { ms: number; traces: number } {
  const { id } = db.prepare('SELECT id FROM incidents WHERE title = ?').get(title) as { id: number }
  const times: number[] = []
  let traces = 0
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now()
    traces = listTraces(db, id).length
    times.push(performance.now() - start)
  }
  return { ms: percentile(times, 0.5), traces }
}

const dir = mkdtempSync(join(tmpdir(), 'casefile-bench-trace-list-'))
try {
  const whole = join(dir, 'whole.otlp.json')
  await writeLargeOtlp(whole, SPANS)
  const db = join(dir, 'workspace.sqlite')
  runCli(['import', '--db', db, '--incident', 'One file', whole])
  runCli(['import', '--db', db, '--incident', 'Two files', ...splitByService(whole, dir)])
  const workspace = new Database(db, { readonly: true })
  try {
    const one = timeListing(workspace, 'One file')
    const two = timeListing(workspace, 'Two files')
    if (one.traces !== two.traces) throw new Error(`one file lists ${one.traces} traces, two files ${two.traces}`)
    process.stdout.write(`${JSON.stringify({ spans: SPANS, traces: one.traces, oneFileMs: round(one.ms), twoFilesMs: round(two.ms), ratio: round(two.ms / one.ms) })}\n`)
  } finally {
    workspace.close()
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}

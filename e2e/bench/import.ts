// npm run bench:import — imports a generated 100,000-span OTLP/JSON file through the built import
// worker and prints JSON figures beside the floor measured in the same run: JSON.parse of the
// whole file plus a bare prepared insert of the same rows in one transaction. Each phase runs in
// a fresh process. Then the imported incident's trace list (what opening it reads, listTraces)
// beside a bare GROUP BY of its spans per trace. Needs a build (the script runs one).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { listTraces } from '../../electron/store/trace-queries'
import { writeLargeOtlp } from '../fixtures/generate/large-otlp'

const SPANS = Number(process.env.BENCH_SPANS ?? 100_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)

interface Phase {
  spans: number
  ms: number
  /** RSS of the process before the phase started (Node, tsx, the open workspace). */
  baselineRssBytes: number
  peakRssBytes: number
}

const dir = mkdtempSync(join(tmpdir(), 'casefile-bench-'))
try {
  const file = join(dir, 'large.otlp.json')
  await writeLargeOtlp(file, SPANS)
  const fileBytes = statSync(file).size

  const phase = (mode: 'import' | 'floor', run: number): Phase => {
    const output = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'import-phase.ts'), mode, file, join(dir, `${mode}-${run}.sqlite`)], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    })
    return JSON.parse(output) as Phase
  }
  // Alternate the two so machine noise hits both alike; keep each one's best run.
  const imports: Phase[] = []
  const floors: Phase[] = []
  for (let run = 0; run < RUNS; run++) {
    floors.push(phase('floor', run))
    imports.push(phase('import', run))
  }
  const best = (phases: Phase[]) => phases.reduce((a, b) => (b.ms < a.ms ? b : a))
  const imported = best(imports)
  const floor = best(floors)
  const round = (n: number, digits = 2) => Number(n.toFixed(digits))
  const mb = (bytes: number) => round(bytes / 1024 ** 2, 1)
  // What the import itself adds to the process: its peak above the process's own start.
  const growth = (phases: Phase[]) => Math.max(...phases.map((p) => p.peakRssBytes - p.baselineRssBytes))
  // Opening the incident: its trace list, against reading its spans once, grouped by trace.
  const workspace = new Database(join(dir, 'import-0.sqlite'), { readonly: true })
  const fastest = (work: () => unknown) => Math.min(...Array.from({ length: RUNS }, () => ((start) => (work(), performance.now() - start))(performance.now())))
  const traceListMs = fastest(() => listTraces(workspace, 1))
  const groupByMs = fastest(() => workspace.prepare('SELECT artifact_id, trace_id, count(*), min(start_ns) FROM spans GROUP BY artifact_id, trace_id').all())
  const traces = listTraces(workspace, 1).length
  workspace.close()
  const report = {
    spans: imported.spans,
    fileMB: mb(fileBytes),
    importMs: round(imported.ms, 0),
    spansPerSecond: Math.round(imported.spans / (imported.ms / 1000)),
    peakRssMB: mb(Math.max(...imports.map((p) => p.peakRssBytes))),
    importRssMB: mb(growth(imports)),
    floor: {
      ms: round(floor.ms, 0),
      spansPerSecond: Math.round(floor.spans / (floor.ms / 1000)),
      peakRssMB: mb(floor.peakRssBytes),
      importRssMB: mb(growth(floors)),
    },
    ratios: {
      timeVsFloor: round(imported.ms / floor.ms),
      importRssVsFileSize: round(growth(imports) / fileBytes),
      peakRssVsFileSize: round(Math.max(...imports.map((p) => p.peakRssBytes)) / fileBytes),
    },
    traceList: { traces, ms: round(traceListMs, 1), groupByMs: round(groupByMs, 1), ratio: round(traceListMs / groupByMs) },
    targets: { timeVsFloor: 1.5, importRssVsFileSize: 3 },
  }
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}

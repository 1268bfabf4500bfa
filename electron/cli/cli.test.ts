import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { type AddressInfo, createServer } from 'node:net'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { createFinding, linkFinding } from '../store/findings'
import { getRunbook, saveRunbook } from '../store/runbooks'
import { Workspace } from '../store/workspace'
import { writeLargeOtlp } from '../../e2e/fixtures/generate/large-otlp'
import { upgradeStatus } from '../test-support/host'
import { tempDir } from '../test-support/temp'

// Drives the built command (out/main/cli.js through bin/casefile.js) as a user would.

const root = join(import.meta.dirname, '..', '..')
const bin = join(root, 'bin', 'casefile.js')
const data = join(root, 'e2e', 'fixtures', 'data')

function casefile(...args: string[]) {
  return casefileWithInput(undefined, ...args)
}

function casefileWithInput(input: string | Buffer | undefined, ...args: string[]) {
  expect(existsSync(join(root, 'out', 'main', 'cli.js')), 'run npm run build first').toBe(true)
  const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', input, env: { ...process.env, CASEFILE_HOME: tempDir() } })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

describe('casefile import', () => {
  it('prints the incident and one summary per file, in the documented shape', () => {
    const db = join(tempDir(), 'w.sqlite')
    const otlp = join(data, 'checkout.otlp.json')
    const session = join(data, 'checkout-session.rrweb.json')
    const run = casefile('import', '--db', db, '--incident', 'Checkout 502', otlp, session)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const output = JSON.parse(run.stdout)
    expect(Object.keys(output)).toEqual(['incident', 'artifacts'])
    expect(output.incident).toEqual({ id: 1, title: 'Checkout 502' })
    const [trace, recording] = output.artifacts
    expect(Object.keys(trace).sort()).toEqual(['endUnixNano', 'errorSpans', 'file', 'format', 'kind', 'services', 'spans', 'startUnixNano', 'traces'])
    expect(trace).toMatchObject({ kind: 'trace', format: 'otlp', file: otlp })
    expect(trace.startUnixNano).toMatch(/^\d{19}$/)
    expect(Object.keys(recording).sort()).toEqual(['durationMs', 'events', 'file', 'format', 'kind', 'markers', 'traceIds'])
    expect(Object.keys(recording.markers).sort()).toEqual(['clicks', 'consoleErrors', 'custom', 'navigations'])

    // Same title again: same incident.
    const again = JSON.parse(casefile('import', '--db', db, '--incident', 'Checkout 502', join(data, 'checkout.zipkin.json')).stdout)
    expect(again.incident.id).toBe(1)
    expect(again.artifacts[0].format).toBe('zipkin')

    // A file it has already: the same shape, and a word on stderr.
    const twice = casefile('import', '--db', db, '--incident', 'Checkout 502', otlp)
    expect(Object.keys(JSON.parse(twice.stdout))).toEqual(['incident', 'artifacts'])
    expect(twice.stderr).toBe(`casefile: ${otlp} is in incident 1 already (the same content); not imported again\n`)
  })

  it('reads a file piped in (-, as from a shell pipe)', () => {
    const db = join(tempDir(), 'w.sqlite')
    const run = casefileWithInput(readFileSync(join(data, 'checkout.otlp.json'), 'utf8'), 'import', '--db', db, '--incident', 'Piped', '-')
    expect(run.stderr).toBe('')
    const output = JSON.parse(run.stdout)
    expect(output.artifacts[0]).toMatchObject({ kind: 'trace', format: 'otlp', file: 'stdin', spans: 22 })
    const bad = casefileWithInput('{"resourceSpans": [', 'import', '--db', db, '-')
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/^casefile: stdin: .*truncated/)
  })

  it('names a process substitution (<(cmd)) "piped input", in the incident title and the file, not by its descriptor number', () => {
    const db = join(tempDir(), 'w.sqlite')
    const run = spawnSync('/bin/bash', ['-c', `"${process.execPath}" "${bin}" import --db "${db}" <(cat "${join(data, 'checkout.zipkin.json')}")`], {
      encoding: 'utf8',
      env: { ...process.env, CASEFILE_HOME: tempDir() },
    })
    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout)).toMatchObject({ incident: { title: 'piped input' }, artifacts: [{ file: 'piped input', spans: 22 }] })
  })

  it('on a bad file: exit 1, one line on stderr naming it, nothing imported, and no workspace left that it made', () => {
    const db = join(tempDir(), 'w.sqlite')
    const bad = join(data, 'bad', 'truncated.otlp.json')
    const run = casefile('import', '--db', db, join(data, 'checkout.otlp.json'), bad)
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    const lines = run.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(bad)
    expect(lines[0]).toMatch(/truncated/)
    expect(existsSync(db)).toBe(false)

    expect(casefile('import', '--db', db, join(data, 'checkout.zipkin.json')).code).toBe(0)
    expect(casefile('import', '--db', db, join(data, 'checkout.otlp.json'), bad).code).toBe(1)
    // Two bad files: one line still, naming both.
    const empty = join(data, 'bad', 'empty.json')
    const both = casefile('import', '--db', db, bad, join(data, 'checkout.otlp.json'), empty)
    expect(both.code).toBe(1)
    const [first, second] = both.stderr.replace(/^casefile: /, '').trimEnd().split('; ')
    expect(first).toMatch(new RegExp(`^${bad}: .*truncated`))
    expect(second).toBe(`${empty}: the file is empty`)
    expect(both.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(JSON.parse(casefile('query', '--db', db, 'SELECT count(*) AS n FROM artifacts').stdout)).toEqual([{ n: 1 }])
  })
  it('on a bad file, leaves the workspace it made when another import has it open meanwhile', async () => {
    const db = join(tempDir(), 'w.sqlite')
    // This import makes the workspace, then waits for its file on standard input.
    const failing = spawn(process.execPath, [bin, 'import', '--db', db, '--incident', 'Bad', '-'], { env: { ...process.env, CASEFILE_HOME: tempDir() } })
    const exited = new Promise<number | null>((resolve) => failing.on('exit', resolve))
    await expect.poll(() => existsSync(`${db}-wal`), { timeout: 20_000 }).toBe(true)
    // A second import opens it, and will write once the first is done.
    const other = Workspace.open(db)
    failing.stdin.end('{"resourceSpans": [')
    expect(await exited).toBe(1)
    other.createIncident('Good')
    other.close()
    expect(JSON.parse(casefile('query', '--db', db, 'SELECT title FROM incidents').stdout)).toEqual([{ title: 'Good' }])
  })

  it('on Ctrl+C stops the import, keeps nothing of it and no workspace it made, and exits 130', async () => {
    const dir = tempDir()
    const file = join(dir, 'big.otlp.json')
    await writeLargeOtlp(file, 40_000)
    const db = join(dir, 'w.sqlite')
    const importing = spawn(process.execPath, [bin, 'import', '--db', db, file], { env: { ...process.env, CASEFILE_HOME: tempDir() } })
    let stderr = ''
    importing.stderr.on('data', (chunk) => (stderr += chunk))
    const exited = new Promise<number | null>((resolve) => importing.on('exit', resolve))
    // Once it has made the workspace, it is importing.
    await expect.poll(() => existsSync(db), { timeout: 20_000 }).toBe(true)
    importing.kill('SIGINT')
    expect(await exited).toBe(130)
    expect(stderr).toBe('casefile: the import was cancelled; nothing was imported\n')
    expect(existsSync(db)).toBe(false)
  })

  it('refuses an empty --db (SQLite would take it for a throwaway database)', () => {
    const run = casefile('import', '--db', '', join(data, 'checkout.otlp.json'))
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--db: the path is empty')
    expect(casefile('search', '--db=', 'x').code).toBe(2)
  })

  it('refuses an incident title longer than the app takes', () => {
    const run = casefile('import', '--db', join(tempDir(), 'w.sqlite'), '--incident', 'x'.repeat(201), join(data, 'checkout.otlp.json'))
    expect(run.code).toBe(2)
    expect(run.stderr.split('\n')[0]).toBe('casefile: --incident: a title is at most 200 characters')
  })

  it('imports a file given twice once, reporting it for each, without saying the incident had it already', () => {
    const otlp = join(data, 'checkout.otlp.json')
    const db = join(tempDir(), 'w.sqlite')
    const run = casefile('import', '--db', db, '--incident', 'Twice', otlp, otlp)
    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout).artifacts).toHaveLength(2)
    expect(JSON.parse(casefile('query', '--db', db, 'SELECT count(*) AS n FROM artifacts').stdout)).toEqual([{ n: 1 }])
  })

  it('refuses an empty --incident; without one, a long file name is cut to a title; a bundle says --incident does not apply', () => {
    const db = join(tempDir(), 'w.sqlite')
    const empty = casefile('import', '--db', db, '--incident', '   ', join(data, 'checkout.otlp.json'))
    expect(empty.code).toBe(2)
    expect(empty.stderr).toMatch(/--incident: the title is empty/)
    const long = join(tempDir(), `${'very-long-name-'.repeat(16)}.json`)
    writeFileSync(long, readFileSync(join(data, 'checkout.otlp.json')))
    const named = casefile('import', '--db', db, long)
    expect(named.code).toBe(0)
    expect(JSON.parse(named.stdout).incident.title).toHaveLength(200)

    const bundle = join(tempDir(), 'one.casefile')
    casefile('export', '--db', db, '--incident', JSON.parse(named.stdout).incident.id.toString(), '--out', bundle)
    const into = casefile('import', '--db', join(tempDir(), 'other.sqlite'), '--incident', 'Mine', bundle)
    expect(into.code).toBe(0)
    expect(into.stderr).toMatch(/--incident is ignored: a \.casefile bundle holds its own incident/)
  })

  it('says which incident a number means when another is titled with it', () => {
    const db = join(tempDir(), 'w.sqlite')
    casefile('import', '--db', db, '--incident', 'alpha', join(data, 'checkout.otlp.json'))
    // --incident matches titles: a new incident, with a word on the one whose id it is.
    const numbered = casefile('import', '--db', db, '--incident', '1', join(data, 'checkout.zipkin.json'))
    expect(JSON.parse(numbered.stdout).incident).toEqual({ id: 2, title: '1' })
    expect(numbered.stderr).toMatch(/this made incident 2 titled “1”; incident 1 is “alpha” \(--incident-id 1 imports into it\)/)
    const again = casefile('import', '--db', db, '--incident', '1', join(data, 'checkout.jaeger.json'))
    expect(JSON.parse(again.stdout).incident.id).toBe(2)
    expect(again.stderr).not.toMatch(/this made/)
    const run = casefile('report', '--db', db, '--incident', '1', '--format', 'md')
    expect(run.stdout).toMatch(/^# Incident report: alpha/)
    expect(run.stderr).toMatch(/--incident 1 is incident 1 \(“alpha”\), not incident 2 titled “1”/)
  })

  it('refuses a title two incidents share, naming their ids, and imports nothing', () => {
    const db = join(tempDir(), 'w.sqlite')
    casefile('import', '--db', db, '--incident', 'Checkout 502', join(data, 'checkout.otlp.json'))
    casefile('import', '--db', db, '--incident', 'Later', join(data, 'checkout.zipkin.json'))
    // Renamed in the app to the same title.
    const rename = spawnSync(process.execPath, ['-e', `new (require('better-sqlite3'))(${JSON.stringify(db)}).prepare("UPDATE incidents SET title = 'Checkout 502' WHERE id = 2").run()`])
    expect(rename.status).toBe(0)

    const into = casefile('import', '--db', db, '--incident', 'Checkout 502', join(data, 'checkout.jaeger.json'))
    expect(into.code).toBe(1)
    expect(into.stderr).toMatch(/2 incidents are titled "Checkout 502": give --incident-id 1 or 2/)
    expect(JSON.parse(casefile('query', '--db', db, 'SELECT count(*) AS n FROM artifacts').stdout)).toEqual([{ n: 2 }])
    // By id, either one takes it; an id no incident has is refused.
    const byId = casefile('import', '--db', db, '--incident-id', '2', join(data, 'checkout.jaeger.json'))
    expect(byId.code).toBe(0)
    expect(JSON.parse(byId.stdout).incident).toEqual({ id: 2, title: 'Checkout 502' })
    const missing = casefile('import', '--db', db, '--incident-id', '9', join(data, 'checkout.jaeger.json'))
    expect([missing.code, missing.stderr.trim()]).toEqual([1, 'casefile: no incident with id 9'])
    expect(casefile('import', '--db', db, '--incident-id', '2', '--incident', 'Later', join(data, 'checkout.jaeger.json')).code).toBe(2)
    const report = casefile('report', '--db', db, '--incident', 'Checkout 502', '--format', 'md')
    expect(report.code).toBe(1)
    expect(report.stderr).toMatch(/give --incident the id of one \(1, 2\)/)
    expect(casefile('report', '--db', db, '--incident', '2', '--format', 'md').code).toBe(0)
  })

  it('names the workspace file when it cannot be opened', () => {
    const run = casefile('import', '--db', '/nonexistent/folder/w.sqlite', join(data, 'checkout.otlp.json'))
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^casefile: \/nonexistent\/folder\/w\.sqlite: /)
    const notOne = casefile('query', '--db', join(data, 'checkout.otlp.json'), 'SELECT 1')
    expect([notOne.code, notOne.stderr]).toEqual([1, `casefile: ${join(data, 'checkout.otlp.json')}: file is not a database\n`])
  })

  it("makes the desktop app's workspace folder on first use, and takes --db before the command too", () => {
    const home = join(tempDir(), 'never-ran-the-app')
    const run = spawnSync(process.execPath, [bin, 'import', join(data, 'checkout.otlp.json')], { encoding: 'utf8', env: { ...process.env, CASEFILE_HOME: home } })
    expect([run.status, run.stderr]).toEqual([0, ''])
    expect(existsSync(join(home, 'workspace.casefile.sqlite'))).toBe(true)
    const db = join(tempDir(), 'w.sqlite')
    casefile('import', '--db', db, join(data, 'checkout.otlp.json'))
    expect(JSON.parse(casefile('--db', db, 'query', 'SELECT count(*) AS n FROM artifacts').stdout)).toEqual([{ n: 1 }])
    expect(JSON.parse(casefile(`--db=${db}`, 'query', 'SELECT count(*) AS n FROM artifacts').stdout)).toEqual([{ n: 1 }])
  })

  it('reads - from a file given with < as from a pipe', () => {
    const db = join(tempDir(), 'w.sqlite')
    const run = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${bin}" import --db "${db}" --incident Redirected - < "${join(data, 'checkout.zipkin.json')}"`], {
      encoding: 'utf8',
      env: { ...process.env, CASEFILE_HOME: tempDir() },
    })
    expect([run.status, run.stderr]).toEqual([0, ''])
    expect(JSON.parse(run.stdout).artifacts[0]).toMatchObject({ format: 'zipkin', file: 'stdin' })
  })

  it('several at once on one workspace all land: each waits its turn to write', async () => {
    const db = join(tempDir(), 'w.sqlite')
    const home = tempDir()
    const files = ['checkout.otlp.json', 'checkout.zipkin.json', 'checkout.jaeger.json', 'checkout-session.rrweb.json']
    let errors = ''
    const codes = await Promise.all(
      files.map(
        (file, i) =>
          new Promise<number | null>((resolve) => {
            const child = spawn(process.execPath, [bin, 'import', '--db', db, '--incident', `Parallel ${i}`, join(data, file)], {
              env: { ...process.env, CASEFILE_HOME: home },
              stdio: ['ignore', 'ignore', 'pipe'],
            })
            child.stderr.on('data', (chunk: Buffer) => (errors += chunk))
            child.on('exit', resolve)
          }),
      ),
    )
    expect(codes, errors).toEqual([0, 0, 0, 0])
    expect(JSON.parse(casefile('query', '--db', db, 'SELECT count(*) AS n FROM artifacts').stdout)).toEqual([{ n: 4 }])
  })

  it('says it waits while another import writes to the workspace, and goes in once that is done', async () => {
    const db = join(tempDir(), 'w.sqlite')
    casefile('import', '--db', db, '--incident', 'First', join(data, 'checkout.otlp.json'))
    // Another writer (as the app importing a big file) holds the workspace.
    const other = new Database(db)
    other.exec('BEGIN IMMEDIATE')
    const child = spawn(process.execPath, [bin, 'import', '--db', db, '--incident', 'Second', join(data, 'checkout.zipkin.json')], {
      env: { ...process.env, CASEFILE_HOME: tempDir() },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    const said = new Promise<void>((resolve) => child.stderr.on('data', (chunk: Buffer) => (stderr += chunk) && stderr.includes('another import is writing') && resolve()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    await said
    expect(stderr).toContain('casefile: another import is writing to this workspace; this one starts when it is done')
    other.exec('ROLLBACK')
    other.close()
    expect(await exited).toBe(0)
    expect(JSON.parse(casefile('query', '--db', db, 'SELECT count(*) AS n FROM artifacts').stdout)).toEqual([{ n: 2 }])
  })
})

describe('casefile query', () => {
  it('prints a result of many rows whole, as one JSON array', () => {
    const db = join(tempDir(), 'w.sqlite')
    casefile('import', '--db', db, join(data, 'checkout.otlp.json'))
    const sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) SELECT i, 'span ' || i AS name FROM n"
    const rows = JSON.parse(casefile('query', '--db', db, sql).stdout) as Array<{ i: number; name: string }>
    // Written in chunks, as the reader takes them.
    expect(rows).toHaveLength(20_000)
    expect(rows[0]).toEqual({ i: 1, name: 'span 1' })
    expect(rows.at(-1)).toEqual({ i: 20_000, name: 'span 20000' })
    expect(JSON.parse(casefile('query', '--db', db, 'SELECT 1 AS one WHERE 0').stdout)).toEqual([])
  })

  it('says a folder given as the workspace is a folder', () => {
    const run = casefile('query', '--db', tempDir(), 'SELECT 1')
    expect([run.code, run.stderr]).toEqual([1, expect.stringMatching(/is a folder, not a workspace file/)])
  })

  it('prints rows as JSON objects with nanoseconds exact, and refuses writes', () => {
    const db = join(tempDir(), 'w.sqlite')
    casefile('import', '--db', db, join(data, 'checkout.otlp.json'))
    const rows = JSON.parse(casefile('query', '--db', db, 'SELECT service, start_ns FROM spans ORDER BY start_ns LIMIT 2').stdout)
    expect(rows).toHaveLength(2)
    expect(Object.keys(rows[0])).toEqual(['service', 'start_ns'])
    expect(rows[0].start_ns).toMatch(/^\d{19}$/)

    const write = casefile('query', '--db', db, 'DELETE FROM spans')
    expect(write.code).toBe(1)
    expect(write.stderr).toMatch(/read-only/)
    expect(JSON.parse(casefile('query', '--db', db, 'SELECT count(*) AS n FROM spans').stdout)[0].n).toBeGreaterThan(0)

    // A row prints as an object: two columns of one name are refused, not one of them dropped.
    const twice = casefile('query', '--db', db, 'SELECT service, name AS service FROM spans')
    expect([twice.code, twice.stdout, twice.stderr.trim()]).toEqual([1, '', 'casefile: two columns are named "service": name them apart with AS, as each row prints as a JSON object'])
    const two = casefile('query', '--db', db, 'SELECT 1; SELECT 2')
    expect([two.code, two.stderr.trim()]).toEqual([1, 'casefile: query takes one SQL statement; this text holds more (separated by ;)'])
  })
})

describe('casefile graph', () => {
  it('prints the derived graph in the documented shape, by incident title or id', () => {
    const db = join(tempDir(), 'w.sqlite')
    casefile('import', '--db', db, '--incident', 'Checkout 502', join(data, 'checkout.otlp.json'))
    const run = casefile('graph', '--db', db, '--incident', 'Checkout 502')
    expect(run.code).toBe(0)
    const graph = JSON.parse(run.stdout)
    expect(Object.keys(graph)).toEqual(['nodes', 'edges'])
    expect(Object.keys(graph.nodes[0])).toEqual(['id', 'spans', 'errorSpans', 'uninstrumented'])
    expect(Object.keys(graph.edges[0])).toEqual(['from', 'to', 'calls', 'errors', 'p50Ms', 'p95Ms'])
    expect(graph.nodes).toContainEqual({ id: 'fraud-api', spans: 0, errorSpans: 0, uninstrumented: true })
    expect(JSON.parse(casefile('graph', '--db', db, '--incident', '1').stdout)).toEqual(graph)
    const missing = casefile('graph', '--db', db, '--incident', 'nope')
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/no incident with id or title "nope"/)
  })

  it('draws one trace by its id in any case, and says so when the incident has no such trace', () => {
    const db = join(tempDir(), 'w.sqlite')
    casefile('import', '--db', db, '--incident', 'Checkout 502', join(data, 'checkout.otlp.json'))
    const traceId = JSON.parse(casefile('query', '--db', db, "SELECT trace_id FROM spans WHERE name = 'POST /v1/charges' LIMIT 1").stdout)[0].trace_id as string
    const upper = casefile('graph', '--db', db, '--incident', 'Checkout 502', '--trace', traceId.toUpperCase())
    expect(upper.code).toBe(0)
    expect(JSON.parse(upper.stdout).nodes.map((node: { id: string }) => node.id)).toContain('payment-service')
    const none = casefile('graph', '--db', db, '--incident', 'Checkout 502', '--trace', 'f'.repeat(32))
    expect(none.code).toBe(1)
    expect(none.stderr).toMatch(/no trace f{32} in incident 1/)
  })
})

describe('casefile runbook import and search', () => {
  const runbooks = join(data, 'runbooks')

  it('refuses a runbook longer than the app can save, naming the file, and imports none of them', () => {
    const db = join(tempDir(), 'w.sqlite')
    const huge = join(tempDir(), 'huge.md')
    writeFileSync(huge, `# Huge\n\n${'1. Step.\n'.repeat(120_000)}`)
    const run = casefile('runbook', 'import', '--db', db, join(runbooks, 'checkout-502.md'), huge)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(huge)
    expect(run.stderr).toMatch(/a runbook is at most 1,000,000/)
    // The workspace it would have made is not left behind.
    expect(existsSync(db)).toBe(false)
  })

  it('imports runbooks with their step counts, and finds them ranked with snippets', () => {
    const db = join(tempDir(), 'w.sqlite')
    const run = casefile('runbook', 'import', '--db', db, join(runbooks, 'checkout-502.md'), join(runbooks, 'inventory-stock.md'))
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({
      runbooks: [
        { id: 1, title: 'Checkout returns 502', steps: 4 },
        { id: 2, title: 'Inventory reservations fail', steps: 3 },
      ],
    })
    const workspace = Workspace.open(db)
    const incident = workspace.createIncident('Checkout 502')
    createFinding(workspace.db, incident.id, { title: 'Acquirer slow', notes: '', severity: 'low', tags: [], author: '', anchors: { timeMs: 1, traceId: null, spanId: null, node: null, edge: null } })
    workspace.close()
    const found = JSON.parse(casefile('search', '--db', db, 'acquirer').stdout)
    expect(Object.keys(found)).toEqual(['hits'])
    // The documented fields, and no more (the app's search also says a finding's incident).
    expect(found.hits).toEqual([
      { kind: 'finding', id: 1, title: 'Acquirer slow', snippet: '<mark>Acquirer</mark> slow' },
      { kind: 'runbook', id: 1, title: 'Checkout returns 502', snippet: expect.stringContaining('<mark>acquirer</mark>') },
    ])
  })

  it('imports a runbook again as a new revision of the same runbook, and only when its text changed', () => {
    const db = join(tempDir(), 'w.sqlite')
    const file = join(tempDir(), 'failover.md')
    writeFileSync(file, '# Payments failover\n\n1. Check the acquirer error rate.\n2. Fail over.\n')
    const first = JSON.parse(casefile('runbook', 'import', '--db', db, file).stdout)
    expect(first).toEqual({ runbooks: [{ id: 1, title: 'Payments failover', steps: 2 }] })
    const stepIds = () => JSON.parse(casefile('query', '--db', db, 'SELECT step_id FROM runbook_steps ORDER BY ordinal').stdout).map((row: { step_id: string }) => row.step_id)
    const before = stepIds()
    const revisions = () => JSON.parse(casefile('query', '--db', db, 'SELECT count(*) AS n FROM runbook_revisions').stdout)[0].n

    expect(JSON.parse(casefile('runbook', 'import', '--db', db, file).stdout)).toEqual(first)
    expect(revisions()).toBe(1)

    writeFileSync(file, '# Payments failover\n\n1. Check the acquirer error rate.\n2. Fail over.\n3. Tell the merchants.\n')
    expect(JSON.parse(casefile('runbook', 'import', '--db', db, file).stdout)).toEqual({ runbooks: [{ id: 1, title: 'Payments failover', steps: 3 }] })
    expect(revisions()).toBe(2)
    expect(stepIds().slice(0, 2)).toEqual(before)
    expect(JSON.parse(casefile('query', '--db', db, 'SELECT count(*) AS n FROM runbooks').stdout)).toEqual([{ n: 1 }])
  })

  it('takes the owner a file names, and says which cited steps a new version of the file drops', () => {
    const dir = tempDir()
    const db = join(dir, 'w.sqlite')
    const file = join(dir, 'failover.md')
    writeFileSync(file, '# Payments failover\n\nOwner: team-payments. Use when charges fail.\n\n1. Check the **acquirer** error rate.\n2. Fail over.\n')
    casefile('runbook', 'import', '--db', db, file)
    expect(JSON.parse(casefile('query', '--db', db, 'SELECT owner FROM runbooks').stdout)).toEqual([{ owner: 'team-payments' }])

    const workspace = Workspace.open(db)
    const incident = workspace.createIncident('Charges fail')
    const anchors = { timeMs: 1, traceId: null, spanId: null, node: null, edge: null }
    const [checked, failedOver] = getRunbook(workspace.db, 1).steps
    for (const [title, step] of [['Acquirer errors', checked], ['Retries', checked], ['Failed over', failedOver]] as const) {
      linkFinding(workspace.db, createFinding(workspace.db, incident.id, { title, notes: '', severity: 'low', tags: [], author: '', anchors }).id, 1, step.id)
    }
    workspace.close()
    writeFileSync(file, '# Payments failover\n\nOwner: team-payments. Use when charges fail.\n\n1. Fail over.\n')
    const run = casefile('runbook', 'import', '--db', db, file)
    expect(run.code).toBe(0)
    expect(run.stderr).toBe(`casefile: ${file}: step 1 (“Check the acquirer error rate.”), cited by 2 findings, is gone; they now cite a step since removed\n`)
  })

  it('exports runbooks to a folder as markdown named after their titles, which import again unchanged', () => {
    const dir = tempDir()
    const db = join(dir, 'w.sqlite')
    casefile('runbook', 'import', '--db', db, join(runbooks, 'checkout-502.md'), join(runbooks, 'inventory-stock.md'))
    const out = join(dir, 'runbooks')
    mkdirSync(out)
    const run = casefile('runbook', 'export', '--db', db, '--out', out)
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({
      runbooks: [
        { id: 2, title: 'Inventory reservations fail', file: join(out, 'Inventory-reservations-fail.md') },
        { id: 1, title: 'Checkout returns 502', file: join(out, 'Checkout-returns-502.md') },
      ],
    })
    expect(readFileSync(join(out, 'Checkout-returns-502.md'), 'utf8')).toBe(readFileSync(join(runbooks, 'checkout-502.md'), 'utf8'))
    const revisions = () => JSON.parse(casefile('query', '--db', db, 'SELECT count(*) AS n FROM runbook_revisions').stdout)[0].n
    const before = revisions()
    expect(casefile('runbook', 'import', '--db', db, join(out, 'Checkout-returns-502.md'), join(out, 'Inventory-reservations-fail.md')).code).toBe(0)
    expect(revisions()).toBe(before)

    // One by title or id; an unknown one names itself and writes nothing.
    expect(JSON.parse(casefile('runbook', 'export', '--db', db, '--out', out, 'Checkout returns 502').stdout).runbooks.map((r: { id: number }) => r.id)).toEqual([1])
    const unknown = casefile('runbook', 'export', '--db', db, '--out', out, '7')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('no runbook "7"')
    expect(casefile('runbook', 'export', '--db', db, '--out', join(dir, 'missing')).stderr).toContain('no such folder')
    const file = join(dir, 'notes.txt')
    writeFileSync(file, '')
    expect(casefile('runbook', 'export', '--db', db, '--out', file).stderr).toContain('is a file; --out takes the folder')

    // Titles making one file name: exported alone or with all, each keeps its own name; named twice, written once.
    const clash = join(dir, 'clash.md')
    writeFileSync(clash, '# checkout returns 502?\n\n1. Look.\n')
    casefile('runbook', 'import', '--db', db, clash)
    const fileOf = (...names: string[]) => JSON.parse(casefile('runbook', 'export', '--db', db, '--out', out, ...names).stdout).runbooks.map((r: { file: string }) => r.file)
    const [first, second] = fileOf('1', '3')
    expect(second).not.toBe(first)
    expect(fileOf('3')).toEqual([second])
    expect(fileOf('3', 'checkout returns 502?')).toEqual([second])
  })

  it('carries the owner and tags set beside the text to another workspace, in front matter', () => {
    const dir = tempDir()
    const db = join(dir, 'w.sqlite')
    const workspace = Workspace.open(db)
    saveRunbook(workspace.db, { markdown: '# Payments failover\n\n1. Fail over.\n', owner: 'team-payments', tags: ['payments', 'p1'] })
    workspace.close()
    const out = join(dir, 'runbooks')
    mkdirSync(out)
    casefile('runbook', 'export', '--db', db, '--out', out)
    const file = join(out, 'Payments-failover.md')
    expect(readFileSync(file, 'utf8')).toBe('---\nowner: team-payments\ntags: [payments, p1]\n---\n\n# Payments failover\n\n1. Fail over.\n')
    const elsewhere = join(dir, 'other.sqlite')
    expect(casefile('runbook', 'import', '--db', elsewhere, file).code).toBe(0)
    const kept = (path: string) => JSON.parse(casefile('query', '--db', path, 'SELECT markdown, owner, tags FROM runbooks').stdout)
    expect(kept(elsewhere)).toEqual(kept(db))
    // Back where it came from, it changes nothing.
    const revisions = () => JSON.parse(casefile('query', '--db', db, 'SELECT count(*) AS n FROM runbook_revisions').stdout)[0].n
    const before = revisions()
    casefile('runbook', 'import', '--db', db, file)
    expect(revisions()).toBe(before)
  })

  it('refuses two files of one title, which would be one runbook, the second replacing the first', () => {
    const dir = tempDir()
    const db = join(dir, 'w.sqlite')
    const [first, second] = [join(dir, 'failover.md'), join(dir, 'failover-v2.md')]
    writeFileSync(first, '# Payments failover\n\n1. Check the acquirer error rate.\n')
    writeFileSync(second, '# Payments failover\n\n1. Fail over at once.\n')
    casefile('runbook', 'import', '--db', db, join(runbooks, 'inventory-stock.md'))
    const run = casefile('runbook', 'import', '--db', db, first, second)
    expect(run.code).toBe(1)
    expect(run.stderr.trim()).toBe(`casefile: ${second}: has the title “Payments failover”, as ${first} does; give one of them another # heading`)
    expect(JSON.parse(casefile('query', '--db', db, 'SELECT title FROM runbooks').stdout)).toEqual([{ title: 'Inventory reservations fail' }])
  })

  it('refuses an empty file, or one that is not markdown, as the app does', () => {
    const dir = tempDir()
    const db = join(dir, 'w.sqlite')
    const empty = join(dir, 'empty.md')
    writeFileSync(empty, '\n')
    const trace = join(data, 'checkout.zipkin.json')
    for (const [file, reason] of [
      [empty, 'the file is empty'],
      [trace, 'not a markdown file (.md or .markdown)'],
    ]) {
      const run = casefile('runbook', 'import', '--db', db, join(runbooks, 'inventory-stock.md'), file)
      expect([run.code, run.stderr.trim()]).toEqual([1, `casefile: ${file}: ${reason}`])
    }
    expect(existsSync(db)).toBe(false)
  })

  it('imports nothing when one file cannot be read', () => {
    const db = join(tempDir(), 'w.sqlite')
    casefile('runbook', 'import', '--db', db, join(runbooks, 'inventory-stock.md'))
    const run = casefile('runbook', 'import', '--db', db, join(runbooks, 'checkout-502.md'), join(runbooks, 'missing.md'))
    expect(run.code).toBe(1)
    expect(run.stderr.trim()).toMatch(/missing\.md: no such file$/)
    expect(JSON.parse(casefile('search', '--db', db, 'checkout').stdout)).toEqual({ hits: [] })
    expect(JSON.parse(casefile('search', '--db', db, 'inventory').stdout).hits).toHaveLength(1)
  })
})

describe('casefile export and import of a bundle', () => {
  it('moves an incident to a fresh workspace once, and refuses a damaged bundle', () => {
    const dir = tempDir()
    const source = join(dir, 'source.sqlite')
    casefile('import', '--db', source, '--incident', 'Checkout 502', join(data, 'checkout.otlp.json'), join(data, 'checkout-session.rrweb.json'))
    const bundle = join(dir, 'checkout.casefile')
    const exported = JSON.parse(casefile('export', '--db', source, '--incident', 'Checkout 502', '--out', bundle).stdout)
    expect(exported).toMatchObject({ incident: { title: 'Checkout 502' }, file: bundle })

    const target = join(dir, 'target.sqlite')
    const first = JSON.parse(casefile('import', '--db', target, bundle).stdout)
    expect(first).toMatchObject({ incident: { title: 'Checkout 502' }, alreadyPresent: false })
    expect(first.artifacts.map((artifact: { kind: string }) => artifact.kind).sort()).toEqual(['session', 'trace'])
    expect(JSON.parse(casefile('import', '--db', target, bundle).stdout).alreadyPresent).toBe(true)
    expect(JSON.parse(casefile('query', '--db', target, 'SELECT count(*) AS n FROM incidents').stdout)).toEqual([{ n: 1 }])

    // Into a workspace with an incident of its own of that title: both are kept, and stderr says so.
    const mine = join(dir, 'mine.sqlite')
    casefile('import', '--db', mine, '--incident', 'Checkout 502', join(data, 'checkout.zipkin.json'))
    const beside = casefile('import', '--db', mine, bundle)
    expect(beside.stderr.trim()).toBe('casefile: another incident here is titled “Checkout 502” too; both are kept, rename one to tell them apart')
    expect(JSON.parse(casefile('query', '--db', mine, "SELECT count(*) AS n FROM incidents WHERE title = 'Checkout 502'").stdout)).toEqual([{ n: 2 }])

    // Piped in, the same shape, and the same word on stderr.
    const piped = casefileWithInput(readFileSync(bundle), 'import', '--db', join(dir, 'piped.sqlite'), '-')
    expect(piped.stderr).toBe('')
    expect(Object.keys(JSON.parse(piped.stdout))).toEqual(['incident', 'artifacts', 'alreadyPresent', 'merged'])
    const mine2 = join(dir, 'mine2.sqlite')
    casefile('import', '--db', mine2, '--incident', 'Checkout 502', join(data, 'checkout.zipkin.json'))
    const pipedBeside = casefileWithInput(readFileSync(bundle), 'import', '--db', mine2, '-')
    expect(pipedBeside.stderr.trim()).toBe(beside.stderr.trim())
    expect(Object.keys(JSON.parse(pipedBeside.stdout))).toEqual(['incident', 'artifacts', 'alreadyPresent', 'merged'])

    // A bundle is not a workspace to write into: it would no longer import.
    const asWorkspace = casefile('import', '--db', bundle, join(data, 'checkout.zipkin.json'))
    expect([asWorkspace.code, asWorkspace.stderr]).toEqual([1, `casefile: ${bundle} is a .casefile bundle, not a workspace: import it into one instead\n`])
    expect(JSON.parse(casefile('import', '--db', join(dir, 'again.sqlite'), bundle).stdout).incident.title).toBe('Checkout 502')

    // One from a newer Casefile is named as the bundle, not taken for the workspace.
    const newer = join(dir, 'newer.casefile')
    writeFileSync(newer, readFileSync(bundle))
    const db = new Database(newer)
    db.pragma('user_version = 999')
    db.close()
    const future = casefile('import', '--db', join(dir, 'future.sqlite'), newer)
    expect(future.code).toBe(1)
    expect(future.stderr).toMatch(new RegExp(`^casefile: ${newer}: the bundle was written by a newer Casefile \\(schema 999, this build knows \\d+\\); update Casefile to import it\n$`))

    const damaged = join(dir, 'damaged.casefile')
    writeFileSync(damaged, readFileSync(bundle).subarray(0, 4096))
    const run = casefile('import', '--db', join(dir, 'other.sqlite'), damaged)
    expect(run.code).toBe(1)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/damaged\.casefile: .*(damaged|not a Casefile bundle)/)
  })

  it('never writes the bundle over the workspace, another workspace or a folder', () => {
    const dir = tempDir()
    const source = join(dir, 'team.sqlite')
    casefile('import', '--db', source, '--incident', 'Checkout 502', join(data, 'checkout.otlp.json'))
    casefile('import', '--db', source, '--incident', 'Payroll', join(data, 'checkout.zipkin.json'))
    const other = join(dir, 'other.sqlite')
    casefile('import', '--db', other, '--incident', 'Kept', join(data, 'checkout.zipkin.json'))
    const refused = (out: string, reason: RegExp) => {
      const run = casefile('export', '--db', source, '--incident', 'Checkout 502', '--out', out)
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(reason)
    }
    refused(source, /is the workspace being exported from/)
    refused(other, /is a Casefile workspace, not a bundle/)
    refused(dir, /is a folder/)
    refused(join(dir, 'missing', 'x.casefile'), /the folder .*missing does not exist/)
    // A pipe (as a device) is no file to copy into; a failed copy would have unlinked it.
    const pipe = join(dir, 'pipe')
    execFileSync('mkfifo', [pipe])
    refused(pipe, /is not a regular file/)
    expect(statSync(pipe).isFIFO()).toBe(true)
    // Not a file named "-" (which `import -` would then read as standard input).
    const dash = casefile('export', '--db', source, '--incident', 'Checkout 502', '--out', '-')
    expect([dash.code, dash.stderr.split('\n')[0]]).toEqual([2, 'casefile: --out needs a file path: a bundle is a file, not a stream (- is not standard output here)'])
    expect(JSON.parse(casefile('query', '--db', source, 'SELECT count(*) AS n FROM incidents').stdout)).toEqual([{ n: 2 }])
    expect(JSON.parse(casefile('query', '--db', other, 'SELECT title FROM incidents').stdout)).toEqual([{ title: 'Kept' }])
    // An older bundle there is replaced.
    const bundle = join(dir, 'checkout.casefile')
    expect(casefile('export', '--db', source, '--incident', 'Checkout 502', '--out', bundle).code).toBe(0)
    expect(casefile('export', '--db', source, '--incident', 'Checkout 502', '--out', bundle).code).toBe(0)
  })
})

describe('casefile query', () => {

  it('stops quietly when its reader stops early (| head)', () => {
    const db = join(tempDir(), 'w.sqlite')
    casefile('import', '--db', db, join(data, 'checkout.otlp.json'))
    const sql = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) SELECT i FROM n'
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" query --db "${db}" "${sql}" | head -c 10`], { encoding: 'utf8', env: { ...process.env, CASEFILE_HOME: tempDir() } })
    expect(run.stdout.startsWith('[{"i":1},')).toBe(true)
    expect(run.stderr).toBe('')
  })
})

describe('casefile help', () => {
  it('describes the commands and each command, and a command used wrongly with its own usage', () => {
    expect(casefile('--help').stdout).toMatch(/import[\s\S]*query[\s\S]*serve/)
    expect(casefile('import', '--help').stdout).toContain('casefile import [--db PATH] [--incident TITLE] FILE...')
    expect(casefile('help', 'import').stdout).toBe(casefile('import', '--help').stdout)
    const wrong = casefile('query', '--incident', 'x', 'SELECT 1')
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('query does not take --incident')
    // With that command's usage, not the list of commands.
    expect(wrong.stderr).toContain('Usage: casefile query')
    expect(wrong.stderr).not.toContain('Commands:')
    const version = casefile('--version')
    expect(version.stdout).toMatch(/^casefile \d+\.\d+\.\d+ \(workspace schema \d+\)\n$/)
    expect(casefile('-V').stdout).toBe(version.stdout)
    // No command: the usage, as a mistake.
    for (const args of [[], ['--db', 'w.sqlite']]) {
      const none = casefile(...args)
      expect(none.code).toBe(2)
      expect(none.stderr).toContain('Commands:')
    }
    // SQL opening on a comment reads as an option: the error says how to give it.
    const comment = casefile('query', '-- why\nSELECT 1')
    expect(comment.code).toBe(2)
    expect(comment.stderr).toContain('text starting with - goes after a lone --: casefile query -- "-- why\\nSELECT 1"')
    const unknown = casefile('frobnicate')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('Commands:')
  })
})

describe('casefile serve', () => {
  let server: ChildProcess | null = null
  afterEach(() => {
    server?.kill()
    server = null
  })

  it('prints a URL with a token, serves the UI, and refuses the socket without the token', async () => {
    const dir = tempDir()
    server = spawn(process.execPath, [bin, 'serve', '--db', join(dir, 'w.sqlite'), '--port', '0'], { env: { ...process.env, CASEFILE_HOME: dir } })
    const url = await new Promise<string>((resolve, reject) => {
      let output = ''
      server!.stdout!.on('data', (chunk) => {
        output += chunk
        const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output)
        if (match) resolve(match[0])
      })
      server!.on('exit', (code) => reject(new Error(`serve exited with ${code}`)))
    })
    const page = await fetch(url)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="root">')

    const { host, searchParams } = new URL(url)
    expect(await upgradeStatus(`ws://${host}/api`)).toBe(401)
    expect(await upgradeStatus(`ws://${host}/api?token=${searchParams.get('token')}`)).toBe(101)
  })

  it('on an address not of this machine says so, any port, and leaves no workspace behind', () => {
    const db = join(tempDir(), 'w.sqlite')
    const run = casefile('serve', '--db', db, '--host', '192.0.2.1', '--port', '0')
    expect([run.code, run.stderr.trim()]).toEqual([1, 'casefile: --host 192.0.2.1 is not an address of this machine'])
    expect(existsSync(db)).toBe(false)
  })

  it('on a busy port says so and leaves no workspace behind', async () => {
    const busy = createServer()
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = busy.address() as AddressInfo
      const db = join(tempDir(), 'w.sqlite')
      const run = casefile('serve', '--db', db, '--port', String(port))
      expect(run.code).toBe(1)
      expect(run.stderr).toContain(`port ${port} on 127.0.0.1 is in use`)
      expect(existsSync(db)).toBe(false)
    } finally {
      busy.close()
    }
  })
})

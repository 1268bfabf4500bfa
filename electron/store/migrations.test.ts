import Database from 'better-sqlite3'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../import/import-files'
import { importedIncident } from '../test-support/imported'
import { tempDir } from '../test-support/temp'
import { saveDiagram } from './diagrams'
import { LATEST_VERSION, migrate } from './migrations'
import { search } from './search'
import { listTraces } from './trace-queries'
import { Workspace } from './workspace'

/** The last schema version of which `holds` is true. */
function lastVersionWhere(holds: (db: Database.Database) => boolean): number {
  let last = -1
  for (let version = 1; version <= LATEST_VERSION; version++) {
    const scratch = new Database(':memory:')
    try {
      migrate(scratch, version)
      if (holds(scratch)) last = version
    } finally {
      scratch.close()
    }
  }
  if (last < 0) throw new Error('it holds of no version')
  return last
}

const tables = (db: Database.Database) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]

/** The last schema version in which no column `column` of `table` exists yet. */
function versionBefore(table: string, column: string): number {
  const db = new Database(':memory:')
  try {
    for (let version = 1; version <= LATEST_VERSION; version++) {
      migrate(db, version)
      if ((db.prepare('SELECT count(*) FROM pragma_table_info(?) WHERE name = ?').pluck().get(table, column) as number) > 0) return version - 1
    }
    throw new Error(`${table}.${column} is never added`)
  } finally {
    db.close()
  }
}

describe('workspace migrations', () => {
  it('create the whole schema in an empty file, with WAL and foreign keys on', () => {
    const path = join(tempDir(), 'new.sqlite')
    const workspace = Workspace.open(path)
    expect(workspace.isNew).toBe(true)
    expect(workspace.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    expect(workspace.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(workspace.db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(tables(workspace.db)).toEqual(
      expect.arrayContaining(['incidents', 'artifacts', 'spans', 'resources', 'session_chunks', 'session_markers', 'session_trace_ids', 'prefs']),
    )
    workspace.close()
    const again = Workspace.open(path)
    expect(again.isNew).toBe(false)
    again.close()
  })

  it.each(Array.from({ length: LATEST_VERSION }, (_, version) => version))('upgrade a file at version %i to the latest, keeping its data', (version) => {
    const path = join(tempDir(), 'old.sqlite')
    const old = new Database(path)
    migrate(old, version)
    expect(old.pragma('user_version', { simple: true })).toBe(version)
    if (version >= 1) old.prepare("INSERT INTO incidents (title, created_at, updated_at) VALUES ('kept', 1, 1)").run()
    old.close()

    const workspace = Workspace.open(path)
    expect(workspace.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    if (version >= 1) expect(workspace.listIncidents().map((incident) => incident.title)).toEqual(['kept'])
    workspace.close()
  })

  it('give a finding and its earlier bundled copy, migrated each in its own workspace, the same uid', () => {
    const uids = (rowsBefore: number) => {
      const path = join(tempDir(), 'before-uids.sqlite')
      const old = new Database(path)
      migrate(old, versionBefore('findings', 'uid'))
      // The copy's rows sit after other rows of its workspace, as an imported bundle's do.
      for (let i = 0; i < rowsBefore; i++) old.prepare("INSERT INTO incidents (uid, title, created_at, updated_at) VALUES (?, 'other', 0, 0)").run(`other${i}`)
      const incidentId = old.prepare("INSERT INTO incidents (uid, title, created_at, updated_at) VALUES ('c0ffee', 'Checkout 502', 0, 0)").run().lastInsertRowid
      old.prepare("INSERT INTO artifacts (incident_id, kind, format, file_name, imported_at, start_ms, end_ms, summary) VALUES (?, 'trace', 'otlp', 'traces.json', 7, 0, 0, '{}')").run(incidentId)
      const finding = old.prepare("INSERT INTO findings (incident_id, title, severity, author, anchor_node, created_at, updated_at) VALUES (?, ?, 'high', 'ana', 'db', 5, 5)")
      finding.run(incidentId, 'Timeout')
      finding.run(incidentId, 'Written in the same millisecond')
      old.close()
      const workspace = Workspace.open(path)
      const read = (table: string) => workspace.db.prepare(`SELECT uid FROM ${table} WHERE incident_id = ? ORDER BY id`).pluck().all(incidentId) as string[]
      const found = { findings: read('findings'), artifacts: read('artifacts') }
      workspace.close()
      return found
    }
    const here = uids(0)
    expect(uids(3)).toEqual(here)
    expect(new Set(here.findings).size).toBe(2)
    expect(here.findings[0]).toMatch(/^[0-9a-f]{32}$/)
  })

  it('list the traces of files imported before each trace was summed up, as imported now', () => {
    const { workspace, incidentId } = importedIncident('checkout.otlp.json', 'checkout.jaeger.json', 'checkout.zipkin.json')
    const listed = listTraces(workspace.db, incidentId)
    const lastWithout = lastVersionWhere((db) => !tables(db).includes('file_traces'))
    // One file's columns not kept yet (as for traces imported before they were, never opened): worked out again.
    workspace.db.exec(`DROP TABLE file_traces; DELETE FROM trace_columns WHERE artifact_id = (SELECT min(id) FROM artifacts); PRAGMA user_version = ${lastWithout}`)
    workspace.close()
    const reopened = Workspace.open(workspace.path)
    expect(listTraces(reopened.db, incidentId)).toEqual(listed)
    reopened.close()
  })

  it('turn version 1 console-error markers into console markers at error level', () => {
    const path = join(tempDir(), 'v1.sqlite')
    const old = new Database(path)
    migrate(old, 1)
    old.exec(`INSERT INTO incidents (id, title, created_at, updated_at) VALUES (1, 'i', 0, 0);
      INSERT INTO artifacts (id, incident_id, kind, format, file_name, imported_at, start_ms, end_ms, summary) VALUES (1, 1, 'session', 'rrweb', 'f', 0, 0, 0, '{}');
      INSERT INTO session_markers (artifact_id, kind, time_ms, label) VALUES (1, 'console-error', 5, 'boom'), (1, 'click', 6, 'Click at 1, 2');`)
    old.close()
    const workspace = Workspace.open(path)
    expect(workspace.db.prepare('SELECT kind, level, failed, label FROM session_markers ORDER BY time_ms').all()).toEqual([
      { kind: 'console', level: 'error', failed: 0, label: 'boom' },
      { kind: 'click', level: null, failed: 0, label: 'Click at 1, 2' },
    ])
    workspace.close()
  })

  it('give diagrams saved before bundles carried them an id of their own, kept by new saves', () => {
    const path = join(tempDir(), 'diagrams.sqlite')
    const old = new Database(path)
    migrate(old, versionBefore('diagrams', 'uid'))
    old.exec(`INSERT INTO diagrams (id, title, created_at, updated_at) VALUES (1, 'checkout', 0, 0), (2, 'payments', 0, 0)`)
    old.close()
    const workspace = Workspace.open(path)
    const uids = () => workspace.db.prepare('SELECT uid FROM diagrams ORDER BY id').pluck().all() as string[]
    const [first, second] = uids()
    expect(first).toMatch(/^[0-9a-f]{32}$/)
    expect(second).not.toBe(first)
    saveDiagram(workspace.db, { id: 1, title: 'checkout v2', content: { nodes: [], edges: [] } })
    saveDiagram(workspace.db, { title: 'new', content: { nodes: [], edges: [] } })
    expect(uids()).toEqual([first, second, expect.stringMatching(/^[0-9a-f]{32}$/)])
    expect(new Set(uids()).size).toBe(3)
    workspace.close()
  })

  it('index the runbooks and findings of a workspace searched with a stemmer again, for prefixes as typed', () => {
    const path = join(tempDir(), 'stemmed.sqlite')
    const old = new Database(path)
    migrate(old, lastVersionWhere((db) => /porter/.test(String(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'search_index'").pluck().get()))))
    old.exec(`INSERT INTO runbooks (id, title, markdown, created_at, updated_at, uid) VALUES (1, 'Deployments', '# Deployments\n\n1. Roll back the payment service.\n', 0, 0, 'r1')`)
    old.close()
    const workspace = Workspace.open(path)
    expect(search(workspace.db, 'pay').map((hit) => hit.title)).toEqual(['Deployments'])
    expect(search(workspace.db, 'deploym').map((hit) => hit.title)).toEqual(['Deployments'])
    workspace.close()
  })

  it('index the words of Japanese text written before words without spaces were split', () => {
    const path = join(tempDir(), 'unsplit.sqlite')
    const old = new Database(path)
    const trigger = (db: Database.Database) => db.prepare("SELECT sql FROM sqlite_master WHERE name = 'runbooks_indexed'").pluck().get() as string | undefined
    migrate(old, lastVersionWhere((db) => !trigger(db)?.includes('search_words')))
    old.exec(`INSERT INTO runbooks (id, title, markdown, created_at, updated_at, uid) VALUES (1, '決済の障害', '# 決済の障害\n\n1. 決済サービスを再起動する\n', 0, 0, 'r1')`)
    expect(search(old, 'サービス')).toEqual([])
    old.close()
    const workspace = Workspace.open(path)
    expect(search(workspace.db, 'サービス').map((hit) => hit.title)).toEqual(['決済の障害'])
    workspace.close()
  })

  it("index tags as words, so a finding found by its tag shows the tag, not its list's JSON", () => {
    const path = join(tempDir(), 'tags.sqlite')
    const old = new Database(path)
    const trigger = (db: Database.Database) => db.prepare("SELECT sql FROM sqlite_master WHERE name = 'findings_indexed'").pluck().get() as string | undefined
    migrate(old, lastVersionWhere((db) => !trigger(db)?.includes('json_each')))
    old.exec(`INSERT INTO incidents (id, title, created_at, updated_at, uid) VALUES (1, 'Checkout 502', 0, 0, 'i1')`)
    old.exec(`INSERT INTO findings (id, incident_id, title, notes, severity, author, tags, created_at, updated_at, uid)
      VALUES (1, 1, 'Retries double the load', 'Seen at 14:02.', 'high', 'ana', '["payments","timeout"]', 0, 0, 'f1')`)
    old.close()
    const workspace = Workspace.open(path)
    const [hit] = search(workspace.db, 'payments')
    expect(hit.title).toBe('Retries double the load')
    expect(hit.snippet).toContain('<mark>payments</mark> timeout')
    expect(hit.snippet).not.toContain('[')
    workspace.close()
  })

  it('refuse a file from a newer Casefile and leave it untouched', () => {
    const path = join(tempDir(), 'future.sqlite')
    const future = new Database(path)
    future.pragma(`user_version = ${LATEST_VERSION + 1}`)
    future.close()
    expect(() => Workspace.open(path)).toThrow(/newer Casefile/)
    const check = new Database(path)
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1)
    expect(tables(check)).toEqual([])
    check.close()
  })

  it('deleting an incident removes everything imported into it', () => {
    const workspace = Workspace.open(join(tempDir(), 'w.sqlite'))
    const incident = workspace.createIncident('outage')
    const artifact = workspace.db
      .prepare("INSERT INTO artifacts (incident_id, kind, format, file_name, imported_at, start_ms, end_ms, summary) VALUES (?, 'session', 'rrweb', 'f', 0, 0, 0, '{}')")
      .run(incident.id).lastInsertRowid
    workspace.db.prepare("INSERT INTO session_markers (artifact_id, kind, time_ms, label) VALUES (?, 'click', 1, 'x')").run(artifact)
    expect(workspace.deleteIncident(incident.id)).toBe(true)
    expect(workspace.db.prepare('SELECT count(*) FROM session_markers').pluck().get()).toBe(0)
    expect(workspace.db.prepare('SELECT count(*) FROM artifacts').pluck().get()).toBe(0)
    workspace.close()
  })
})

describe('idle stretches', () => {
  it('are found again in recordings imported before they were kept', () => {
    const path = join(tempDir(), 'idle.sqlite')
    const workspace = Workspace.open(path)
    const events = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'demo', 'checkout-session.rrweb.json'), 'utf8')) as Array<{ type: number; timestamp: number }>
    const secondPage = events.findLastIndex((event) => event.type === 4)
    const file = join(tempDir(), 'idle.json')
    writeFileSync(file, JSON.stringify(events.map((event, index) => (index >= secondPage ? { ...event, timestamp: event.timestamp + 40_000 } : event))))
    importFiles(workspace, { title: 'idle' }, [{ path: file, name: 'idle.json' }])
    const idle = (db: Database.Database) => db.prepare('SELECT artifact_id, from_ms, to_ms FROM session_idle ORDER BY from_ms').all()
    const found = idle(workspace.db)
    expect(found).toHaveLength(1)
    workspace.db.exec(`DROP TABLE session_idle; PRAGMA user_version = ${lastVersionWhere((db) => !tables(db).includes('session_idle'))}`)
    workspace.close()
    const reopened = Workspace.open(path)
    expect(idle(reopened.db)).toEqual(found)
    reopened.close()
  })
})

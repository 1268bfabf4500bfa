import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { FormatError } from '../../shared/formats/errors'
import { MAX_CLOCK_OFFSET_MS } from '../../shared/api/contract'
import { ArtifactSummary, type Incident } from '../../shared/domain/model'
import { embeddedDiagramIds, renumberDiagramEmbeds } from '../../shared/runbooks/embeds'
import { highestId } from '../store/ids'
import { removeArtifact } from '../store/artifacts'
import { LATEST_VERSION } from '../store/migrations'
import { joinSharedTraces } from '../store/service-graph'
import { saveRunbook } from '../store/runbooks'
import { registerSearchWords } from '../store/search-words'
import { Workspace } from '../store/workspace'

// A .casefile bundle is a small workspace file holding one incident and everything a colleague
// needs to see it offline: recordings, traces, findings, the runbooks they cite and the diagrams
// those runbooks (and the findings' notes) embed, as last saved. Being SQLite,
// it is checked by SQLite itself on import (integrity_check) and copied with set-based inserts.

const BUNDLE_KEY = 'casefile.bundle'
const BUNDLE_VERSION = 1

interface BundleInfo {
  version: number
  incidentUid: string
  exportedAt: number
}

/** Whether a file starts with SQLite's header, as .casefile bundles do. */
export function isBundleFile(path: string): boolean {
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    const head = Buffer.alloc(16)
    return readSync(fd, head, 0, 16, 0) === 16 && head.toString('latin1') === 'SQLite format 3\0'
  } catch {
    return false
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

const ARTIFACTS = 'artifact_id IN (SELECT id FROM src.artifacts WHERE incident_id = @incidentId)'
const FINDINGS = 'SELECT id FROM src.findings WHERE incident_id = @incidentId AND deleted_at IS NULL'
// The runbooks the findings cite, and those they cited until a citation was taken back (the removal travels too).
const CITED_RUNBOOKS = `SELECT runbook_id FROM src.finding_links WHERE finding_id IN (${FINDINGS}) UNION SELECT runbook_id FROM src.removed_citations WHERE finding_id IN (${FINDINGS})`

/** What an incident's bundle holds: each table in dependency order, with the rows to take. */
const BUNDLE_ROWS: Array<[table: string, where: string]> = [
  ['incidents', 'id = @incidentId'],
  ['artifacts', 'incident_id = @incidentId'],
  ['resources', ARTIFACTS],
  ['spans', ARTIFACTS],
  ['session_chunks', ARTIFACTS],
  ['session_markers', ARTIFACTS],
  ['session_trace_ids', ARTIFACTS],
  ['session_idle', ARTIFACTS],
  ['service_calls', ARTIFACTS],
  ['service_spans', ARTIFACTS],
  ['file_traces', ARTIFACTS],
  ['findings', `id IN (${FINDINGS})`],
  ['runbooks', `id IN (${CITED_RUNBOOKS})`],
  ['runbook_steps', `runbook_id IN (${CITED_RUNBOOKS})`],
  ['runbook_revisions', `runbook_id IN (${CITED_RUNBOOKS})`],
  ['finding_links', `finding_id IN (${FINDINGS})`],
  ['removed_citations', `finding_id IN (${FINDINGS})`],
  ['removed_artifacts', 'incident_id = @incidentId'],
]

/**
 * A deleted finding travels as a blank row that says when it was deleted: the deletion reaches the
 * other workspace, but not what the finding said.
 */
const DELETED_FINDING_BLANKS = {
  title: "''",
  notes: "''",
  tags: "'[]'",
  author: "''",
  anchor_time_ms: 'NULL',
  anchor_trace_id: 'NULL',
  anchor_span_id: 'NULL',
  anchor_node: 'NULL',
  anchor_edge: 'NULL',
}

/** The authored diagrams the bundle's runbooks and findings embed, with their current revision. */
const EMBEDDED_DIAGRAMS: Array<[table: string, where: string]> = [
  ['diagrams', 'id IN (SELECT value FROM json_each(@diagramIds))'],
  ['diagram_revisions', 'id IN (SELECT max(id) FROM src.diagram_revisions WHERE diagram_id IN (SELECT value FROM json_each(@diagramIds)) GROUP BY diagram_id)'],
]

/** The diagrams some runbooks and findings' notes embed, as a JSON array of ids. */
const embeddedIn = (db: Database.Database, schema: string, runbooks = '1', findings = '1') =>
  JSON.stringify(
    (db.prepare(`SELECT markdown FROM ${schema}.runbooks WHERE ${runbooks} UNION ALL SELECT notes FROM ${schema}.findings WHERE ${findings}`).pluck().all() as string[]).flatMap(embeddedDiagramIds),
  )

/**
 * Points the embeds of texts just imported at the diagrams' ids in this workspace. `select` reads
 * the text then the row's key, `update` sets the text then matches the key.
 */
function renumberEmbeds(db: Database.Database, newIds: ReadonlyMap<number, number>, select: string, update: string, params: unknown[] = []): void {
  const write = db.prepare(update)
  for (const [text, ...key] of db.prepare(select).raw().all(...params) as Array<[string, ...unknown[]]>) {
    const renumbered = renumberDiagramEmbeds(text, newIds)
    if (renumbered !== text) write.run(renumbered, ...key)
  }
}

const columnsOf = (db: Database.Database, schema: string, table: string) =>
  db.prepare('SELECT name FROM pragma_table_info(?, ?)').pluck().all(table, schema) as string[]

/** Copies rows from src to main; `set` replaces columns by expressions over the source row. */
function copyRows(db: Database.Database, table: string, where: string, set: Record<string, string> = {}, params: Record<string, unknown> = {}): void {
  const columns = columnsOf(db, 'main', table).filter((column) => set[column] !== 'DROP')
  const values = columns.map((column) => set[column] ?? column)
  db.prepare(`INSERT INTO main.${table} (${columns.join(', ')}) SELECT ${values.join(', ')} FROM src.${table} WHERE ${where}`).run(params)
}

/**
 * Refuses an --out that would destroy something (the workspace itself, a folder, another
 * workspace: a SQLite file that is not a bundle) or cannot be written (no such folder). Any
 * other file there is replaced.
 */
function checkOutPath(workspace: Workspace, outPath: string): void {
  const out = resolve(outPath)
  if ([workspace.path, `${workspace.path}-wal`, `${workspace.path}-shm`].map((path) => resolve(path)).includes(out)) {
    throw new FormatError(`${outPath} is the workspace being exported from; choose another file`)
  }
  if (!existsSync(dirname(out))) throw new FormatError(`${outPath}: the folder ${dirname(outPath)} does not exist`)
  let stats
  try {
    stats = statSync(out)
  } catch {
    return
  }
  if (stats.isDirectory()) throw new FormatError(`${outPath} is a folder; give a file name, e.g. ${join(outPath, 'incident.casefile')}`)
  // A device, pipe or socket: copying into one fails, and the failed copy would unlink it (as libuv does with a copy's target).
  if (!stats.isFile()) throw new FormatError(`${outPath} is not a regular file (a device, pipe or socket); a bundle is written to a file`)
  if (isBundleFile(out) && !hasBundleHeader(out)) throw new FormatError(`${outPath} is a Casefile workspace, not a bundle; it is left as it is`)
}

/** The bundle header of an open SQLite file; undefined for a workspace (or any other file). */
const bundleHeader = (db: Database.Database) => db.prepare('SELECT value FROM prefs WHERE key = ?').pluck().get(BUNDLE_KEY) as string | undefined

/**
 * Refuses a .casefile bundle where a workspace is to be opened: written into as one, it would no
 * longer import (its one incident is what its header names).
 */
export function refuseBundleAsWorkspace(path: string): void {
  if (isBundleFile(path) && hasBundleHeader(path)) throw new FormatError(`${path} is a .casefile bundle, not a workspace: import it into one instead`)
}

/** Whether a SQLite file carries the bundle header. */
function hasBundleHeader(path: string): boolean {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    return bundleHeader(db) !== undefined
  } catch {
    return false
  } finally {
    db.close()
  }
}

/**
 * Writes one incident to a bundle file at `outPath`, replacing any file there; without the
 * authored diagrams it embeds when `diagrams` is false (their embeds then show as missing).
 */
export function exportBundle(workspace: Workspace, incidentId: number, outPath: string, { diagrams = true, now = Date.now() } = {}): { bytes: number } {
  checkOutPath(workspace, outPath)
  const uid = workspace.db.prepare('SELECT uid FROM incidents WHERE id = ?').pluck().get(workspace.getIncident(incidentId).id) as string
  const staging = mkdtempSync(join(tmpdir(), 'casefile-bundle-'))
  const file = join(staging, 'incident.casefile')
  try {
    Workspace.open(file).close()
    const db = new Database(file)
    try {
      registerSearchWords(db)
      db.pragma('journal_mode = DELETE')
      db.prepare('ATTACH DATABASE ? AS src').run(workspace.path)
      db.transaction(() => {
        for (const [table, where] of BUNDLE_ROWS) copyRows(db, table, where, {}, { incidentId })
        copyRows(db, 'findings', 'incident_id = @incidentId AND deleted_at IS NOT NULL', DELETED_FINDING_BLANKS, { incidentId })
        const diagramIds = diagrams ? embeddedIn(db, 'main') : '[]'
        for (const [table, where] of EMBEDDED_DIAGRAMS) copyRows(db, table, where, {}, { diagramIds })
        const info: BundleInfo = { version: BUNDLE_VERSION, incidentUid: uid, exportedAt: now }
        db.prepare('INSERT INTO main.prefs (key, value) VALUES (?, ?)').run(BUNDLE_KEY, JSON.stringify(info))
      })()
      db.exec('DETACH DATABASE src')
      db.exec('VACUUM')
    } finally {
      db.close()
    }
    copyFileSync(file, outPath)
    return { bytes: statSync(outPath).size }
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}

/** Checks a bundle file with SQLite and brings a private copy of it to the current schema. */
function openBundleCopy(path: string, staging: string): { copy: string; info: BundleInfo } {
  const copy = join(staging, 'incoming.casefile')
  try {
    copyFileSync(path, copy)
  } catch (error) {
    throw new FormatError((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read it (${(error as Error).message})`)
  }
  let info: BundleInfo
  try {
    const db = new Database(copy, { fileMustExist: true })
    try {
      const check = db.pragma('integrity_check', { simple: true })
      if (check !== 'ok') throw new FormatError(`the bundle is damaged (${String(check)})`)
      const header = bundleHeader(db)
      if (!header) throw new FormatError('not a Casefile bundle (it has no bundle header)')
      info = JSON.parse(header) as BundleInfo
      const schema = db.pragma('user_version', { simple: true }) as number
      if (schema > LATEST_VERSION) throw new FormatError(`the bundle was written by a newer Casefile (schema ${schema}, this build knows ${LATEST_VERSION}); update Casefile to import it`)
    } finally {
      db.close()
    }
  } catch (error) {
    if (error instanceof FormatError) throw error
    throw new FormatError(`not a Casefile bundle, or a damaged one (${(error as Error).message})`)
  }
  if (info.version !== BUNDLE_VERSION || typeof info.incidentUid !== 'string') throw new FormatError(`unsupported bundle version ${JSON.stringify(info.version)}`)
  Workspace.open(copy).close() // migrates an older bundle's schema
  checkRows(copy, info)
  return { copy, info }
}

/** Columns holding JSON text, which the app parses when it reads them, and the JSON type each holds. */
const JSON_COLUMNS: Record<string, Record<string, 'object' | 'array'>> = {
  artifacts: { summary: 'object' },
  resources: { attributes: 'object' },
  spans: { attributes: 'object', events: 'array', links: 'array' },
  session_chunks: { events: 'array' },
  findings: { tags: 'array' },
  runbooks: { tags: 'array' },
  runbook_revisions: { step_ids: 'array' },
  diagram_revisions: { content: 'object' },
}

/** The storage classes a column of each declared type may hold (SQLite itself does not insist). */
const STORAGE_CLASSES: Record<string, string[]> = { INTEGER: ['integer'], REAL: ['real', 'integer'], TEXT: ['text'] }

/**
 * A bundle is a file someone else wrote: before any of it is copied, its rows must be what this
 * workspace could have written (one incident, the header's; values of their columns' types; JSON
 * where the app reads JSON; relations that hold), so nothing half-copied or unreadable lands here.
 */
function checkRows(path: string, info: BundleInfo): void {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    const incidents = db.prepare('SELECT uid FROM incidents').pluck().all() as unknown[]
    if (incidents.length !== 1 || incidents[0] !== info.incidentUid) throw new FormatError('the bundle does not hold exactly the one incident its header names')
    for (const table of new Set([...BUNDLE_ROWS, ...EMBEDDED_DIAGRAMS].map(([name]) => name))) {
      for (const column of db.prepare('SELECT name, type, "notnull" AS required FROM pragma_table_info(?)').all(table) as Array<{ name: string; type: string; required: number }>) {
        const classes = [...(STORAGE_CLASSES[column.type.toUpperCase()] ?? []), ...(column.required ? [] : ['null'])]
        if (classes.length === 0) continue
        const wrong = db.prepare(`SELECT count(*) FROM "${table}" WHERE typeof("${column.name}") NOT IN (${classes.map((c) => `'${c}'`).join(', ')})`).pluck().get() as number
        if (wrong > 0) throw new FormatError(`the bundle is damaged (${table}.${column.name} holds values of another type)`)
      }
      for (const [column, type] of Object.entries(JSON_COLUMNS[table] ?? {})) {
        const invalid = db.prepare(`SELECT count(*) FROM "${table}" WHERE "${column}" IS NOT NULL AND NOT json_valid("${column}")`).pluck().get() as number
        if (invalid > 0) throw new FormatError(`the bundle is damaged (${table}.${column} is not JSON)`)
        const misshapen = db.prepare(`SELECT count(*) FROM "${table}" WHERE "${column}" IS NOT NULL AND json_type("${column}") != ?`).pluck().get(type) as number
        if (misshapen > 0) throw new FormatError(`the bundle is damaged (${table}.${column} is not a JSON ${type})`)
      }
    }
    for (const summary of db.prepare('SELECT summary FROM artifacts').pluck().all() as string[]) {
      if (!ArtifactSummary.safeParse(JSON.parse(summary)).success) throw new FormatError('the bundle is damaged (an artifact\'s summary is not one Casefile writes)')
    }
    const offClock = db.prepare('SELECT count(*) FROM artifacts WHERE abs(clock_offset_ms) > ?').pluck().get(MAX_CLOCK_OFFSET_MS) as number
    if (offClock > 0) throw new FormatError("the bundle is damaged (a file's clock offset is more than a year)")
    for (const table of ['findings', 'runbooks']) {
      const notText = db.prepare(`SELECT count(*) FROM ${table} t, json_each(t.tags) tag WHERE tag.type != 'text'`).pluck().get() as number
      if (notText > 0) throw new FormatError(`the bundle is damaged (${table}.tags holds something other than words)`)
    }
    if ((db.pragma('foreign_key_check') as unknown[]).length > 0) throw new FormatError('the bundle is damaged (rows refer to rows it does not have)')
    // What a later bundle of the same incident is matched by.
    for (const table of ['artifacts', 'findings']) {
      const unnamed = db.prepare(`SELECT count(*) FROM ${table} WHERE uid IS NULL OR uid IN (SELECT uid FROM ${table} GROUP BY uid HAVING count(*) > 1)`).pluck().get() as number
      if (unnamed > 0) throw new FormatError(`the bundle is damaged (${table} without a uid of their own)`)
    }
  } finally {
    db.close()
  }
}

/** What importing a bundle did. */
export interface BundleImport {
  incident: Incident
  /** The workspace had the incident already (same uid): only what the bundle has more came in. */
  alreadyPresent: boolean
  /** It came in beside another incident of the same title (a different one: another uid). */
  sameTitleAsAnother: boolean
  /**
   * Files and findings new to the workspace, findings the bundle holds a later edit (or new
   * citations) of, runbooks new here or that took a save of the bundle's (its later text, or its
   * earlier one as a revision), and of those the ones edited in both places, with which text is current.
   */
  merged: {
    artifacts: number
    findings: number
    updatedFindings: number
    runbooks: number
    runbooksEditedInBoth: Array<{ title: string; current: 'bundle' | 'here' }>
    clockOffsets: number
    /** Taken out there since (after any edit here): files, findings deleted, and citations taken back. */
    removed: { artifacts: number; findings: number; citations: number }
  }
}

/** SQL: the JSON array of a runbook's step ids in order, in `schema` (main or src). */
const stepIdsOf = (schema: string, runbookId: string) => `(SELECT json_group_array(step_id) FROM (SELECT step_id FROM ${schema}.runbook_steps WHERE runbook_id = ${runbookId} ORDER BY ordinal))`

/** The finding columns an edit changes, which a later edit in a bundle brings in. */
const EDITED_FINDING_COLUMNS = ['title', 'notes', 'severity', 'tags', 'author', 'anchor_time_ms', 'anchor_trace_id', 'anchor_span_id', 'anchor_node', 'anchor_edge', 'updated_at']

/**
 * Imports a bundle in one transaction. An incident the workspace has already (same uid) takes
 * what the bundle has more: files and findings it lacks, and findings edited later there (one
 * deleted here stays deleted). Runbooks and diagrams already present (same uid) are reused
 * rather than copied, a runbook taking the bundle's text when it was saved there later. What was
 * taken out there (a file, a finding, a citation) goes here too, unless changed here since; what
 * was taken out here does not come back. Importing the same bundle twice adds nothing the second time.
 */
export function importBundle(workspace: Workspace, path: string): BundleImport {
  const staging = mkdtempSync(join(tmpdir(), 'casefile-bundle-'))
  try {
    const { copy, info } = openBundleCopy(path, staging)
    const db = workspace.db
    db.prepare('ATTACH DATABASE ? AS src').run(copy)
    try {
      return db
        .transaction((): BundleImport => {
          // New ids: every id shifts by the table's current maximum, so relations hold.
          const shift = Object.fromEntries(['incidents', 'artifacts', 'resources', 'findings', 'runbooks', 'diagrams'].map((table) => [table, highestId(db, table)]))
          const present = db.prepare('SELECT id FROM main.incidents WHERE uid = ?').pluck().get(info.incidentUid) as number | undefined
          if (present === undefined) copyRows(db, 'incidents', '1', { id: `id + ${shift.incidents}` })
          const incidentId = present ?? (db.prepare('SELECT id FROM main.incidents WHERE uid = ?').pluck().get(info.incidentUid) as number)

          // Files taken out of the incident there are taken out here (findings stay, as when it is done
          // here); one taken out here does not come back with a bundle still holding it.
          const removedThere = db
            .prepare('SELECT m.id, r.removed_at AS removedAt FROM main.artifacts m JOIN src.removed_artifacts r ON r.uid = m.uid WHERE m.incident_id = ?')
            .all(incidentId) as Array<{ id: number; removedAt: number }>
          for (const { id, removedAt } of removedThere) removeArtifact(db, id, removedAt)
          db.prepare('INSERT OR IGNORE INTO main.removed_artifacts (uid, incident_id, removed_at) SELECT uid, ?, removed_at FROM src.removed_artifacts').run(incidentId)

          // The files the workspace lacks, with everything read from them.
          db.exec('CREATE TEMP TABLE new_artifacts (old INTEGER PRIMARY KEY)')
          db.exec(
            `INSERT INTO temp.new_artifacts SELECT id FROM src.artifacts
             WHERE uid NOT IN (SELECT uid FROM main.artifacts WHERE uid IS NOT NULL) AND uid NOT IN (SELECT uid FROM main.removed_artifacts)`,
          )
          const newArtifact = 'artifact_id IN (SELECT old FROM temp.new_artifacts)'
          copyRows(db, 'artifacts', 'id IN (SELECT old FROM temp.new_artifacts)', { id: `id + ${shift.artifacts}`, incident_id: String(incidentId) })
          copyRows(db, 'resources', newArtifact, { id: `id + ${shift.resources}`, artifact_id: `artifact_id + ${shift.artifacts}` })
          copyRows(db, 'spans', newArtifact, { id: 'DROP', artifact_id: `artifact_id + ${shift.artifacts}`, resource_id: `resource_id + ${shift.resources}` })
          for (const table of ['session_chunks', 'session_trace_ids', 'session_idle', 'service_calls', 'service_spans', 'file_traces']) copyRows(db, table, newArtifact, { artifact_id: `artifact_id + ${shift.artifacts}` })
          copyRows(db, 'session_markers', newArtifact, { id: 'DROP', artifact_id: `artifact_id + ${shift.artifacts}` })
          // A trace file of the bundle may hold spans of a trace in a file here.
          const newTraceFiles = db.prepare(`SELECT old + ${shift.artifacts} FROM temp.new_artifacts JOIN src.artifacts a ON a.id = old WHERE a.kind = 'trace'`).pluck().all() as number[]
          for (const artifactId of newTraceFiles) joinSharedTraces(db, artifactId)

          // Findings the workspace lacks are copied (a deleted one as the blank the bundle has, so an
          // older bundle does not bring it back); ones it has are taken when edited later in the bundle,
          // and deleted when deleted there after their last edit here; all of them (but those deleted
          // here) take the citations the bundle gives them.
          db.exec(
            'CREATE TEMP TABLE finding_map (old INTEGER PRIMARY KEY, new INTEGER NOT NULL, fresh INTEGER NOT NULL, live INTEGER NOT NULL, edited INTEGER NOT NULL, deleted INTEGER NOT NULL)',
          )
          db.prepare(
            `INSERT INTO temp.finding_map SELECT f.id, coalesce(m.id, f.id + ${shift.findings}), m.id IS NULL, f.deleted_at IS NULL,
               m.id IS NOT NULL AND f.deleted_at IS NULL AND f.updated_at > m.updated_at,
               m.id IS NOT NULL AND coalesce(f.deleted_at >= m.updated_at, 0)
             FROM src.findings f LEFT JOIN main.findings m ON m.uid = f.uid AND m.incident_id = ?
             WHERE m.id IS NULL OR m.deleted_at IS NULL`,
          ).run(incidentId)
          const broughtIn = 'SELECT old FROM temp.finding_map WHERE fresh OR edited'
          copyRows(db, 'findings', 'id IN (SELECT old FROM temp.finding_map WHERE fresh)', { id: `id + ${shift.findings}`, incident_id: String(incidentId) })
          db.exec(
            `UPDATE main.findings SET (${EDITED_FINDING_COLUMNS.join(', ')}) = (SELECT ${EDITED_FINDING_COLUMNS.join(', ')} FROM src.findings s WHERE s.uid = main.findings.uid)
             WHERE id IN (SELECT new FROM temp.finding_map WHERE edited)`,
          )
          db.exec('UPDATE main.findings SET deleted_at = (SELECT deleted_at FROM src.findings s WHERE s.uid = main.findings.uid) WHERE id IN (SELECT new FROM temp.finding_map WHERE deleted)')

          // Runbooks: copy the ones this workspace lacks (with their revisions); reuse the ones it
          // has, taking a later save from the bundle as their newest revision (theirs stays a revision).
          // A runbook both workspaces imported from one file (a runbooks folder kept in git) has two
          // uids but one title and text: it is the same runbook. The copy here takes the bundle's uid
          // and step ids (steps matched by place, citations moved along), so every later bundle,
          // either way, finds it by uid even once the texts differ.
          db.exec(
            `CREATE TEMP TABLE runbook_twin AS SELECT r.id AS old, (SELECT m.id FROM main.runbooks m WHERE m.title = r.title AND m.markdown = r.markdown ORDER BY m.id LIMIT 1) AS new
             FROM src.runbooks r WHERE r.uid NOT IN (SELECT uid FROM main.runbooks) AND EXISTS (SELECT 1 FROM main.runbooks m WHERE m.title = r.title AND m.markdown = r.markdown)`,
          )
          db.exec(
            `CREATE TEMP TABLE step_twin AS SELECT t.new AS runbook, h.step_id AS here, s.step_id AS there
             FROM temp.runbook_twin t JOIN src.runbook_steps s ON s.runbook_id = t.old JOIN main.runbook_steps h ON h.runbook_id = t.new AND h.ordinal = s.ordinal`,
          )
          const twinStep = (table: string) =>
            `UPDATE main.${table} SET step_id = (SELECT there FROM temp.step_twin t WHERE t.runbook = main.${table}.runbook_id AND t.here = main.${table}.step_id)
             WHERE EXISTS (SELECT 1 FROM temp.step_twin t WHERE t.runbook = main.${table}.runbook_id AND t.here = main.${table}.step_id)`
          for (const table of ['runbook_steps', 'finding_links', 'removed_citations']) db.exec(twinStep(table))
          db.exec(
            `UPDATE main.runbook_revisions SET step_ids = ${stepIdsOf('main', 'main.runbook_revisions.runbook_id')}
             WHERE runbook_id IN (SELECT new FROM temp.runbook_twin) AND markdown = (SELECT markdown FROM main.runbooks WHERE id = main.runbook_revisions.runbook_id)`,
          )
          db.exec(
            `UPDATE main.runbooks SET uid = (SELECT r.uid FROM temp.runbook_twin t JOIN src.runbooks r ON r.id = t.old WHERE t.new = main.runbooks.id ORDER BY r.id LIMIT 1)
             WHERE id IN (SELECT new FROM temp.runbook_twin)`,
          )
          // Edited in both places: here, a text none of the bundle's revisions holds; there, one none
          // of the revisions here holds. The later save is current and the other becomes a revision.
          db.exec(
            'CREATE TEMP TABLE runbook_map (old INTEGER PRIMARY KEY, new INTEGER NOT NULL, fresh INTEGER NOT NULL, newer INTEGER NOT NULL, edited_here INTEGER NOT NULL, older_there INTEGER NOT NULL)',
          )
          db.exec(
            `INSERT INTO temp.runbook_map SELECT r.id, coalesce(m.id, r.id + ${shift.runbooks}), m.id IS NULL,
               m.id IS NOT NULL AND r.updated_at > m.updated_at AND (r.markdown, r.owner, r.tags) IS NOT (m.markdown, m.owner, m.tags),
               m.id IS NOT NULL AND m.markdown NOT IN (SELECT markdown FROM src.runbook_revisions WHERE runbook_id = r.id),
               m.id IS NOT NULL AND r.updated_at <= m.updated_at AND r.markdown NOT IN (SELECT markdown FROM main.runbook_revisions WHERE runbook_id = m.id)
             FROM src.runbooks r LEFT JOIN main.runbooks m ON m.uid = r.uid`,
          )
          const runbooksEditedInBoth = db
            .prepare(
              `SELECT r.title, CASE WHEN m.newer THEN 'bundle' ELSE 'here' END AS current FROM temp.runbook_map m JOIN main.runbooks r ON r.id = m.new
               WHERE (m.newer AND m.edited_here) OR m.older_there ORDER BY r.title`,
            )
            .all() as Array<{ title: string; current: 'bundle' | 'here' }>
          const fresh = 'IN (SELECT old FROM temp.runbook_map WHERE fresh)'
          copyRows(db, 'runbooks', `id ${fresh}`, { id: `id + ${shift.runbooks}` })
          copyRows(db, 'runbook_steps', `runbook_id ${fresh}`, { runbook_id: `runbook_id + ${shift.runbooks}` })
          copyRows(db, 'runbook_revisions', `runbook_id ${fresh}`, { id: 'DROP', runbook_id: `runbook_id + ${shift.runbooks}` })

          // The diagrams the runbooks and the notes brought in embed: likewise reused or copied
          // (with their revision), and the embeds then point at their ids here.
          const copiedRunbooks = 'IN (SELECT new FROM temp.runbook_map WHERE fresh)'
          const embedded = embeddedIn(db, 'src', 'id IN (SELECT old FROM temp.runbook_map WHERE fresh OR newer OR older_there)', `id IN (${broughtIn})`)
          db.exec('CREATE TEMP TABLE diagram_map (old INTEGER PRIMARY KEY, new INTEGER NOT NULL, fresh INTEGER NOT NULL)')
          db.prepare(
            `INSERT INTO temp.diagram_map SELECT d.id, coalesce(m.id, d.id + ${shift.diagrams}), m.id IS NULL
             FROM src.diagrams d LEFT JOIN main.diagrams m ON m.uid = d.uid WHERE d.id IN (SELECT value FROM json_each(?))`,
          ).run(embedded)
          const freshDiagram = 'IN (SELECT old FROM temp.diagram_map WHERE fresh)'
          copyRows(db, 'diagrams', `id ${freshDiagram}`, { id: `id + ${shift.diagrams}` })
          copyRows(db, 'diagram_revisions', `diagram_id ${freshDiagram}`, { id: 'DROP', diagram_id: `diagram_id + ${shift.diagrams}` })
          const newIds = new Map(db.prepare('SELECT old, new FROM temp.diagram_map').raw().all() as Array<[number, number]>)
          renumberEmbeds(db, newIds, `SELECT markdown, id FROM main.runbooks WHERE id ${copiedRunbooks}`, 'UPDATE main.runbooks SET markdown = ? WHERE id = ?')
          renumberEmbeds(db, newIds, `SELECT text, runbook_id, step_id FROM main.runbook_steps WHERE runbook_id ${copiedRunbooks}`, 'UPDATE main.runbook_steps SET text = ? WHERE runbook_id = ? AND step_id = ?')
          renumberEmbeds(db, newIds, `SELECT markdown, id FROM main.runbook_revisions WHERE runbook_id ${copiedRunbooks}`, 'UPDATE main.runbook_revisions SET markdown = ? WHERE id = ?')
          renumberEmbeds(db, newIds, 'SELECT notes, id FROM main.findings WHERE id IN (SELECT new FROM temp.finding_map WHERE fresh OR edited)', 'UPDATE main.findings SET notes = ? WHERE id = ?')
          const later = db
            .prepare(
              `SELECT m.new AS id, r.markdown, r.owner, r.tags, ${stepIdsOf('src', 'r.id')} AS stepIds
               FROM temp.runbook_map m JOIN src.runbooks r ON r.id = m.old WHERE m.newer`,
            )
            .all() as Array<{ id: number; markdown: string; owner: string; tags: string; stepIds: string }>
          for (const runbook of later) {
            const markdown = renumberDiagramEmbeds(runbook.markdown, newIds)
            saveRunbook(db, { id: runbook.id, markdown, owner: runbook.owner, tags: JSON.parse(runbook.tags) as string[], stepIds: JSON.parse(runbook.stepIds) as string[] })
          }
          // An earlier save there of a runbook edited here since: kept as a revision of its time.
          const earlier = db
            .prepare(
              `SELECT m.new AS id, r.updated_at AS savedAt, r.markdown, ${stepIdsOf('src', 'r.id')} AS stepIds
               FROM temp.runbook_map m JOIN src.runbooks r ON r.id = m.old WHERE m.older_there`,
            )
            .all() as Array<{ id: number; savedAt: number; markdown: string; stepIds: string }>
          const keepRevision = db.prepare('INSERT INTO main.runbook_revisions (runbook_id, saved_at, markdown, step_ids) VALUES (?, ?, ?, ?)')
          for (const runbook of earlier) keepRevision.run(runbook.id, runbook.savedAt, renumberDiagramEmbeds(runbook.markdown, newIds), runbook.stepIds)

          // Citations taken back there after they were made here are taken back here, and remembered.
          const takenBack = `FROM src.removed_citations r JOIN temp.finding_map f ON f.old = r.finding_id JOIN temp.runbook_map m ON m.old = r.runbook_id`
          const removedCitations = db
            .prepare(
              `DELETE FROM main.finding_links AS x WHERE EXISTS (SELECT 1 ${takenBack}
                 WHERE f.new = x.finding_id AND m.new = x.runbook_id AND r.step_id = x.step_id AND r.removed_at > coalesce(x.linked_at, 0))`,
            )
            .run().changes
          db.exec(
            `INSERT INTO main.removed_citations (finding_id, runbook_id, step_id, removed_at) SELECT f.new, m.new, r.step_id, r.removed_at ${takenBack}
             WHERE NOT EXISTS (SELECT 1 FROM main.finding_links x WHERE x.finding_id = f.new AND x.runbook_id = m.new AND x.step_id = r.step_id)
             ON CONFLICT DO UPDATE SET removed_at = max(removed_at, excluded.removed_at)`,
          )
          // The citations the bundle gives, but one of a step the reused runbook no longer has (one of
          // a step removed there too comes, "a step since removed" as there, whole again if a revision
          // with the step is restored), and one taken back here since it was made (or, made before
          // times were kept, at all).
          const citations = `FROM src.finding_links l JOIN temp.finding_map f ON f.old = l.finding_id JOIN temp.runbook_map m ON m.old = l.runbook_id
            WHERE (EXISTS (SELECT 1 FROM main.runbook_steps s WHERE s.runbook_id = m.new AND s.step_id = l.step_id)
                OR NOT EXISTS (SELECT 1 FROM src.runbook_steps s WHERE s.runbook_id = l.runbook_id AND s.step_id = l.step_id))
              AND NOT EXISTS (SELECT 1 FROM main.finding_links x WHERE x.finding_id = f.new AND x.runbook_id = m.new AND x.step_id = l.step_id)
              AND NOT EXISTS (SELECT 1 FROM main.removed_citations x
                WHERE x.finding_id = f.new AND x.runbook_id = m.new AND x.step_id = l.step_id AND x.removed_at >= coalesce(l.linked_at, 0))`
          const newlyCited = db.prepare(`SELECT count(DISTINCT f.new) ${citations} AND NOT f.fresh AND NOT f.edited`).pluck().get() as number
          db.exec(`INSERT OR IGNORE INTO main.finding_links (finding_id, runbook_id, step_id, linked_at) SELECT f.new, m.new, l.step_id, l.linked_at ${citations}`)
          db.exec(
            `DELETE FROM main.removed_citations AS r WHERE EXISTS (SELECT 1 FROM main.finding_links x
               WHERE x.finding_id = r.finding_id AND x.runbook_id = r.runbook_id AND x.step_id = r.step_id)`,
          )

          // A file both have whose clock offset was set there later: that offset (findings' moments are on the incident clock it lines up).
          const clockOffsets = db
            .prepare(
              `UPDATE main.artifacts AS m SET clock_offset_ms = a.clock_offset_ms, clock_set_at = a.clock_set_at
               FROM src.artifacts AS a
               WHERE a.uid = m.uid AND m.incident_id = ? AND a.clock_set_at > coalesce(m.clock_set_at, -1) AND a.clock_offset_ms IS NOT m.clock_offset_ms`,
            )
            .run(incidentId).changes

          const count = (sql: string) => db.prepare(sql).pluck().get() as number
          const merged = {
            artifacts: count('SELECT count(*) FROM temp.new_artifacts'),
            findings: count('SELECT count(*) FROM temp.finding_map WHERE fresh AND live'),
            // Edited since, or newly citing a runbook step.
            updatedFindings: count('SELECT count(*) FROM temp.finding_map WHERE edited') + newlyCited,
            runbooks: count('SELECT count(*) FROM temp.runbook_map WHERE fresh') + later.length + earlier.length,
            runbooksEditedInBoth,
            clockOffsets,
            removed: { artifacts: removedThere.length, findings: count('SELECT count(*) FROM temp.finding_map WHERE deleted'), citations: removedCitations },
          }
          for (const table of ['new_artifacts', 'finding_map', 'runbook_twin', 'step_twin', 'runbook_map', 'diagram_map']) db.exec(`DROP TABLE temp.${table}`)
          const { removed } = merged
          const changes = merged.artifacts + merged.findings + merged.updatedFindings + merged.runbooks + merged.clockOffsets + removed.artifacts + removed.findings + removed.citations
          if (present !== undefined && changes > 0) workspace.touchIncident(incidentId)
          // Read back inside the transaction: should the copy not read as an incident, none of it stays.
          const incident = workspace.getIncident(incidentId)
          const sameTitleAsAnother = present === undefined && workspace.findIncidentsByTitle(incident.title).length > 1
          return { incident, alreadyPresent: present !== undefined, sameTitleAsAnother, merged }
        })
        .immediate()
    } finally {
      db.exec('DETACH DATABASE src')
    }
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}

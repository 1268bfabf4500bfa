import Database from 'better-sqlite3'
import { ApiError } from '../../shared/api/contract'
import { type Artifact, ArtifactSummary, type Incident, type IncidentView, Prefs } from '../../shared/domain/model'
import { migrate } from './migrations'
import { newId } from './ids'
import { newUid } from './uid'

/**
 * SQLite gave up waiting (busy_timeout) for another connection's write lock, an import or export
 * in a terminal or a second app: said as such, rather than "database is locked".
 */
export function explainBusy(error: unknown): unknown {
  if ((error as { code?: string } | null)?.code !== 'SQLITE_BUSY') return error
  return new ApiError('conflict', 'the workspace is busy: another import or export has been writing to it for a while; try again once it has finished')
}

interface IncidentRow {
  id: number
  title: string
  created_at: number
  updated_at: number
  artifact_count: number
}

interface ArtifactRow {
  id: number
  incident_id: number
  imported_at: number
  clock_offset_ms: number
  start_ms: number
  end_ms: number
  summary: string
  linked_here: number | null
}

const toIncident = (row: IncidentRow): Incident => ({
  id: row.id,
  title: row.title,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  artifactCount: row.artifact_count,
})

const toArtifact = (row: ArtifactRow): Artifact => ({
  id: row.id,
  incidentId: row.incident_id,
  importedAt: row.imported_at,
  clockOffsetMs: row.clock_offset_ms,
  startMs: row.start_ms,
  endMs: row.end_ms,
  summary: ArtifactSummary.parse(JSON.parse(row.summary)),
  ...(row.linked_here === null ? {} : { linkedTracesHere: row.linked_here }),
})

const INCIDENT_COLUMNS = `i.id, i.title, i.created_at, i.updated_at,
  (SELECT count(*) FROM artifacts a WHERE a.incident_id = i.id) AS artifact_count`

/** One workspace file: incidents and everything imported into them. */
export class Workspace {
  readonly db: Database.Database

  private constructor(
    readonly path: string,
    db: Database.Database,
    /** Whether the file was created (or was empty) when opened. */
    readonly isNew: boolean,
  ) {
    this.db = db
  }

  /**
   * Opens (creating and migrating) the workspace at `path`. A write waits up to `busyTimeoutMs`
   * for another connection's: the app's windows wait little, a script's `casefile` longer.
   */
  static open(path: string, { busyTimeoutMs = 5000 }: { busyTimeoutMs?: number } = {}): Workspace {
    const db = new Database(path, { timeout: busyTimeoutMs })
    try {
      db.pragma('journal_mode = WAL')
      db.pragma('foreign_keys = ON')
      db.pragma('synchronous = NORMAL')
      const from = migrate(db)
      return new Workspace(path, db, from === 0)
    } catch (error) {
      db.close()
      throw error
    }
  }

  close(): void {
    this.db.close()
  }

  transaction<T>(work: () => T): T {
    try {
      return this.db.transaction(work).immediate()
    } catch (error) {
      throw explainBusy(error)
    }
  }

  listIncidents(): Incident[] {
    const rows = this.db.prepare(`SELECT ${INCIDENT_COLUMNS} FROM incidents i ORDER BY i.updated_at DESC, i.id DESC`).all()
    return (rows as IncidentRow[]).map(toIncident)
  }

  getIncident(id: number): Incident {
    const row = this.db.prepare(`SELECT ${INCIDENT_COLUMNS} FROM incidents i WHERE i.id = ?`).get(id) as IncidentRow | undefined
    if (!row) throw new ApiError('not_found', `incident ${id} does not exist`)
    return toIncident(row)
  }

  /** The incidents titled `title` (titles need not be unique), oldest first. */
  findIncidentsByTitle(title: string): Incident[] {
    const rows = this.db.prepare(`SELECT ${INCIDENT_COLUMNS} FROM incidents i WHERE i.title = ? ORDER BY i.id`).all(title)
    return (rows as IncidentRow[]).map(toIncident)
  }

  createIncident(title: string, now = Date.now()): Incident {
    const id = newId(this.db, 'incidents')
    this.db.prepare('INSERT INTO incidents (id, uid, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, newUid(), title, now, now)
    return this.getIncident(id)
  }

  renameIncident(id: number, title: string): Incident {
    const { changes } = this.db.prepare('UPDATE incidents SET title = ?, updated_at = ? WHERE id = ?').run(title, Date.now(), id)
    if (changes === 0) throw new ApiError('not_found', `incident ${id} does not exist`)
    return this.getIncident(id)
  }

  deleteIncident(id: number): boolean {
    return this.db.prepare('DELETE FROM incidents WHERE id = ?').run(id).changes > 0
  }

  touchIncident(id: number, now = Date.now()): void {
    this.db.prepare('UPDATE incidents SET updated_at = ? WHERE id = ?').run(now, id)
  }

  incidentView(id: number): IncidentView {
    const incident = this.getIncident(id)
    const rows = this.db
      .prepare(
        `SELECT a.id, a.incident_id, a.imported_at, a.clock_offset_ms, a.start_ms, a.end_ms, a.summary,
           CASE WHEN a.kind = 'session' THEN (SELECT count(*) FROM session_trace_ids t WHERE t.artifact_id = a.id
             AND EXISTS (SELECT 1 FROM artifacts b JOIN spans s ON s.artifact_id = b.id AND s.trace_id = t.trace_id WHERE b.incident_id = a.incident_id)) END AS linked_here
         FROM artifacts a WHERE a.incident_id = ? ORDER BY a.start_ms, a.id`,
      )
      .all(id) as ArtifactRow[]
    return { incident, artifacts: rows.map(toArtifact) }
  }

  getPrefs(): Prefs {
    const rows = this.db.prepare('SELECT key, value FROM prefs').all() as Array<{ key: string; value: string }>
    const raw = Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value)]))
    const parsed = Prefs.safeParse(raw)
    return parsed.success ? parsed.data : {}
  }

  setPrefs(prefs: Prefs): Prefs {
    const upsert = this.db.prepare('INSERT INTO prefs (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    this.transaction(() => {
      for (const [key, value] of Object.entries(prefs)) if (value !== undefined) upsert.run(key, JSON.stringify(value))
    })
    return this.getPrefs()
  }
}

import type Database from 'better-sqlite3'
import { ApiError } from '../../shared/api/contract'
import type { IdlePeriod, SessionChunk, SessionMarker, SessionOutline } from '../../shared/domain/model'

// Reads behind the replay pane: a recording's outline (chunks and markers), then its chunks.

/** What `session_chunks.starts_with_full_snapshot` says a chunk opens on. */
export const ChunkStart = { None: 0, FullSnapshot: 1, Keyframe: 2 } as const

export function sessionOutline(db: Database.Database, artifactId: number): SessionOutline {
  const artifact = db.prepare("SELECT start_ms, end_ms, summary FROM artifacts WHERE id = ? AND kind = 'session'").get(artifactId) as
    | { start_ms: number; end_ms: number; summary: string }
    | undefined
  if (!artifact) throw new ApiError('not_found', `session ${artifactId} does not exist`)
  const chunks = db
    .prepare(`SELECT seq, first_ms AS firstMs, last_ms AS lastMs, event_count AS eventCount, starts_with_full_snapshot AS startsWithFullSnapshot
      FROM session_chunks WHERE artifact_id = ? ORDER BY seq`)
    .all(artifactId) as Array<{ seq: number; firstMs: number; lastMs: number; eventCount: number; startsWithFullSnapshot: number }>
  const markers = db
    .prepare(
      `SELECT kind, time_ms AS timeMs, label, level, failed, trace_id AS traceId, span_id AS spanId, duration_ms AS durationMs
       FROM session_markers WHERE artifact_id = ? ORDER BY time_ms, id`,
    )
    .all(artifactId) as Array<Omit<SessionMarker, 'failed'> & { failed: number }>
  return {
    artifactId,
    startMs: artifact.start_ms,
    endMs: artifact.end_ms,
    events: chunks.reduce((sum, chunk) => sum + chunk.eventCount, 0),
    chunks: chunks.map((chunk) => ({ ...chunk, startsWithFullSnapshot: chunk.startsWithFullSnapshot > 0, keyframe: chunk.startsWithFullSnapshot === ChunkStart.Keyframe })),
    markers: markers.map((marker) => ({ ...marker, failed: marker.failed === 1 })),
    idle: db.prepare('SELECT from_ms AS fromMs, to_ms AS toMs FROM session_idle WHERE artifact_id = ? ORDER BY from_ms').all(artifactId) as IdlePeriod[],
  }
}

export function writeIdle(db: Database.Database, artifactId: number, idle: readonly IdlePeriod[]): void {
  const insert = db.prepare('INSERT INTO session_idle (artifact_id, from_ms, to_ms) VALUES (?, ?, ?)')
  for (const period of idle) insert.run(artifactId, period.fromMs, period.toMs)
}

export function sessionChunks(db: Database.Database, artifactId: number, fromSeq: number, toSeq: number): SessionChunk[] {
  return db
    .prepare('SELECT seq, events AS eventsJson FROM session_chunks WHERE artifact_id = ? AND seq BETWEEN ? AND ? ORDER BY seq')
    .all(artifactId, fromSeq, toSeq) as SessionChunk[]
}

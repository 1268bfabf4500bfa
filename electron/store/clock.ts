import type Database from 'better-sqlite3'
import { ApiError } from '../../shared/api/contract'
import { type OffsetSuggestion, type RequestWindow, suggestSessionOffset, type TraceWindow } from '../../shared/clock/alignment'

export interface SessionAlignment extends OffsetSuggestion {
  artifactId: number
  currentOffsetMs: number
}

/** For each recording of the incident, the clock offset its linked requests suggest (against the traces' own clock). */
export function alignSessions(db: Database.Database, incidentId: number): SessionAlignment[] {
  const sessions = db.prepare("SELECT id, clock_offset_ms FROM artifacts WHERE incident_id = ? AND kind = 'session' ORDER BY id").all(incidentId) as Array<{
    id: number
    clock_offset_ms: number
  }>
  // The server side of a request: spans whose parent is the browser's span, else the trace's roots.
  const serverSide = db
    .prepare(
      `SELECT min(s.start_ns) AS start_ns, max(s.end_ns) AS end_ns FROM spans s JOIN artifacts a ON a.id = s.artifact_id
       WHERE a.incident_id = @incidentId AND a.kind = 'trace' AND s.trace_id = @traceId
         AND (s.parent_span_id = @spanId OR (@spanId IS NULL AND s.parent_span_id IS NULL))`,
    )
    .safeIntegers(true)
  return sessions.flatMap((session) => {
    const requests = db
      .prepare("SELECT trace_id AS traceId, span_id AS spanId, time_ms AS endMs, duration_ms AS durationMs FROM session_markers WHERE artifact_id = ? AND kind = 'request' AND trace_id IS NOT NULL")
      .all(session.id) as Array<RequestWindow & { spanId: string | null }>
    const traces: TraceWindow[] = []
    for (const request of requests) {
      const window = serverSide.get({ incidentId, traceId: request.traceId, spanId: request.spanId }) as { start_ns: bigint | null; end_ns: bigint | null }
      if (window.start_ns === null || window.end_ns === null) continue
      traces.push({ traceId: request.traceId, startMs: Number(window.start_ns / 1000n) / 1000, endMs: Number(window.end_ns / 1000n) / 1000 })
    }
    const suggestion = suggestSessionOffset(requests, traces)
    return suggestion ? [{ artifactId: session.id, currentOffsetMs: session.clock_offset_ms, ...suggestion }] : []
  })
}

export function setClockOffset(db: Database.Database, artifactId: number, offsetMs: number, now = Date.now()): void {
  if (db.prepare('UPDATE artifacts SET clock_offset_ms = ?, clock_set_at = ? WHERE id = ?').run(offsetMs, now, artifactId).changes === 0) {
    throw new ApiError('not_found', `artifact ${artifactId} does not exist`)
  }
}

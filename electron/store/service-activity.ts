import type Database from 'better-sqlite3'
import type { ServiceActivity } from '../../shared/graph/service-activity'

/**
 * When each service of an incident was busy: its spans' times merged into intervals, in epoch ms
 * on the incident clock (each trace file's offset applied), for lighting up the services at work
 * at the replay's moment. Read from the spans_by_service index alone, not the spans' rows.
 */
export function serviceActivity(db: Database.Database, incidentId: number): ServiceActivity {
  const rows = db
    .prepare(
      `SELECT s.service, s.start_ns / 1000000.0 + a.clock_offset_ms AS start_ms, s.end_ns / 1000000.0 + a.clock_offset_ms AS end_ms
       FROM spans s JOIN artifacts a ON a.id = s.artifact_id
       WHERE a.incident_id = ?
       ORDER BY s.service, start_ms`,
    )
    .raw()
    .iterate(incidentId) as IterableIterator<[string, number, number]>
  const activity: ServiceActivity = {}
  for (const [service, start, end] of rows) {
    const intervals = (activity[service] ??= [])
    const last = intervals.at(-1)
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else intervals.push([start, end])
  }
  return activity
}

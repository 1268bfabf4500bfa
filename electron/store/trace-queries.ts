import type Database from 'better-sqlite3'
import { ApiError } from '../../shared/api/contract'
import type { SpanDetail, TraceListItem } from '../../shared/domain/model'

// Reads behind the trace pane. Span times stay BigInt until made relative to the trace start.

/** Traces of an incident, errors first then newest first. */
export function listTraces(db: Database.Database, incidentId: number): TraceListItem[] {
  const rows = db
    .prepare(
      `WITH traces AS (
         SELECT s.artifact_id, s.trace_id, count(*) AS spans, sum(s.status = 'error') AS errors,
                min(s.start_ns) AS start_ns, max(s.end_ns) AS end_ns
         FROM spans s JOIN artifacts a ON a.id = s.artifact_id
         WHERE a.incident_id = ?
         GROUP BY s.artifact_id, s.trace_id
       ),
       -- Each trace's root: its earliest span without a parent in the file (its earliest span at
       -- all when parents form a cycle). In one pass over the incident's spans (looked up per
       -- trace, SQLite walked every span of the file for each).
       roots AS (
         SELECT r.artifact_id, r.trace_id, r.service, r.name,
                row_number() OVER (
                  PARTITION BY r.artifact_id, r.trace_id
                  ORDER BY r.parent_span_id IS NOT NULL AND EXISTS (
                    SELECT 1 FROM spans p WHERE p.artifact_id = r.artifact_id AND p.trace_id = r.trace_id AND p.span_id = r.parent_span_id),
                  r.start_ns, r.id) AS nth
         FROM spans r JOIN artifacts a ON a.id = r.artifact_id
         WHERE a.incident_id = ?
       )
       SELECT t.*, root.service AS root_service, root.name AS root_name,
              (SELECT json_group_array(ss.service) FROM service_spans ss
               WHERE ss.artifact_id = t.artifact_id AND ss.trace_id = t.trace_id) AS services
       FROM traces t
       LEFT JOIN roots root ON root.artifact_id = t.artifact_id AND root.trace_id = t.trace_id AND root.nth = 1
       ORDER BY t.errors > 0 DESC, t.start_ns DESC`,
    )
    .safeIntegers(true)
    .all(incidentId, incidentId) as Array<{
    artifact_id: bigint
    trace_id: string
    spans: bigint
    errors: bigint
    start_ns: bigint
    end_ns: bigint
    root_service: string | null
    root_name: string | null
    services: string
  }>
  return rows.map((row) => ({
    artifactId: Number(row.artifact_id),
    traceId: row.trace_id,
    rootService: row.root_service ?? '',
    rootName: row.root_name ?? '',
    startNs: row.start_ns.toString(),
    durationNs: Number(row.end_ns - row.start_ns),
    spans: Number(row.spans),
    errors: Number(row.errors),
    services: JSON.parse(row.services) as string[],
  }))
}

/** Per word, the row ids of the trace's spans whose attributes, events or status message contain it (any case). */
export function spansContaining(db: Database.Database, artifactId: number, traceId: string, words: readonly string[]): number[][] {
  const find = db
    .prepare(
      `SELECT id FROM spans WHERE artifact_id = ? AND trace_id = ?
         AND instr(lower(status_message || ' ' || attributes || ' ' || coalesce(events, '')), lower(?)) > 0`,
    )
    .pluck()
  return words.map((word) => find.all(artifactId, traceId, word) as number[])
}

export function spanDetail(db: Database.Database, rowId: number): SpanDetail {
  const row = db
    .prepare(
      `SELECT s.id, s.trace_id, s.span_id, s.parent_span_id, s.service, s.name, s.kind, s.start_ns, s.end_ns, s.status,
              s.status_message, s.attributes, r.attributes AS resource, s.scope, s.events, s.links
       FROM spans s JOIN resources r ON r.id = s.resource_id WHERE s.id = ?`,
    )
    .safeIntegers(true)
    .get(rowId) as
    | {
        id: bigint
        trace_id: string
        span_id: string
        parent_span_id: string | null
        service: string
        name: string
        kind: string
        start_ns: bigint
        end_ns: bigint
        status: SpanDetail['status']
        status_message: string
        attributes: string
        resource: string
        scope: string | null
        events: string | null
        links: string | null
      }
    | undefined
  if (!row) throw new ApiError('not_found', `span ${rowId} does not exist`)
  return {
    rowId: Number(row.id),
    traceId: row.trace_id,
    spanId: row.span_id,
    parentSpanId: row.parent_span_id,
    service: row.service,
    name: row.name,
    kind: row.kind,
    startUnixNano: row.start_ns.toString(),
    endUnixNano: row.end_ns.toString(),
    status: row.status,
    statusMessage: row.status_message,
    attributes: JSON.parse(row.attributes),
    resource: JSON.parse(row.resource),
    scope: row.scope ? JSON.parse(row.scope) : null,
    events: row.events ? JSON.parse(row.events) : [],
    links: row.links ? JSON.parse(row.links) : [],
  }
}

import type Database from 'better-sqlite3'
import { ApiError } from '../../shared/api/contract'
import type { SpanDetail, TraceListItem } from '../../shared/domain/model'
import type { Attributes } from '../../shared/domain/span'
import { type TraceData, traceBuilder } from '../../shared/traces/trace-data'

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
       )
       SELECT t.*, root.service AS root_service, root.name AS root_name,
              (SELECT json_group_array(ss.service) FROM service_spans ss
               WHERE ss.artifact_id = t.artifact_id AND ss.trace_id = t.trace_id) AS services
       FROM traces t
       LEFT JOIN spans root ON root.id = (
         SELECT r.id FROM spans r
         WHERE r.artifact_id = t.artifact_id AND r.trace_id = t.trace_id
           AND (r.parent_span_id IS NULL OR NOT EXISTS (
             SELECT 1 FROM spans p WHERE p.artifact_id = r.artifact_id AND p.trace_id = r.trace_id AND p.span_id = r.parent_span_id))
         ORDER BY r.start_ns LIMIT 1)
       ORDER BY t.errors > 0 DESC, t.start_ns DESC`,
    )
    .safeIntegers(true)
    .all(incidentId) as Array<{
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

const HOST_KEYS = ['host.id', 'host.ip', 'host.name'] as const

/** The host a resource runs on, for skew checks: host.id, host.ip or host.name, else the service. */
const hostOf = (resource: Attributes, service: string): string => {
  for (const key of HOST_KEYS) if (typeof resource[key] === 'string' && resource[key]) return `${key}=${resource[key]}`
  return `service=${service}`
}

/** One trace of an artifact as columns (see TraceData). */
export function loadTrace(db: Database.Database, artifactId: number, traceId: string): TraceData {
  const rows = db
    .prepare(
      `SELECT id, span_id, parent_span_id, service, name, kind, start_ns, end_ns, status, resource_id
       FROM spans WHERE artifact_id = ? AND trace_id = ? ORDER BY start_ns, id`,
    )
    .safeIntegers(true)
    .raw()
    .all(artifactId, traceId) as Array<[bigint, string, string | null, string, string, string, bigint, bigint, string, bigint]>
  if (rows.length === 0) throw new ApiError('not_found', `trace ${traceId} is not in artifact ${artifactId}`)

  const resources = new Map<number, Attributes>()
  for (const { id, attributes } of db.prepare('SELECT id, attributes FROM resources WHERE artifact_id = ?').all(artifactId) as Array<{ id: number; attributes: string }>) {
    resources.set(id, JSON.parse(attributes))
  }
  const base = rows[0][6]
  const indexOfSpan = new Map(rows.map((row, index) => [row[1], index]))
  const { trace, add } = traceBuilder(traceId, base.toString())
  for (const [id, spanId, parentSpanId, service, name, kind, startNs, endNs, status, resourceId] of rows) {
    add({
      rowId: Number(id),
      spanId,
      parent: parentSpanId === null ? -1 : (indexOfSpan.get(parentSpanId) ?? -1),
      service,
      name,
      host: hostOf(resources.get(Number(resourceId)) ?? {}, service),
      kind,
      start: Number(startNs - base),
      duration: Number(endNs - startNs),
      error: status === 'error',
    })
  }
  return trace
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

import type Database from 'better-sqlite3'
import type { EdgeSpan, EdgeSpans } from '../../shared/graph/service-graph'

// The spans behind one edge of the derived graph, matched the way recordServiceCalls (and
// joinSharedTraces) count calls:
// a child span whose parent is in the source service, or a client span of the source service with
// no child that names the target as its callee.

export interface EdgeQuery {
  incidentId: number
  from: string
  to: string
  traceId?: string
  limit?: number
}

export function edgeSpans(db: Database.Database, { incidentId, from, to, traceId, limit = 200 }: EdgeQuery): EdgeSpans {
  const traceFilter = traceId ? 'AND c.trace_id = @traceId' : ''
  const files = "SELECT id FROM artifacts WHERE incident_id = @incidentId AND kind = 'trace'"
  // Parents and children are looked for in every trace file of the incident (a trace's spans can
  // be spread over several), and a span in two files is listed once.
  const calls = `
    SELECT min(id) AS id, artifact_id, trace_id, service, name, caller_name, start_ns, end_ns, status, status_message FROM (
      SELECT c.id, c.artifact_id, c.trace_id, c.span_id, c.service, c.name, p.name AS caller_name, c.start_ns, c.end_ns, c.status, c.status_message
      FROM spans c JOIN spans p ON p.artifact_id IN (${files}) AND p.trace_id = c.trace_id AND p.span_id = c.parent_span_id
      WHERE c.artifact_id IN (${files}) AND c.service = @to AND p.service = @from AND @from <> @to ${traceFilter}
      UNION ALL
      SELECT c.id, c.artifact_id, c.trace_id, c.span_id, @to, c.name, c.name, c.start_ns, c.end_ns, c.status, c.status_message
      FROM spans c
      WHERE c.artifact_id IN (${files}) AND c.service = @from AND c.kind = 'client' AND @from <> @to ${traceFilter}
        AND coalesce(json_extract(c.attributes, '$."peer.service"'), json_extract(c.attributes, '$."server.address"'), json_extract(c.attributes, '$."db.system"')) = @to
        AND NOT EXISTS (SELECT 1 FROM spans k WHERE k.artifact_id IN (${files}) AND k.trace_id = c.trace_id AND k.parent_span_id = c.span_id)
    ) GROUP BY trace_id, span_id`
  const params = { incidentId, from, to, ...(traceId ? { traceId } : {}) }
  const total = db.prepare(`SELECT count(*) FROM (${calls})`).pluck().get(params) as number
  const rows = db
    .prepare(`SELECT * FROM (${calls}) ORDER BY status = 'error' DESC, end_ns - start_ns DESC, id LIMIT @limit`)
    .safeIntegers(true)
    .all({ ...params, limit }) as Array<{
    id: bigint
    artifact_id: bigint
    trace_id: string
    service: string
    name: string
    caller_name: string
    start_ns: bigint
    end_ns: bigint
    status: string
    status_message: string
  }>
  const spans: EdgeSpan[] = rows.map((row) => ({
    rowId: Number(row.id),
    artifactId: Number(row.artifact_id),
    traceId: row.trace_id,
    service: row.service,
    name: row.name,
    callerName: row.caller_name,
    durationMs: Number(row.end_ns - row.start_ns) / 1e6,
    error: row.status === 'error',
    statusMessage: row.status_message,
  }))
  return { total, spans }
}

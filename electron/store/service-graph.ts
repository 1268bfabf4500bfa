import type Database from 'better-sqlite3'
import type { GraphEdge, GraphNode, ServiceGraph } from '../../shared/graph/service-graph'

// The derived service graph. Calls are worked out once per imported trace file (recordServiceCalls,
// in the import's transaction) into service_calls and service_spans; a graph is then a small
// aggregate over those, fast enough to redraw for any incident or trace.

/**
 * Records an artifact's calls: every parent→child pair whose services differ is a call from the
 * parent's service to the child's; a CLIENT span with no child span is a call to the callee it
 * names (peer.service, else server.address, else db.system). Calls within a service are none.
 */
export function recordServiceCalls(db: Database.Database, artifactId: number): void {
  db.prepare(
    `INSERT INTO service_calls (artifact_id, trace_id, source, target, failed, duration_ns, messaging, database)
     SELECT c.artifact_id, c.trace_id, p.service, c.service, c.status = 'error', c.end_ns - c.start_ns, p.kind = 'producer' AND c.kind = 'consumer', 0
     FROM spans c JOIN spans p ON p.artifact_id = c.artifact_id AND p.trace_id = c.trace_id AND p.span_id = c.parent_span_id
     WHERE c.artifact_id = @artifactId AND p.service <> c.service
     UNION ALL
     SELECT c.artifact_id, c.trace_id, c.service, callee, c.status = 'error', c.end_ns - c.start_ns, 0, json_extract(c.attributes, '$."db.system"') IS NOT NULL
     FROM (SELECT *, coalesce(json_extract(attributes, '$."peer.service"'), json_extract(attributes, '$."server.address"'), json_extract(attributes, '$."db.system"')) AS callee
           FROM spans WHERE artifact_id = @artifactId AND kind = 'client') c
     WHERE callee IS NOT NULL AND callee <> c.service
       AND NOT EXISTS (SELECT 1 FROM spans k WHERE k.artifact_id = c.artifact_id AND k.trace_id = c.trace_id AND k.parent_span_id = c.span_id)`,
  ).run({ artifactId })
  db.prepare(
    `INSERT INTO service_spans (artifact_id, trace_id, service, spans, errors)
     SELECT artifact_id, trace_id, service, count(*), sum(status = 'error') FROM spans WHERE artifact_id = ? GROUP BY trace_id, service`,
  ).run(artifactId)
}

/** The service graph of an incident, or of one trace in it. */
export function deriveServiceGraph(db: Database.Database, incidentId: number, traceId?: string): ServiceGraph {
  const scope = `artifact_id IN (SELECT id FROM artifacts WHERE incident_id = @incidentId AND kind = 'trace')${traceId ? ' AND trace_id = @traceId' : ''}`
  const params = traceId ? { incidentId, traceId } : { incidentId }
  const services = db.prepare(`SELECT service, sum(spans) AS spans, sum(errors) AS errorSpans FROM service_spans WHERE ${scope} GROUP BY service`).all(params) as Array<{
    service: string
    spans: number
    errorSpans: number
  }>
  const calls = db
    .prepare(
      `SELECT source AS "from", target AS "to", count(*) AS calls, sum(failed) AS errors, median(duration_ns) / 1e6 AS p50Ms, percentile(duration_ns, 95) / 1e6 AS p95Ms,
              max(messaging) AS messaging, max(database) AS database
       FROM service_calls WHERE ${scope} GROUP BY source, target ORDER BY source, target`,
    )
    .all(params) as Array<Omit<GraphEdge, 'messaging'> & { messaging: number; database: number }>

  const nodes = new Map<string, GraphNode>()
  for (const { service, spans, errorSpans } of services) nodes.set(service, { id: service, spans, errorSpans, uninstrumented: false, shape: 'service' })
  const round = (ms: number) => Math.round(ms * 1000) / 1000
  const edges = calls.map(({ messaging, database, ...edge }) => {
    if (!nodes.has(edge.to)) nodes.set(edge.to, { id: edge.to, spans: 0, errorSpans: 0, uninstrumented: true, shape: database ? 'database' : 'external' })
    return { ...edge, p50Ms: round(edge.p50Ms), p95Ms: round(edge.p95Ms), messaging: messaging === 1 }
  })
  return { nodes: [...nodes.values()].sort((a, b) => a.id.localeCompare(b.id)), edges }
}

import type Database from 'better-sqlite3'
import { type GraphEdge, type GraphNode, percentile, type ServiceGraph } from '../../shared/graph/service-graph'

interface Call {
  source: string
  target: string
  failed: number
  durationNs: number
  messaging: number
  database: number
}

/**
 * Derives the service graph of an incident (or of one trace in it) from its spans, in SQL:
 * every parent→child pair whose services differ is a call from the parent's service to the
 * child's; a CLIENT span with no child span is a call to the callee it names (peer.service, else
 * server.address, else db.system), an uninstrumented node. Calls within a service make no edge.
 */
export function deriveServiceGraph(db: Database.Database, incidentId: number, traceId?: string): ServiceGraph {
  const scope = (alias: string) =>
    `${alias}.artifact_id IN (SELECT id FROM artifacts WHERE incident_id = @incidentId AND kind = 'trace')${traceId ? ` AND ${alias}.trace_id = @traceId` : ''}`
  const params = traceId ? { incidentId, traceId } : { incidentId }

  const calls = db
    .prepare(
      `SELECT p.service AS source, c.service AS target, c.status = 'error' AS failed, c.end_ns - c.start_ns AS durationNs,
              p.kind = 'producer' AND c.kind = 'consumer' AS messaging, 0 AS database
       FROM spans c JOIN spans p ON p.artifact_id = c.artifact_id AND p.trace_id = c.trace_id AND p.span_id = c.parent_span_id
       WHERE ${scope('c')} AND p.service <> c.service
       UNION ALL
       SELECT c.service, coalesce(json_extract(c.attributes, '$."peer.service"'), json_extract(c.attributes, '$."server.address"'), json_extract(c.attributes, '$."db.system"')),
              c.status = 'error', c.end_ns - c.start_ns, 0, json_extract(c.attributes, '$."db.system"') IS NOT NULL
       FROM spans c
       WHERE ${scope('c')} AND c.kind = 'client'
         AND NOT EXISTS (SELECT 1 FROM spans k WHERE k.artifact_id = c.artifact_id AND k.trace_id = c.trace_id AND k.parent_span_id = c.span_id)`,
    )
    .all(params) as Call[]

  const services = db.prepare(`SELECT service, count(*) AS spans, sum(status = 'error') AS errorSpans FROM spans s WHERE ${scope('s')} GROUP BY service`).all(params) as Array<{
    service: string
    spans: number
    errorSpans: number
  }>

  const nodes = new Map<string, GraphNode>()
  for (const { service, spans, errorSpans } of services) nodes.set(service, { id: service, spans, errorSpans, uninstrumented: false, shape: 'service' })

  const edges = new Map<string, { edge: GraphEdge; durations: number[] }>()
  for (const call of calls) {
    if (!call.target || call.target === call.source) continue
    if (!nodes.has(call.target)) {
      nodes.set(call.target, { id: call.target, spans: 0, errorSpans: 0, uninstrumented: true, shape: call.database ? 'database' : 'external' })
    }
    const key = `${call.source}\u0000${call.target}`
    let entry = edges.get(key)
    if (!entry) {
      entry = { edge: { from: call.source, to: call.target, calls: 0, errors: 0, p50Ms: 0, p95Ms: 0, messaging: false }, durations: [] }
      edges.set(key, entry)
    }
    entry.edge.calls++
    entry.edge.errors += call.failed
    entry.edge.messaging ||= call.messaging === 1
    entry.durations.push(Number(call.durationNs) / 1e6)
  }
  const round = (ms: number) => Math.round(ms * 1000) / 1000
  return {
    nodes: [...nodes.values()].sort((a, b) => a.id.localeCompare(b.id)),
    edges: [...edges.values()]
      .map(({ edge, durations }) => {
        durations.sort((a, b) => a - b)
        return { ...edge, p50Ms: round(percentile(durations, 50)), p95Ms: round(percentile(durations, 95)) }
      })
      .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
  }
}

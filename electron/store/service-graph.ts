import type Database from 'better-sqlite3'
import type { GraphEdge, GraphNode, ServiceGraph } from '../../shared/graph/service-graph'
import { TRACE_FILES } from './trace-columns'

// The derived service graph. Calls are worked out once per imported trace file (recordServiceCalls,
// in the import's transaction) into service_calls and service_spans; a graph is then a small
// aggregate over those, fast enough to redraw for any incident or trace. A trace with spans in
// several files of an incident is worked out over all of them (joinSharedTraces).

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

/**
 * Works out again the calls and per-service counts of the artifact's traces that have spans in
 * other trace files of its incident too, over all their spans: a call from a span in one file to
 * one in another counts, a client span whose child is in another file is no call to an
 * uninstrumented callee, and a span in two files (one trace from two tools) counts once. The rows
 * go to the first of those files.
 */
export function joinSharedTraces(db: Database.Database, artifactId: number): void {
  const shared = db
    .prepare(
      `SELECT t.trace_id FROM (SELECT DISTINCT trace_id FROM spans WHERE artifact_id = :artifactId) t
       WHERE EXISTS (SELECT 1 FROM (${TRACE_FILES}) f JOIN spans o ON o.artifact_id = f.id AND o.trace_id = t.trace_id WHERE f.id <> :artifactId)`,
    )
    .pluck()
    .all({ artifactId }) as string[]
  if (shared.length === 0) return
  const scope = { artifactId, traces: JSON.stringify(shared) }
  const sharedRows = `artifact_id IN (SELECT id FROM (${TRACE_FILES})) AND trace_id IN (SELECT value FROM json_each(:traces))`
  for (const table of ['service_calls', 'service_spans']) db.prepare(`DELETE FROM ${table} WHERE ${sharedRows}`).run(scope)
  db.exec('DROP TABLE IF EXISTS temp.joined_spans')
  db.prepare(
    `CREATE TEMP TABLE joined_spans AS
     SELECT * FROM (
       SELECT id, trace_id, span_id, parent_span_id, service, kind, status, start_ns, end_ns, attributes,
              min(artifact_id) OVER (PARTITION BY trace_id) AS owner,
              row_number() OVER (PARTITION BY trace_id, span_id ORDER BY id) AS nth
       FROM spans WHERE ${sharedRows}
     ) WHERE nth = 1`,
  ).run(scope)
  db.exec('CREATE INDEX temp.joined_by_span ON joined_spans(trace_id, span_id); CREATE INDEX temp.joined_by_parent ON joined_spans(trace_id, parent_span_id)')
  db.exec(
    `INSERT INTO service_calls (artifact_id, trace_id, source, target, failed, duration_ns, messaging, database)
     SELECT c.owner, c.trace_id, p.service, c.service, c.status = 'error', c.end_ns - c.start_ns, p.kind = 'producer' AND c.kind = 'consumer', 0
     FROM temp.joined_spans c JOIN temp.joined_spans p ON p.trace_id = c.trace_id AND p.span_id = c.parent_span_id
     WHERE p.service <> c.service
     UNION ALL
     SELECT c.owner, c.trace_id, c.service, callee, c.status = 'error', c.end_ns - c.start_ns, 0, json_extract(c.attributes, '$."db.system"') IS NOT NULL
     FROM (SELECT *, coalesce(json_extract(attributes, '$."peer.service"'), json_extract(attributes, '$."server.address"'), json_extract(attributes, '$."db.system"')) AS callee
           FROM temp.joined_spans WHERE kind = 'client') c
     WHERE callee IS NOT NULL AND callee <> c.service
       AND NOT EXISTS (SELECT 1 FROM temp.joined_spans k WHERE k.trace_id = c.trace_id AND k.parent_span_id = c.span_id);
     INSERT INTO service_spans (artifact_id, trace_id, service, spans, errors)
     SELECT min(owner), trace_id, service, count(*), sum(status = 'error') FROM temp.joined_spans GROUP BY trace_id, service;
     DROP TABLE temp.joined_spans;`,
  )
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

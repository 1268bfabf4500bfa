import type Database from 'better-sqlite3'
import { ApiError } from '../../shared/api/contract'
import type { Attributes } from '../../shared/domain/span'
import { type TraceData, traceBuilder } from '../../shared/traces/trace-data'

// The waterfall's columns of each trace (TraceData), worked out once and kept: at import for a
// whole trace file in one pass, or on first open for traces imported before they were kept.
// Opening a trace of 100,000 spans then reads one row instead of 100,000.

type SpanRow = [traceId: string, base: string, rowId: number, spanId: string, parentSpanId: string | null, service: string, name: string, kind: string, start: number, duration: number, status: string, resourceId: number]

/** The spans of an artifact (or of one of its traces), by trace then time. */
const spanRows = (oneTrace: boolean) => {
  const only = oneTrace ? 'AND trace_id = :traceId' : ''
  // Times relative to the trace's first start fit a double exactly, so no row needs a BigInt.
  return `
    SELECT s.trace_id, CAST(b.base AS TEXT), s.id, s.span_id, s.parent_span_id, s.service, s.name, s.kind,
           s.start_ns - b.base, s.end_ns - s.start_ns, s.status, s.resource_id
    FROM (SELECT trace_id, min(start_ns) AS base FROM spans WHERE artifact_id = :artifactId ${only} GROUP BY trace_id) b
    JOIN spans s ON s.artifact_id = :artifactId AND s.trace_id = b.trace_id
    ORDER BY s.trace_id, s.start_ns, s.id`
}

const HOST_KEYS = ['host.id', 'host.ip', 'host.name'] as const

/** The host a resource runs on, for skew checks: host.id, host.ip or host.name (else its spans' service stands in). */
function hostOf(resource: Attributes): string | null {
  for (const key of HOST_KEYS) if (typeof resource[key] === 'string' && resource[key]) return `${key}=${resource[key]}`
  return null
}

/** Builds and stores the columns of every trace of an artifact (or just `traceId`); returns the last one built. */
function buildColumns(db: Database.Database, artifactId: number, traceId: string | null): TraceData | null {
  const hosts = new Map<number, string | null>()
  for (const { id, attributes } of db.prepare('SELECT id, attributes FROM resources WHERE artifact_id = ?').all(artifactId) as Array<{ id: number; attributes: string }>) {
    hosts.set(id, hostOf(JSON.parse(attributes)))
  }
  const store = db.prepare('INSERT OR REPLACE INTO trace_columns (artifact_id, trace_id, data) VALUES (?, ?, ?)')

  let built: TraceData | null = null
  // Written after the read: the connection cannot write while a statement iterates.
  const kept: Array<[traceId: string, data: string]> = []
  let group: SpanRow[] = []
  const flush = () => {
    if (group.length === 0) return
    const [groupTraceId, base] = group[0]
    const indexOfSpan = new Map(group.map((row, index) => [row[3], index]))
    const { trace, add } = traceBuilder(groupTraceId, base)
    for (const [, , rowId, spanId, parentSpanId, service, name, kind, start, duration, status, resourceId] of group) {
      add({
        rowId,
        spanId,
        parent: parentSpanId === null ? -1 : (indexOfSpan.get(parentSpanId) ?? -1),
        service,
        name,
        host: hosts.get(resourceId) ?? `service=${service}`,
        kind,
        start,
        duration,
        error: status === 'error',
      })
    }
    kept.push([groupTraceId, JSON.stringify(trace)])
    built = trace
    group = []
  }
  const rows = traceId === null ? db.prepare(spanRows(false)).raw().iterate({ artifactId }) : db.prepare(spanRows(true)).raw().iterate({ artifactId, traceId })
  for (const row of rows as IterableIterator<SpanRow>) {
    if (group.length > 0 && group[0][0] !== row[0]) flush()
    group.push(row)
  }
  flush()
  for (const [keptTraceId, data] of kept) store.run(artifactId, keptTraceId, data)
  return built
}

/** Works out and keeps the columns of every trace in a newly written trace artifact. */
export function recordTraceColumns(db: Database.Database, artifactId: number): void {
  buildColumns(db, artifactId, null)
}

/** One trace of an artifact as columns (see TraceData). */
export function loadTrace(db: Database.Database, artifactId: number, traceId: string): TraceData {
  const kept = db.prepare('SELECT data FROM trace_columns WHERE artifact_id = ? AND trace_id = ?').pluck().get(artifactId, traceId) as string | undefined
  if (kept !== undefined) return JSON.parse(kept) as TraceData
  const built = buildColumns(db, artifactId, traceId)
  if (!built) throw new ApiError('not_found', `trace ${traceId} is not in artifact ${artifactId}`)
  return built
}

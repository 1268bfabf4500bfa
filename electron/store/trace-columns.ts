import type Database from 'better-sqlite3'
import { ApiError } from '../../shared/api/contract'
import type { Attributes } from '../../shared/domain/span'
import { shownExtent } from '../../shared/traces/skew'
import { type TraceData, traceBuilder } from '../../shared/traces/trace-data'
import { pieceCount } from '../../shared/traces/tree'

// The waterfall's columns of each trace (TraceData), worked out once and kept: at import for a
// whole trace file in one pass, or on first open for traces imported before they were kept.
// Opening a trace of 100,000 spans then reads one row instead of 100,000.

type SpanRow = [traceId: string, base: string, rowId: number, spanId: string, parentSpanId: string | null, service: string, name: string, kind: string, start: number, duration: number, status: string, resourceId: number, inLeadFile?: number]

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

/** The columns of one trace from its spans' rows, in time order; a span id met twice is kept once (from the lead file if there). */
function columnsOf(group: readonly SpanRow[], hosts: ReadonlyMap<number, string | null>): TraceData {
  const [traceId, base] = group[0]
  const unique = new Map<string, SpanRow>()
  for (const row of group) {
    const seen = unique.get(row[3])
    if (!seen || (!seen[12] && row[12])) unique.set(row[3], row)
  }
  const rows = unique.size === group.length ? group : group.filter((row) => unique.get(row[3]) === row)
  const indexOfSpan = new Map(rows.map((row, index) => [row[3], index]))
  const { trace, add } = traceBuilder(traceId, base)
  for (const [, , rowId, spanId, parentSpanId, service, name, kind, start, duration, status, resourceId] of rows) {
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
  return trace
}

const hostsOf = (resources: ReadonlyArray<{ id: number; attributes: string }>) => new Map(resources.map(({ id, attributes }) => [id, hostOf(JSON.parse(attributes))]))

/**
 * Sums a trace of a trace file up into file_traces, from its columns: span and error counts, its
 * extent as the waterfall shows it (skew corrected), its root, the earliest
 * span whose parent is not in the file (its earliest span at all when parents form a cycle), and
 * how many trees its spans form there. The trace list then reads one row per trace, not every
 * span, and gives the duration the opened trace shows.
 */
export function traceSummaryKeeper(db: Database.Database): (artifactId: number, trace: TraceData) => void {
  const keep = db.prepare(
    `INSERT OR REPLACE INTO file_traces (artifact_id, trace_id, spans, errors, start_ns, end_ns, root_service, root_name, pieces)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  return (artifactId, trace) => {
    const count = trace.spanId.length
    let errors = 0
    // Spans are in time order (then by row): the first without a parent here is the earliest.
    let root = -1
    for (let span = 0; span < count; span++) {
      errors += trace.error[span]
      if (root < 0 && trace.parent[span] < 0) root = span
    }
    if (root < 0) root = 0
    const { start, end } = shownExtent(trace)
    const at = (ns: number) => BigInt(trace.baseNs) + BigInt(Math.round(ns))
    keep.run(artifactId, trace.traceId, count, errors, at(start), at(end), trace.services[trace.service[root]], trace.names[trace.name[root]], pieceCount(trace))
  }
}

/** Builds and stores the columns of every trace of an artifact (or just `traceId`); returns the last one built. */
function buildColumns(db: Database.Database, artifactId: number, traceId: string | null): TraceData | null {
  const hosts = hostsOf(db.prepare('SELECT id, attributes FROM resources WHERE artifact_id = ?').all(artifactId) as Array<{ id: number; attributes: string }>)
  const store = db.prepare('INSERT OR REPLACE INTO trace_columns (artifact_id, trace_id, data) VALUES (?, ?, ?)')
  const summarize = traceSummaryKeeper(db)

  let built: TraceData | null = null
  // Written after the read: the connection cannot write while a statement iterates.
  const kept: TraceData[] = []
  let group: SpanRow[] = []
  const flush = () => {
    if (group.length === 0) return
    built = columnsOf(group, hosts)
    kept.push(built)
    group = []
  }
  const rows = traceId === null ? db.prepare(spanRows(false)).raw().iterate({ artifactId }) : db.prepare(spanRows(true)).raw().iterate({ artifactId, traceId })
  for (const row of rows as IterableIterator<SpanRow>) {
    if (group.length > 0 && group[0][0] !== row[0]) flush()
    group.push(row)
  }
  flush()
  for (const trace of kept) {
    store.run(artifactId, trace.traceId, JSON.stringify(trace))
    summarize(artifactId, trace)
  }
  return built
}

/** The trace files of an artifact's incident (the artifact among them), with each one's clock offset from the artifact's in ns. */
export const TRACE_FILES = `
  SELECT a.id, CAST(round((a.clock_offset_ms - lead.clock_offset_ms) * 1000000) AS INTEGER) AS shift
  FROM artifacts lead JOIN artifacts a ON a.incident_id = lead.incident_id AND a.kind = 'trace'
  WHERE lead.id = :artifactId`

/** Whether spans of the trace are in another trace file of the artifact's incident too. */
const inOtherFiles = (db: Database.Database, artifactId: number, traceId: string): boolean =>
  db
    .prepare(`SELECT 1 FROM (${TRACE_FILES}) f WHERE f.id <> :artifactId AND EXISTS (SELECT 1 FROM spans s WHERE s.artifact_id = f.id AND s.trace_id = :traceId)`)
    .get({ artifactId, traceId }) !== undefined

/**
 * A trace whose spans are in several files of the incident (each service exporting its own, or
 * the same trace from two tools) as one: times on the artifact's clock (each file's offset
 * applied), parents found in any file, a span in two files once (the artifact's copy, else the earliest). Worked out
 * on each open, as the files' offsets can change.
 */
function joinedColumns(db: Database.Database, artifactId: number, traceId: string): TraceData {
  const group = db
    .prepare(
      `WITH files AS (${TRACE_FILES}),
       copies AS (
         SELECT s.*, s.start_ns + f.shift AS at,
                row_number() OVER (PARTITION BY s.span_id ORDER BY s.artifact_id <> :artifactId, s.start_ns + f.shift, s.id) AS copy
         FROM files f JOIN spans s ON s.artifact_id = f.id AND s.trace_id = :traceId
       ),
       -- A span in two files once (the trace is as long as the copies shown make it).
       parts AS (SELECT * FROM copies WHERE copy = 1),
       b AS (SELECT min(at) AS base FROM parts)
       SELECT p.trace_id, CAST(b.base AS TEXT), p.id, p.span_id, p.parent_span_id, p.service, p.name, p.kind,
              p.at - b.base, p.end_ns - p.start_ns, p.status, p.resource_id, p.artifact_id = :artifactId
       FROM parts p, b
       ORDER BY p.at, p.id`,
    )
    .raw()
    .all({ artifactId, traceId }) as SpanRow[]
  const hosts = hostsOf(
    db
      .prepare(`SELECT r.id, r.attributes FROM resources r WHERE r.artifact_id IN (SELECT id FROM (${TRACE_FILES}))`)
      .all({ artifactId }) as Array<{ id: number; attributes: string }>,
  )
  return columnsOf(group, hosts)
}

/** Works out and keeps the columns (and sums, see traceSummaryKeeper) of every trace in a newly written trace artifact. */
export function recordTraceColumns(db: Database.Database, artifactId: number): void {
  buildColumns(db, artifactId, null)
}

/** One trace of an artifact as columns (see TraceData), joined with its spans in the incident's other trace files. */
export function loadTrace(db: Database.Database, artifactId: number, traceId: string): TraceData {
  if (inOtherFiles(db, artifactId, traceId)) return joinedColumns(db, artifactId, traceId)
  const kept = db.prepare('SELECT data FROM trace_columns WHERE artifact_id = ? AND trace_id = ?').pluck().get(artifactId, traceId) as string | undefined
  if (kept !== undefined) return JSON.parse(kept) as TraceData
  const built = buildColumns(db, artifactId, traceId)
  if (!built) throw new ApiError('not_found', `trace ${traceId} is not in artifact ${artifactId}`)
  return built
}

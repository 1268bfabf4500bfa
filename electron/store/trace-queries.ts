import type Database from 'better-sqlite3'
import { ApiError } from '../../shared/api/contract'
import type { SpanDetail, TraceListItem } from '../../shared/domain/model'
import { TRACE_FILES } from './trace-columns'

// Reads behind the trace pane. Span times stay BigInt until made relative to the trace start.

type TracePart = {
  artifact_id: bigint
  trace_id: string
  spans: bigint
  errors: bigint
  start_ns: bigint
  end_ns: bigint
  shift: bigint
  root_artifact: bigint | null
  root_service: string | null
  root_name: string | null
  /** How many trees the trace's spans form (over all its files, once rootAcrossFiles has run). */
  pieces: bigint
  services: string
  counted_spans: bigint
  counted_errors: bigint
}

/** An incident's trace files, each with its clock offset in ns (`shift`); the incident's id is the parameter. */
const INCIDENT_TRACE_FILES = "SELECT id, CAST(round(clock_offset_ms * 1000000) AS INTEGER) AS shift FROM artifacts WHERE incident_id = ? AND kind = 'trace'"

/**
 * Traces of an incident, errors first then newest first, read from file_traces (one row per trace
 * of a file; see traceSummaryKeeper): times as the opened trace shows them, skew corrected. A
 * trace with spans in several files is one entry, led by the file holding its root: times on that
 * file's clock, a span in two files counted once.
 */
export function listTraces(db: Database.Database, incidentId: number): TraceListItem[] {
  const parts = db
    .prepare(
      `WITH files AS (${INCIDENT_TRACE_FILES})
       SELECT t.artifact_id, t.trace_id, t.spans, t.errors, t.start_ns + f.shift AS start_ns, t.end_ns + f.shift AS end_ns, f.shift,
              t.artifact_id AS root_artifact, t.root_service, t.root_name, t.pieces,
              coalesce(ss.services, '[]') AS services, coalesce(ss.spans, 0) AS counted_spans, coalesce(ss.errors, 0) AS counted_errors
       FROM files f JOIN file_traces t ON t.artifact_id = f.id
       -- A trace in several files has its counts, a span in two files once, with the first file (joinSharedTraces).
       LEFT JOIN (
         SELECT artifact_id, trace_id, json_group_array(service) AS services, sum(spans) AS spans, sum(errors) AS errors
         FROM service_spans WHERE artifact_id IN (SELECT id FROM files) GROUP BY artifact_id, trace_id
       ) ss ON ss.artifact_id = t.artifact_id AND ss.trace_id = t.trace_id
       ORDER BY t.trace_id, t.artifact_id`,
    )
    .safeIntegers(true)
    .all(incidentId) as TracePart[]

  const byTrace = new Map<string, TracePart[]>()
  for (const part of parts) {
    const group = byTrace.get(part.trace_id)
    if (group) group.push(part)
    else byTrace.set(part.trace_id, [part])
  }
  const shared = [...byTrace.values()].filter((group) => group.length > 1)
  rootAcrossFiles(db, incidentId, shared)
  const extents = extentsWithoutCopies(db, incidentId, shared.filter(shiftedApart))
  const items = [...byTrace.values()].map((group) => joinParts(group, extents.get(group[0].trace_id)))
  return items.sort((a, b) => Number(b.item.errors > 0) - Number(a.item.errors > 0) || (b.start > a.start ? 1 : b.start < a.start ? -1 : 0)).map(({ item }) => item)
}

/**
 * Names each trace of `groups` (traces with spans in several of the incident's files) by its root
 * over all those files, and counts the trees its spans form there: a span whose parent is in
 * another file is no root. Sets every part's root and pieces.
 */
function rootAcrossFiles(db: Database.Database, incidentId: number, groups: ReadonlyArray<TracePart[]>): void {
  if (groups.length === 0) return
  const roots = db
    .prepare(
      `WITH files AS (${INCIDENT_TRACE_FILES}),
       -- Each file's spans of each trace, looked up by trace (CROSS JOIN keeps that order: scanning
       -- a file's spans for the traces instead grew with spans times traces, a minute at 100,000 spans).
       flagged AS MATERIALIZED (
         SELECT r.artifact_id, r.trace_id, r.span_id, r.service, r.name, r.start_ns + f.shift AS at, r.id,
                r.parent_span_id IS NULL OR r.parent_span_id = r.span_id OR NOT EXISTS (
                  SELECT 1 FROM spans p WHERE p.artifact_id IN (SELECT id FROM files) AND p.trace_id = r.trace_id AND p.span_id = r.parent_span_id) AS orphan
         FROM files f CROSS JOIN json_each(?) t CROSS JOIN spans r ON r.artifact_id = f.id AND r.trace_id = t.value
       ),
       ranked AS (SELECT *, row_number() OVER (PARTITION BY trace_id ORDER BY NOT orphan, at, id) AS nth FROM flagged),
       -- A span in two files (exported by both) is one root.
       pieces AS (SELECT trace_id, count(DISTINCT span_id) AS pieces FROM flagged WHERE orphan GROUP BY trace_id)
       SELECT r.trace_id, r.artifact_id, r.service, r.name, coalesce(p.pieces, 1) AS pieces FROM ranked r LEFT JOIN pieces p USING (trace_id) WHERE r.nth = 1`,
    )
    .safeIntegers(true)
    .all(incidentId, JSON.stringify(groups.map((group) => group[0].trace_id))) as Array<{ trace_id: string; artifact_id: bigint; service: string; name: string; pieces: bigint }>
  const rootOf = new Map(roots.map((root) => [root.trace_id, root]))
  for (const group of groups) {
    const root = rootOf.get(group[0].trace_id)
    for (const part of group) Object.assign(part, { root_artifact: root?.artifact_id ?? null, root_service: root?.service ?? null, root_name: root?.name ?? null, pieces: root?.pieces ?? 1n })
  }
}

const leadOf = (group: readonly TracePart[]) => group.find((part) => part.artifact_id === group[0].root_artifact) ?? group[0]

/**
 * A trace in files of different clock offsets: a span exported to two of them has two times,
 * and the copy not shown (see loadTrace) must not stretch the trace.
 */
const shiftedApart = (group: readonly TracePart[]) => group.some((part) => part.shift !== group[0].shift)

type Extent = { start: bigint; end: bigint }

/** The incident-clock extent of each trace of `groups` over the copies of its spans loadTrace shows: the lead file's, else the earliest. */
function extentsWithoutCopies(db: Database.Database, incidentId: number, groups: ReadonlyArray<readonly TracePart[]>): Map<string, Extent> {
  if (groups.length === 0) return new Map()
  // As joinedColumns picks the copy it shows: the lead file's, else the earliest.
  const leads = Object.fromEntries(groups.map((group) => [group[0].trace_id, Number(leadOf(group).artifact_id)]))
  const rows = db
    .prepare(
      `WITH files AS (${INCIDENT_TRACE_FILES}),
       copies AS (
         SELECT s.trace_id, s.start_ns + f.shift AS start, s.end_ns + f.shift AS end,
                row_number() OVER (PARTITION BY s.trace_id, s.span_id ORDER BY s.artifact_id <> l.value, s.start_ns + f.shift, s.id) AS copy
         FROM files f CROSS JOIN json_each(?) l CROSS JOIN spans s ON s.artifact_id = f.id AND s.trace_id = l.key
       )
       SELECT trace_id, min(start) AS start, max(end) AS end FROM copies WHERE copy = 1 GROUP BY trace_id`,
    )
    .safeIntegers(true)
    .all(incidentId, JSON.stringify(leads)) as Array<{ trace_id: string; start: bigint; end: bigint }>
  return new Map(rows.map(({ trace_id, start, end }) => [trace_id, { start, end }]))
}

/** One list entry from a trace's parts, one per file holding its spans (`extent` when copies of its spans must be left out of it). */
function joinParts(group: readonly TracePart[], extent?: Extent): { item: TraceListItem; start: bigint } {
  const lead = leadOf(group)
  const others = group.filter((part) => part !== lead)
  const start = extent?.start ?? group.reduce((min, part) => (part.start_ns < min ? part.start_ns : min), lead.start_ns)
  const end = extent?.end ?? group.reduce((max, part) => (part.end_ns > max ? part.end_ns : max), lead.end_ns)
  const sum = (count: (part: TracePart) => bigint) => Number(group.reduce((total, part) => total + count(part), 0n))
  const counted = others.length === 0 ? { spans: Number(lead.spans), errors: Number(lead.errors) } : { spans: sum((part) => part.counted_spans), errors: sum((part) => part.counted_errors) }
  const item = {
    artifactId: Number(lead.artifact_id),
    artifactIds: [lead, ...others].map((part) => Number(part.artifact_id)),
    traceId: lead.trace_id,
    rootService: lead.root_service ?? '',
    rootName: lead.root_name ?? '',
    startNs: start.toString(),
    durationNs: Number(end - start),
    ...counted,
    pieces: Number(lead.pieces),
    services: [...new Set(group.flatMap((part) => JSON.parse(part.services) as string[]))],
  }
  // Newest first on the incident clock.
  return { item, start }
}

/** Per word, the row ids of the trace's spans (in any of the incident's trace files) whose attributes, events or status message contain it (any case). */
export function spansContaining(db: Database.Database, artifactId: number, traceId: string, words: readonly string[]): number[][] {
  const find = db
    .prepare(
      `SELECT id FROM spans WHERE artifact_id IN (SELECT id FROM (${TRACE_FILES})) AND trace_id = :traceId
         AND instr(lower(status_message || ' ' || attributes || ' ' || coalesce(events, '')), lower(:word)) > 0`,
    )
    .pluck()
  return words.map((word) => find.all({ artifactId, traceId, word }) as number[])
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

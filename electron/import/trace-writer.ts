import type Database from 'better-sqlite3'
import type { Attributes, NormalizedSpan } from '../../shared/domain/span'
import type { TraceFormat, TraceSummary } from '../../shared/domain/model'
import type { TraceSink } from '../../shared/formats/trace-sink'
import { joinSharedTraces, recordServiceCalls } from '../store/service-graph'
import { recordTraceColumns } from '../store/trace-columns'

/** A span's events or links, stored as NULL when there are none. */
const jsonList = (list: unknown[]) => (list.length === 0 ? null : JSON.stringify(list))

/** Writes one trace artifact's spans; the caller holds the transaction. */
export class TraceWriter implements TraceSink {
  private readonly insertSpan: Database.Statement
  private readonly insertResource: Database.Statement
  private readonly resourceIds = new Map<Attributes, number>()
  private readonly resourceIdsByText = new Map<string, number>()
  private readonly reparents: Array<[string, string, string, string]> = []
  private readonly findSpan: Database.Statement
  private readonly dropSpan: Database.Statement
  /** Spans left out for repeating the trace and span id of another, different span of the file. */
  private repeated = 0

  constructor(
    private readonly db: Database.Database,
    private readonly artifactId: number,
  ) {
    // OR IGNORE: a span repeated with the same trace and span id collapses to its first copy.
    this.insertSpan = db.prepare(`INSERT OR IGNORE INTO spans
      (artifact_id, trace_id, span_id, parent_span_id, service, name, kind, start_ns, end_ns,
       status, status_message, resource_id, scope, attributes, events, links)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    this.insertResource = db.prepare('INSERT INTO resources (artifact_id, service, attributes) VALUES (?, ?, ?)')
    this.findSpan = db.prepare('SELECT id, service, name, start_ns, end_ns, status FROM spans WHERE artifact_id = ? AND trace_id = ? AND span_id = ?').safeIntegers(true)
    this.dropSpan = db.prepare('DELETE FROM spans WHERE id = ?')
  }

  private resourceId(span: NormalizedSpan): number {
    const known = this.resourceIds.get(span.resource)
    if (known !== undefined) return known
    const text = JSON.stringify(span.resource)
    let id = this.resourceIdsByText.get(text)
    if (id === undefined) {
      id = Number(this.insertResource.run(this.artifactId, span.service, text).lastInsertRowid)
      this.resourceIdsByText.set(text, id)
    }
    this.resourceIds.set(span.resource, id)
    return id
  }

  span(span: NormalizedSpan): void {
    if (this.insert(span) > 0) return
    // The same ids again. An exporter sending a span twice sends the same span: nothing to say.
    // Another span under those ids (ids clashing across services, a broken exporter) is counted
    // and left out, unless it is the one in error: that is the copy worth keeping.
    const kept = this.findSpan.get(this.artifactId, span.traceId, span.spanId) as
      | { id: bigint; service: string; name: string; start_ns: bigint; end_ns: bigint; status: string }
      | undefined
    if (!kept) return
    const same = kept.service === span.service && kept.name === span.name && kept.start_ns === span.startNs && kept.end_ns === span.endNs && kept.status === span.status
    if (same) return
    this.repeated++
    if (span.status === 'error' && kept.status !== 'error') {
      this.dropSpan.run(kept.id)
      this.insert(span)
    }
  }

  private insert(span: NormalizedSpan): number {
    return this.insertSpan.run(
      this.artifactId,
      span.traceId,
      span.spanId,
      span.parentSpanId,
      span.service,
      span.name,
      span.kind,
      span.startNs,
      span.endNs,
      span.status,
      span.statusMessage,
      this.resourceId(span),
      span.scope ? JSON.stringify(span.scope) : null,
      JSON.stringify(span.attributes),
      jsonList(span.events),
      jsonList(span.links),
    ).changes
  }

  reparent(traceId: string, fromParentId: string, toParentId: string, service: string): void {
    this.reparents.push([traceId, fromParentId, toParentId, service])
  }

  /** Applies deferred re-parenting and sums up what was written. */
  finish(format: TraceFormat, file: string): TraceSummary {
    const move = this.db.prepare(
      'UPDATE spans SET parent_span_id = ? WHERE artifact_id = ? AND trace_id = ? AND parent_span_id = ? AND service = ? AND span_id <> ?',
    )
    for (const [traceId, from, to, service] of this.reparents) move.run(to, this.artifactId, traceId, from, service, to)
    recordServiceCalls(this.db, this.artifactId)
    joinSharedTraces(this.db, this.artifactId)
    recordTraceColumns(this.db, this.artifactId)

    const totals = this.db
      .prepare(`SELECT count(*) AS spans, count(DISTINCT trace_id) AS traces,
          sum(status = 'error') AS errorSpans, min(start_ns) AS startNs, max(end_ns) AS endNs
        FROM spans WHERE artifact_id = ?`)
      .safeIntegers(true)
      .get(this.artifactId) as { spans: bigint; traces: bigint; errorSpans: bigint | null; startNs: bigint | null; endNs: bigint | null }
    const services = this.db
      .prepare('SELECT DISTINCT service FROM spans WHERE artifact_id = ? ORDER BY service')
      .pluck()
      .all(this.artifactId) as string[]
    return {
      kind: 'trace',
      format,
      file,
      spans: Number(totals.spans),
      traces: Number(totals.traces),
      services,
      errorSpans: Number(totals.errorSpans ?? 0n),
      startUnixNano: String(totals.startNs ?? 0n),
      endUnixNano: String(totals.endNs ?? 0n),
      ...(this.repeated > 0 ? { repeatedSpanIds: this.repeated } : {}),
    }
  }
}

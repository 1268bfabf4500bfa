// A trace as the trace pane holds it: columns of numbers, one entry per span, so a trace of
// 100,000 spans crosses the API and sits in memory as a few flat arrays rather than 100,000
// objects. Times are nanoseconds relative to `baseNs` (the trace's first start), which keeps them
// exact in a double for any trace shorter than 104 days.

export const SPAN_KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'] as const

export interface TraceData {
  traceId: string
  /** Absolute start of the earliest span, epoch nanoseconds (decimal). */
  baseNs: string
  services: string[]
  names: string[]
  /** Hosts (host.id, host.ip or host.name of the resource; else the service) for skew checks. */
  hosts: string[]
  /** Row id of each span in the workspace, for details. */
  rowId: number[]
  spanId: string[]
  /** Index of the parent span in these arrays, or -1 for a root (or a parent not in the file). */
  parent: number[]
  service: number[]
  name: number[]
  host: number[]
  /** Index into SPAN_KINDS. */
  kind: number[]
  start: number[]
  duration: number[]
  /** 1 when the span's status is error. */
  error: number[]
}

export const spanCount = (trace: TraceData): number => trace.spanId.length
export const endOf = (trace: TraceData, i: number): number => trace.start[i] + trace.duration[i]

/** One span as the builder takes it: names as text, kinds by name. */
export interface SpanColumns {
  rowId: number
  spanId: string
  parent: number
  service: string
  name: string
  host: string
  kind: (typeof SPAN_KINDS)[number] | string
  start: number
  duration: number
  error: boolean
}

/** Builds a TraceData span by span, interning services, names and hosts. */
export function traceBuilder(traceId: string, baseNs: string) {
  const trace: TraceData = {
    traceId,
    baseNs,
    services: [],
    names: [],
    hosts: [],
    rowId: [],
    spanId: [],
    parent: [],
    service: [],
    name: [],
    host: [],
    kind: [],
    start: [],
    duration: [],
    error: [],
  }
  const indexes = new Map<string[], Map<string, number>>()
  const intern = (list: string[], value: string) => {
    let index = indexes.get(list)
    if (!index) indexes.set(list, (index = new Map()))
    let i = index.get(value)
    if (i === undefined) index.set(value, (i = list.push(value) - 1))
    return i
  }
  return {
    trace,
    add(span: SpanColumns): number {
      trace.rowId.push(span.rowId)
      trace.spanId.push(span.spanId)
      trace.parent.push(span.parent)
      trace.service.push(intern(trace.services, span.service))
      trace.name.push(intern(trace.names, span.name))
      trace.host.push(intern(trace.hosts, span.host))
      trace.kind.push(Math.max(0, SPAN_KINDS.indexOf(span.kind as (typeof SPAN_KINDS)[number])))
      trace.start.push(span.start)
      trace.duration.push(span.duration)
      trace.error.push(span.error ? 1 : 0)
      return trace.spanId.length - 1
    },
  }
}

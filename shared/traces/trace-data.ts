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

import { type SPAN_KINDS, type TraceData, traceBuilder } from './trace-data'

/** A span and its children, for building traces by hand or by generator. */
export interface SpanSpec {
  service: string
  name: string
  start: number
  duration: number
  host?: string
  kind?: (typeof SPAN_KINDS)[number]
  error?: boolean
  children?: SpanSpec[]
}

/** Turns a tree of specs into the pane's columnar TraceData (depth-first order). */
export function buildTraceData(roots: SpanSpec[], traceId = '0'.repeat(31) + '1'): TraceData {
  const { trace, add } = traceBuilder(traceId, '0')
  const visit = (spec: SpanSpec, parent: number) => {
    const index = trace.spanId.length
    add({
      rowId: index + 1,
      spanId: index.toString(16).padStart(16, '0'),
      parent,
      service: spec.service,
      name: spec.name,
      host: spec.host ?? spec.service,
      kind: spec.kind ?? 'internal',
      start: spec.start,
      duration: spec.duration,
      error: spec.error ?? false,
    })
    for (const child of spec.children ?? []) visit(child, index)
  }
  for (const root of roots) visit(root, -1)
  return trace
}

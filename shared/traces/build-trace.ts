import type { TraceData } from './trace-data'

/** A span and its children, for building traces by hand or by generator. */
export interface SpanSpec {
  service: string
  name: string
  start: number
  duration: number
  host?: string
  error?: boolean
  children?: SpanSpec[]
}

/** Turns a tree of specs into the pane's columnar TraceData (depth-first order). */
export function buildTraceData(roots: SpanSpec[], traceId = '0'.repeat(31) + '1'): TraceData {
  const trace: TraceData = {
    traceId,
    baseNs: '0',
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
  const intern = (list: string[], value: string) => {
    const index = list.indexOf(value)
    return index >= 0 ? index : list.push(value) - 1
  }
  const add = (spec: SpanSpec, parent: number) => {
    const index = trace.spanId.length
    trace.rowId.push(index + 1)
    trace.spanId.push(index.toString(16).padStart(16, '0'))
    trace.parent.push(parent)
    trace.service.push(intern(trace.services, spec.service))
    trace.name.push(intern(trace.names, spec.name))
    trace.host.push(intern(trace.hosts, spec.host ?? spec.service))
    trace.kind.push(1)
    trace.start.push(spec.start)
    trace.duration.push(spec.duration)
    trace.error.push(spec.error ? 1 : 0)
    for (const child of spec.children ?? []) add(child, index)
  }
  for (const root of roots) add(root, -1)
  return trace
}

import { compareTraces, type ComparedNode } from '../../../shared/traces/compare'
import { operationStats, type OperationStats } from '../../../shared/traces/stats'
import type { TraceData } from '../../../shared/traces/trace-data'
import { buildTree, type SpanTree } from '../../../shared/traces/tree'
import { asTraceData, computeLayout, type TraceLayout } from './layout'

// The work the layout worker does, as plain functions (the worker, and the fallback on the main
// thread when no worker can start, run the same code).

/** The columns a job needs, as typed arrays (transferred to the worker, not copied). */
export interface TraceColumns {
  key: string
  count: number
  services: string[]
  names: string[]
  parent: Int32Array
  host: Int32Array
  service: Int32Array
  name: Int32Array
  /** Index into SPAN_KINDS (skew correction treats a message's consumer apart). */
  kind: Uint8Array
  error: Uint8Array
  start: Float64Array
  duration: Float64Array
}

export type Job =
  | { type: 'layout'; trace: TraceColumns }
  | { type: 'stats'; trace: TraceColumns }
  | { type: 'compare'; left: TraceColumns; right: TraceColumns }

export interface JobResults {
  layout: TraceLayout
  stats: OperationStats[]
  compare: ComparedNode[]
}

export function columnsOf(key: string, trace: TraceData): TraceColumns {
  return {
    key,
    count: trace.spanId.length,
    services: trace.services,
    names: trace.names,
    parent: Int32Array.from(trace.parent),
    host: Int32Array.from(trace.host),
    service: Int32Array.from(trace.service),
    name: Int32Array.from(trace.name),
    kind: Uint8Array.from(trace.kind),
    error: Uint8Array.from(trace.error),
    start: Float64Array.from(trace.start),
    duration: Float64Array.from(trace.duration),
  }
}

export const columnBuffers = (columns: TraceColumns): ArrayBuffer[] =>
  [columns.parent, columns.host, columns.service, columns.name, columns.kind, columns.error, columns.start, columns.duration].map((array) => array.buffer as ArrayBuffer)

// The last few traces worked on, so that statistics or a comparison do not rebuild their trees.
const recent = new Map<string, { trace: TraceData; tree: SpanTree }>()
const RECENT = 4

function prepared(columns: TraceColumns) {
  let entry = recent.get(columns.key)
  if (!entry) {
    const trace = asTraceData(
      {
        services: columns.services,
        names: columns.names,
        parent: columns.parent as unknown as number[],
        host: columns.host as unknown as number[],
        service: columns.service as unknown as number[],
        name: columns.name as unknown as number[],
        kind: columns.kind as unknown as number[],
        error: columns.error as unknown as number[],
        start: columns.start as unknown as number[],
        duration: columns.duration as unknown as number[],
      },
      columns.count,
    )
    entry = { trace, tree: buildTree(trace) }
    if (recent.size >= RECENT) recent.delete(recent.keys().next().value!)
  } else {
    recent.delete(columns.key)
  }
  recent.set(columns.key, entry)
  return entry
}

export function runJob(job: Job): JobResults[Job['type']] {
  switch (job.type) {
    case 'layout': {
      const { trace, tree } = prepared(job.trace)
      return computeLayout(trace, tree)
    }
    case 'stats': {
      const { trace, tree } = prepared(job.trace)
      return operationStats(trace, tree)
    }
    case 'compare': {
      const left = prepared(job.left)
      const right = prepared(job.right)
      return compareTraces(left.trace, left.tree, right.trace, right.tree)
    }
  }
}

import { SPAN_KINDS, type TraceData } from './trace-data'
import { buildTree, type SpanTree } from './tree'

const PRODUCER = SPAN_KINDS.indexOf('producer')
const CONSUMER = SPAN_KINDS.indexOf('consumer')

/** A producer's message taken by a consumer: the child may start after the parent ends. */
const isAsync = (trace: TraceData, span: number, parent: number) => trace.kind[span] === CONSUMER || trace.kind[parent] === PRODUCER

export interface SkewAdjustment {
  /** Start of each span as displayed. */
  start: number[]
  /** Whether a span was moved (itself, or with its parent on the same host). */
  adjusted: boolean[]
}

/**
 * Corrects clock skew for display. A child on another host than its parent that does not fit
 * inside the parent is moved to sit centered in it, or, when it lasts longer than the parent,
 * to start with it; a message's consumer is only kept from starting before its producer. Descendants on the child's host move with it; raw times are not changed.
 */
export function adjustSkew(trace: TraceData, tree: SpanTree): SkewAdjustment {
  const start = [...trace.start]
  const adjusted = new Array<boolean>(start.length).fill(false)
  const shift = new Array<number>(start.length).fill(0)
  for (const span of tree.order) {
    const parent = trace.parent[span]
    // A root has nothing to fit in (one cut from a parent cycle included).
    if (tree.depth[span] === 0 || parent < 0 || parent >= start.length) continue
    const sameHost = trace.host[span] === trace.host[parent]
    let moved = sameHost ? shift[parent] : 0
    const begins = trace.start[span] + moved
    const parentStart = start[parent]
    const parentEnd = parentStart + trace.duration[parent]
    // A message's consumer runs when the message is taken, often after its producer ended: that
    // wait is the queue's, not skew. Only one starting before its producer is off.
    if (!sameHost && isAsync(trace, span, parent)) {
      if (begins < parentStart) moved += parentStart - begins
    } else if (!sameHost && (begins < parentStart || begins + trace.duration[span] > parentEnd)) {
      const fitted = trace.duration[span] <= trace.duration[parent] ? parentStart + (trace.duration[parent] - trace.duration[span]) / 2 : parentStart
      moved += fitted - begins
    }
    shift[span] = moved
    start[span] = trace.start[span] + moved
    adjusted[span] = moved !== 0
  }
  return { start, adjusted }
}

/** Where the trace starts and ends as the waterfall shows it, skew corrected (ns from its base). */
export function shownExtent(trace: TraceData, tree: SpanTree = buildTree(trace)): { start: number; end: number } {
  const { start } = adjustSkew(trace, tree)
  if (start.length === 0) return { start: 0, end: 0 }
  let first = Infinity
  let last = -Infinity
  for (let span = 0; span < start.length; span++) {
    first = Math.min(first, start[span])
    last = Math.max(last, start[span] + trace.duration[span])
  }
  return { start: first, end: last }
}

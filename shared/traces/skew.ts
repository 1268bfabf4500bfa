import type { TraceData } from './trace-data'
import type { SpanTree } from './tree'

export interface SkewAdjustment {
  /** Start of each span as displayed. */
  start: number[]
  /** Whether a span was moved (itself, or with its parent on the same host). */
  adjusted: boolean[]
}

/**
 * Corrects clock skew for display. A child on another host than its parent that does not fit
 * inside the parent is moved to sit centered in it, or, when it lasts longer than the parent,
 * to start with it. Descendants on the child's host move with it; raw times are not changed.
 */
export function adjustSkew(trace: TraceData, tree: SpanTree): SkewAdjustment {
  const start = [...trace.start]
  const adjusted = new Array<boolean>(start.length).fill(false)
  const shift = new Array<number>(start.length).fill(0)
  for (const span of tree.order) {
    const parent = trace.parent[span]
    if (parent < 0 || parent === span || parent >= start.length) continue
    const sameHost = trace.host[span] === trace.host[parent]
    let moved = sameHost ? shift[parent] : 0
    const begins = trace.start[span] + moved
    const parentStart = start[parent]
    const parentEnd = parentStart + trace.duration[parent]
    if (!sameHost && (begins < parentStart || begins + trace.duration[span] > parentEnd)) {
      const fitted = trace.duration[span] <= trace.duration[parent] ? parentStart + (trace.duration[parent] - trace.duration[span]) / 2 : parentStart
      moved += fitted - begins
    }
    shift[span] = moved
    start[span] = trace.start[span] + moved
    adjusted[span] = moved !== 0
  }
  return { start, adjusted }
}

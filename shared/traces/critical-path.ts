import { endOf, type TraceData } from './trace-data'
import type { SpanTree } from './tree'

/** A stretch of time during which `span` itself (not a child) held up the end of the trace. */
export interface CriticalSegment {
  span: number
  start: number
  end: number
}

interface Frame {
  span: number
  /** Time up to which this span's share is still to be accounted for. */
  until: number
  kids: number[]
  next: number
}

/**
 * The chain of spans that determines the trace's end-to-end latency. Walking back from a span's
 * end: the child that finished last (before the point reached) was on the path; the gap after it
 * belongs to the span itself; then the search continues before that child started. Children that
 * overlap a critical child ran in parallel and are not on the path. Children are clipped to their
 * parent. The root is the longest root span.
 */
export function criticalPath(trace: TraceData, tree: SpanTree): CriticalSegment[] {
  if (tree.roots.length === 0) return []
  const root = tree.roots.reduce((best, span) => (trace.duration[span] > trace.duration[best] ? span : best))
  const clippedEnd = (kid: number, parent: number) => Math.min(endOf(trace, kid), endOf(trace, parent))
  const frame = (span: number, until: number): Frame => ({
    span,
    until,
    kids: [...tree.children[span]].sort((a, b) => clippedEnd(b, span) - clippedEnd(a, span)),
    next: 0,
  })

  const segments: CriticalSegment[] = []
  const stack = [frame(root, endOf(trace, root))]
  while (stack.length > 0) {
    const current = stack[stack.length - 1]
    const spanStart = trace.start[current.span]
    let chosen = -1
    while (current.next < current.kids.length) {
      const kid = current.kids[current.next++]
      if (clippedEnd(kid, current.span) <= current.until && trace.start[kid] < current.until) {
        chosen = kid
        break
      }
    }
    if (chosen === -1) {
      if (current.until > spanStart) segments.push({ span: current.span, start: spanStart, end: current.until })
      stack.pop()
      continue
    }
    const kidEnd = clippedEnd(chosen, current.span)
    if (kidEnd < current.until) segments.push({ span: current.span, start: kidEnd, end: current.until })
    current.until = Math.max(trace.start[chosen], spanStart)
    stack.push(frame(chosen, kidEnd))
  }
  return segments.sort((a, b) => a.start - b.start)
}

/** The spans on the critical path. */
export const criticalSpans = (segments: CriticalSegment[]): Set<number> => new Set(segments.map((segment) => segment.span))

import { spanCount, type TraceData } from './trace-data'

/**
 * Where a failing trace's failure starts: the earliest error span none of whose children failed
 * (its parents' errors are usually the same failure passed up); -1 when nothing failed.
 * Spans are in time order, so the first one found is the earliest.
 */
export function errorOrigin(trace: TraceData): number {
  const count = spanCount(trace)
  const hasFailedChild = new Uint8Array(count)
  for (let span = 0; span < count; span++) if (trace.error[span] && trace.parent[span] >= 0) hasFailedChild[trace.parent[span]] = 1
  for (let span = 0; span < count; span++) if (trace.error[span] && !hasFailedChild[span]) return span
  return -1
}

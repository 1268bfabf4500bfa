import type { TraceListItem } from '../../../shared/domain/model'

// The incident's traces, as the list sorts them.

export type TraceSortKey = 'errors' | 'root' | 'start' | 'duration' | 'spans'
export interface TraceSort {
  key: TraceSortKey
  descending: boolean
}

/** Errors first (most first), then newest first: the server's own order. */
export const DEFAULT_TRACE_SORT: TraceSort = { key: 'errors', descending: true }

const compareNs = (a: string, b: string) => (a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0)

const compareBy: Record<TraceSortKey, (a: TraceListItem, b: TraceListItem) => number> = {
  errors: (a, b) => a.errors - b.errors,
  root: (a, b) => `${a.rootService}\u0000${a.rootName}`.localeCompare(`${b.rootService}\u0000${b.rootName}`),
  start: (a, b) => compareNs(a.startNs, b.startNs),
  duration: (a, b) => a.durationNs - b.durationNs,
  spans: (a, b) => a.spans - b.spans,
}

/** A sorted copy; ties keep newest first. */
export function sortTraces(traces: readonly TraceListItem[], sort: TraceSort): TraceListItem[] {
  const direction = sort.descending ? -1 : 1
  return [...traces].sort((a, b) => direction * compareBy[sort.key](a, b) || compareNs(b.startNs, a.startNs) || a.traceId.localeCompare(b.traceId))
}

/** Clicking a column: the same column flips, another starts in its natural direction. */
export function nextSort(current: TraceSort, key: TraceSortKey): TraceSort {
  if (current.key === key) return { key, descending: !current.descending }
  return { key, descending: key !== 'root' }
}

export const traceKey = (trace: Pick<TraceListItem, 'artifactId' | 'traceId'>) => `${trace.artifactId}:${trace.traceId}`

/**
 * The trace to compare `current` with by default: a healthy one of the same root operation, else
 * of the same root service, else any healthy one, else any other.
 */
export function suggestComparison(current: TraceListItem, traces: readonly TraceListItem[]): TraceListItem | undefined {
  const others = traces.filter((trace) => traceKey(trace) !== traceKey(current))
  const healthy = others.filter((trace) => trace.errors === 0)
  return (
    healthy.find((trace) => trace.rootService === current.rootService && trace.rootName === current.rootName) ??
    healthy.find((trace) => trace.rootService === current.rootService) ??
    healthy[0] ??
    others[0]
  )
}

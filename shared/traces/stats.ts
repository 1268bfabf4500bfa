import { endOf, type TraceData } from './trace-data'
import type { SpanTree } from './tree'

export interface OperationStats {
  service: string
  name: string
  count: number
  errors: number
  /** Sum of durations, ns. */
  totalNs: number
  /** Sum of self times (duration not covered by any child), ns. */
  selfNs: number
}

/** Time of `span` not covered by its children (children clipped to the span). */
export function selfTime(trace: TraceData, tree: SpanTree, span: number): number {
  const start = trace.start[span]
  const end = endOf(trace, span)
  const kids = tree.children[span]
    .map((kid) => [Math.max(start, trace.start[kid]), Math.min(end, endOf(trace, kid))] as const)
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0])
  let covered = 0
  let reach = start
  for (const [from, to] of kids) {
    if (to <= reach) continue
    covered += to - Math.max(from, reach)
    reach = to
  }
  return end - start - covered
}

/** Per service and operation: count, total and self time, errors; by total time, largest first. */
export function operationStats(trace: TraceData, tree: SpanTree): OperationStats[] {
  const rows = new Map<string, OperationStats>()
  for (let span = 0; span < trace.spanId.length; span++) {
    const service = trace.services[trace.service[span]]
    const name = trace.names[trace.name[span]]
    const key = `${trace.service[span]}\u0000${trace.name[span]}`
    let row = rows.get(key)
    if (!row) rows.set(key, (row = { service, name, count: 0, errors: 0, totalNs: 0, selfNs: 0 }))
    row.count++
    row.errors += trace.error[span]
    row.totalNs += trace.duration[span]
    row.selfNs += selfTime(trace, tree, span)
  }
  return [...rows.values()].sort((a, b) => b.totalNs - a.totalNs || a.service.localeCompare(b.service) || a.name.localeCompare(b.name))
}

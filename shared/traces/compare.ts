import type { TraceData } from './trace-data'
import type { SpanTree } from './tree'

/** One node of two traces merged by their service+operation path from the root. */
export interface ComparedNode {
  /** "service:operation" steps from the root, joined by " > ". */
  path: string
  depth: number
  service: string
  name: string
  left: { count: number; totalNs: number; errors: number } | null
  right: { count: number; totalNs: number; errors: number } | null
}

function pathsOf(trace: TraceData, tree: SpanTree) {
  const totals = new Map<string, { count: number; totalNs: number; errors: number; depth: number; service: string; name: string }>()
  const order: string[] = []
  const pathOf: string[] = new Array(trace.spanId.length)
  for (const span of tree.order) {
    const service = trace.services[trace.service[span]]
    const name = trace.names[trace.name[span]]
    const parent = trace.parent[span]
    const step = `${service}:${name}`
    const path = parent >= 0 && pathOf[parent] !== undefined ? `${pathOf[parent]} > ${step}` : step
    pathOf[span] = path
    let entry = totals.get(path)
    if (!entry) {
      totals.set(path, (entry = { count: 0, totalNs: 0, errors: 0, depth: tree.depth[span], service, name }))
      order.push(path)
    }
    entry.count++
    entry.totalNs += trace.duration[span]
    entry.errors += trace.error[span]
  }
  return { totals, order }
}

/** The last path, in display order, of `anchor`'s subtree. */
function lastInSubtree(order: string[], anchor: string): string {
  let last = anchor
  for (const path of order) if (path.startsWith(`${anchor} > `)) last = path
  return last
}

/**
 * Merges two traces (typically a failing one and a healthy one of the same operation) by
 * service+operation path, with counts and durations side by side; a side is null where only the
 * other trace has the path. Rows follow the left trace's order, the right's extra paths after
 * their nearest shared ancestor.
 */
export function compareTraces(left: TraceData, leftTree: SpanTree, right: TraceData, rightTree: SpanTree): ComparedNode[] {
  const a = pathsOf(left, leftTree)
  const b = pathsOf(right, rightTree)
  const rows: ComparedNode[] = []
  const placed = new Set<string>()
  const emit = (path: string) => {
    if (placed.has(path)) return
    placed.add(path)
    const info = a.totals.get(path) ?? b.totals.get(path)!
    const side = (entry: { count: number; totalNs: number; errors: number } | undefined) =>
      entry ? { count: entry.count, totalNs: entry.totalNs, errors: entry.errors } : null
    rows.push({ path, depth: info.depth, service: info.service, name: info.name, left: side(a.totals.get(path)), right: side(b.totals.get(path)) })
  }
  // Right-only paths go after the subtree of their closest ancestor that the left has.
  const extrasAfter = new Map<string, string[]>()
  for (const path of b.order) {
    if (a.totals.has(path)) continue
    let anchor = path
    while (anchor.includes(' > ') && !a.totals.has(anchor)) anchor = anchor.slice(0, anchor.lastIndexOf(' > '))
    const key = a.totals.has(anchor) ? lastInSubtree(a.order, anchor) : ''
    extrasAfter.set(key, [...(extrasAfter.get(key) ?? []), path])
  }
  for (const path of a.order) {
    emit(path)
    for (const extra of extrasAfter.get(path) ?? []) emit(extra)
  }
  for (const extra of extrasAfter.get('') ?? []) emit(extra)
  return rows
}

import type { TraceLayout } from './layout'

// Which spans are rows of the waterfall: every span in display order, minus the subtrees of
// collapsed spans and, when filtering, spans that neither match nor lead to a match.

/**
 * The spans shown, in display order. `collapsed[s]` hides s's descendants; with `keep`, only
 * spans with keep[s] set and their ancestors show.
 */
export function visibleRows(layout: TraceLayout, collapsed: Uint8Array, keep?: Uint8Array | null): Int32Array {
  const { order, size, count } = layout
  const rows = new Int32Array(count)
  let shown = 0
  const context = keep ? withAncestors(layout, keep) : null
  for (let p = 0; p < count; ) {
    const span = order[p]
    if (context && !context[span]) {
      p += size[span]
      continue
    }
    rows[shown++] = span
    p += collapsed[span] ? size[span] : 1
  }
  return rows.slice(0, shown)
}

/** `marked` plus every ancestor of a marked span. */
export function withAncestors(layout: TraceLayout, marked: Uint8Array): Uint8Array {
  const result = Uint8Array.from(marked)
  for (let s = 0; s < layout.count; s++) {
    if (!marked[s]) continue
    for (let up = layout.displayParent[s]; up >= 0 && !result[up]; up = layout.displayParent[up]) result[up] = 1
  }
  return result
}

/** Nothing collapsed. */
export const expandAll = (layout: TraceLayout): Uint8Array => new Uint8Array(layout.count)

/** Every span with children collapsed: only the roots show. */
export function collapseAll(layout: TraceLayout): Uint8Array {
  const collapsed = new Uint8Array(layout.count)
  for (let s = 0; s < layout.count; s++) if (layout.size[s] > 1) collapsed[s] = 1
  return collapsed
}

/** Collapsed everywhere except on the way to the marked spans (e.g. errors), which then show. */
export function expandTo(layout: TraceLayout, marked: Uint8Array): Uint8Array {
  const collapsed = collapseAll(layout)
  for (let s = 0; s < layout.count; s++) {
    if (!marked[s]) continue
    for (let up = layout.displayParent[s]; up >= 0 && collapsed[up]; up = layout.displayParent[up]) collapsed[up] = 0
  }
  return collapsed
}

/** A copy of `collapsed` where `span` is visible (its ancestors expanded); the same array when it already was. */
export function reveal(layout: TraceLayout, collapsed: Uint8Array, span: number): Uint8Array {
  let next = collapsed
  for (let up = layout.displayParent[span]; up >= 0; up = layout.displayParent[up]) {
    if (!next[up]) continue
    if (next === collapsed) next = Uint8Array.from(collapsed)
    next[up] = 0
  }
  return next
}

/** Collapsed everywhere below `depth` (depth 0: only roots show). */
export function collapseBelow(layout: TraceLayout, depth: number): Uint8Array {
  const collapsed = new Uint8Array(layout.count)
  for (let s = 0; s < layout.count; s++) if (layout.size[s] > 1 && layout.depth[s] >= depth) collapsed[s] = 1
  return collapsed
}

/** Row of `span` in `rows`, or -1 (rows are in display order, so by position). */
export function rowOf(layout: TraceLayout, rows: Int32Array, span: number): number {
  const target = layout.pos[span]
  let low = 0
  let high = rows.length - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    const at = layout.pos[rows[mid]]
    if (at === target) return mid
    if (at < target) low = mid + 1
    else high = mid - 1
  }
  return -1
}

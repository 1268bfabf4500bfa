// Row virtualization: which rows to render for a scroll position. The range moves in whole
// chunks, so scrolling within a chunk re-renders nothing and the compositor just moves the rows.

export interface RowRange {
  /** First row rendered. */
  start: number
  /** One past the last row rendered. */
  end: number
}

export interface RowWindowOptions {
  rowHeight: number
  /** Rows rendered beyond each edge of the viewport (at least). */
  overscan?: number
  /** The range's edges snap to multiples of this many rows. */
  chunk?: number
}

/** The rows to render for the viewport at `scrollTop`, `height` pixels tall, over `count` rows. */
export function rowWindow(scrollTop: number, height: number, count: number, { rowHeight, overscan = 8, chunk = 8 }: RowWindowOptions): RowRange {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 }
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight)
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(0, height)) / rowHeight)
  const start = Math.max(0, Math.floor((first - overscan) / chunk) * chunk)
  const end = Math.min(count, Math.ceil((last + overscan) / chunk) * chunk)
  return { start: Math.min(start, end), end }
}

/** The scrollTop that brings `row` into view with the least movement (unchanged when it is in view). */
export function scrollToShow(row: number, scrollTop: number, height: number, rowHeight: number, margin = 1): number {
  const top = row * rowHeight
  const bottom = top + rowHeight
  const pad = margin * rowHeight
  if (top - pad < scrollTop) return Math.max(0, top - pad)
  if (bottom + pad > scrollTop + height) return Math.max(0, bottom + pad - height)
  return scrollTop
}

/**
 * Element keys for rows `start` to `end - 1`, given those of the rows rendered before: a row that
 * stays keeps its key, and a row scrolled in takes over the key of one scrolled out, so React
 * updates that element in place instead of removing one row's DOM and building another's.
 */
export function recycleKeys(previous: ReadonlyMap<number, number>, start: number, end: number): Map<number, number> {
  const next = new Map<number, number>()
  const freed: number[] = []
  let unused = 0
  for (const [row, key] of previous) {
    unused = Math.max(unused, key + 1)
    if (row >= start && row < end) next.set(row, key)
    else freed.push(key)
  }
  for (let row = start; row < end; row++) {
    if (!next.has(row)) next.set(row, freed.pop() ?? unused++)
  }
  return next
}

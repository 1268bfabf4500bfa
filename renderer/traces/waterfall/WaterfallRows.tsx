import { memo, type ReactElement, useDeferredValue, useMemo, useRef } from 'react'
import { PeerBadge } from '../../pairing/PeerBadge'
import type { PeerMark } from '../../pairing/selection'
import { formatNs, type TraceClock } from '../logic/clock'
import { recycleKeys, rowWindow } from '../logic/virtual'
import { ROW_HEIGHT } from './geometry'
import { barOf, type RowsView, rowState, trackScale } from './rowGeometry'
import { type ScrollStore, useSettledScroll } from './scrollStore'
import { isLive, marksOf, useRowMarks } from './useRowMarks'

// The rows as elements, over the canvas that draws them (RowCanvas): transparent, they carry what
// the pixels cannot: the tree's accessibility, the expanders as buttons, the marks' tooltips, and
// the spans' ids and states for whoever scripts the page. They follow the scroll once it rests,
// so a fast scroll costs the page no DOM work at all; the canvas alone follows every frame.

export interface RowsProps {
  view: RowsView
  clock: TraceClock
  /** Epoch ms (incident clock) whose spans in flight are marked; left out, the shared clock's. */
  cursorMs?: number | null
  scrollStore: ScrollStore
  viewportHeight: number
}

/** After this long without scrolling, the rows' elements catch up with the scroll position. */
const SETTLE_MS = 100

interface SpanRowProps {
  row: number
  span: number
  view: RowsView
  /** The bar's place on the track, px from the track's left edge. */
  barLeft: number
  barWidth: number
  barOff: 'left' | 'right' | undefined
  live: boolean
  finding: string | undefined
  peer: PeerMark | undefined
}

/** One span's row; besides the view (which changes rarely) its props are plain values, so rows that stay skip re-rendering. */
const SpanRow = memo(function SpanRow({ row, span, view, barLeft, barWidth, barOff, live, finding, peer }: SpanRowProps) {
  const { trace, layout, labelWidth, showCritical } = view
  const service = trace.services[trace.service[span]]
  const operation = trace.names[trace.name[span]]
  const { error, selected, match, hasKids, collapsed, hidden, adjusted, slots, end } = rowState(view, span, { finding: finding !== undefined, peer: peer !== undefined })
  const description = [service, operation, formatNs(trace.duration[span]), error && 'error', hidden > 0 && `${hidden} spans hidden`, adjusted && 'clock skew adjusted']
  return (
    <div
      id={`wf-span-${span}`}
      className="wf-row"
      role="treeitem"
      aria-level={layout.depth[span] + 1}
      aria-expanded={hasKids ? !collapsed : undefined}
      aria-selected={selected}
      aria-label={description.filter(Boolean).join(', ')}
      data-testid="span-row"
      data-span={span}
      data-span-id={trace.spanId[span]}
      data-span-service={service}
      data-name={operation}
      data-error={error ? '' : undefined}
      data-match={match}
      data-critical={showCritical && layout.critical[span] ? '' : undefined}
      data-adjusted={adjusted ? '' : undefined}
      data-live={live ? '' : undefined}
      data-finding={finding !== undefined ? '' : undefined}
      style={{ transform: `translateY(${row * ROW_HEIGHT}px)` }}
    >
      {hasKids && (
        <button
          type="button"
          className="wf-toggle"
          data-testid="span-toggle"
          tabIndex={-1}
          aria-label={collapsed ? 'Expand' : 'Collapse'}
          data-collapsed={collapsed || undefined}
          style={{ left: slots.toggle }}
        />
      )}
      {slots.error !== null && <span className="wf-spot" title="Error" style={{ left: slots.error }} />}
      {slots.finding !== null && <span className="wf-spot" title={`Finding: ${finding}`} data-testid="span-finding-mark" style={{ left: slots.finding }} />}
      {slots.peer !== null && peer && (
        <span className="wf-spot" style={{ left: slots.peer }}>
          <PeerBadge peer={peer} what="Selected" className="wf-peer-mark" testId="span-peer-mark" />
        </span>
      )}
      {end.hidden && <span className="wf-spot" title={`${hidden} spans hidden`} style={{ left: end.hidden.left, width: end.hidden.width }} />}
      {end.skew !== null && <span className="wf-spot wf-spot-skew" title="Moved to correct clock skew (raw times in the details)" style={{ left: end.skew }} />}
      <div className="wf-bar" data-testid="span-bar" data-off={barOff} style={{ left: labelWidth + barLeft, width: barWidth }} />
    </div>
  )
})

/** The rows' elements: only those in (and just around) the viewport where the scroll last rested. */
export function WaterfallRows({ view, clock, cursorMs, scrollStore, viewportHeight }: RowsProps) {
  // Zooming redraws the canvas at once; the elements' bars may follow a moment later.
  const shown = useDeferredValue(view)
  const { trace, rows, starts, window, trackWidth } = shown
  const marks = useRowMarks(trace, clock, cursorMs)
  const settled = useSettledScroll(scrollStore, SETTLE_MS)
  const range = rowWindow(settled.top, viewportHeight, rows.length, { rowHeight: ROW_HEIGHT, overscan: 10, chunk: 8 })
  const scale = trackScale(shown)

  // In key order, not row order: rows are placed by their transform, and an element taken over by
  // a row scrolled in then stays where it is in the DOM instead of being moved.
  const elements: ReactElement[] = []
  const keysRef = useRef<ReadonlyMap<number, number>>(new Map())
  const keys = useMemo(() => (keysRef.current = recycleKeys(keysRef.current, range.start, range.end)), [range.start, range.end])
  for (let row = range.start; row < range.end; row++) {
    const span = rows[row]
    const bar = barOf(starts[span], trace.duration[span], window.start, scale, trackWidth)
    elements[keys.get(row)!] = (
      <SpanRow
        key={keys.get(row)}
        row={row}
        span={span}
        view={shown}
        barLeft={bar.left}
        barWidth={bar.right - bar.left}
        barOff={bar.off}
        live={isLive(starts[span], trace.duration[span], marks.clockNs)}
        {...marksOf(marks, trace, span)}
      />
    )
  }

  return (
    <div className="wf-sizer" style={{ height: rows.length * ROW_HEIGHT }} data-rows={rows.length} data-viewport={viewportHeight}>
      {elements}
    </div>
  )
}

import { type CSSProperties, memo, type ReactElement, type RefObject, useEffect, useEffectEvent, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import type { TraceData } from '../../../shared/traces/trace-data'
import type { TraceLayout } from '../layout/layout'
import { useClock } from '../../clock/ClockContext'
import { useAnchoredSpans } from '../../findings/useAnchoredSpans'
import { usePeerSelections } from '../../pairing/PairingProvider'
import { PeerBadge } from '../../pairing/PeerBadge'
import { type PeerMark, spanKey } from '../../pairing/selection'
import { formatNs, offsetAtEpochMs, type TraceClock } from '../logic/clock'
import type { TimeWindow } from '../logic/viewport'
import { recycleKeys, type RowRange, rowWindow, sameRange } from '../logic/virtual'
import { ROW_HEIGHT } from './geometry'
import type { ScrollStore } from './scrollStore'

export interface RowsProps {
  trace: TraceData
  layout: TraceLayout
  rows: Int32Array
  /** Displayed start of each span (skew-corrected or raw). */
  starts: ArrayLike<number>
  window: TimeWindow
  trackWidth: number
  viewportHeight: number
  indent: number
  hues: readonly number[]
  collapsed: Uint8Array
  selected: number
  matchMask: Uint8Array | null
  currentMatch: number
  showCritical: boolean
  showSkew: boolean
  scrollRef: RefObject<HTMLDivElement | null>
  scrollStore: ScrollStore
  clock: TraceClock
  /** Epoch ms (incident clock) whose spans in flight are marked; left out, the shared clock's. */
  cursorMs?: number | null
  onSelect: (span: number) => void
  onToggle: (span: number) => void
}

interface LabelProps {
  span: number
  depth: number
  indent: number
  service: string
  operation: string
  hasKids: boolean
  collapsed: boolean
  hidden: number
  error: boolean
  adjusted: boolean
  /** Titles of the findings anchored to this span. */
  finding: string | undefined
  /** Pairing partners who have this span selected. */
  peer: PeerMark | undefined
}

/** The left part of a row: indentation, expander, service and operation. Independent of zoom. */
const SpanLabel = memo(function SpanLabel({ depth, indent, service, operation, hasKids, collapsed, hidden, error, adjusted, finding, peer }: LabelProps) {
  return (
    <div className="wf-label" style={{ '--indent': `${depth * indent}px`, '--step': `${indent}px` } as CSSProperties}>
      <span className="wf-indent" aria-hidden="true" />
      {hasKids ? (
        <button type="button" className="wf-toggle" data-testid="span-toggle" tabIndex={-1} aria-label={collapsed ? 'Expand' : 'Collapse'} data-collapsed={collapsed || undefined}>
          <svg width="10" height="10" viewBox="0 0 10 10" aria-hidden="true">
            <path d="M3.5 2l3 3-3 3" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
      ) : (
        <span className="wf-toggle-space" aria-hidden="true" />
      )}
      <span className="wf-swatch" aria-hidden="true" />
      {error && (
        <span className="wf-error-icon" title="Error" aria-label="error">
          !
        </span>
      )}
      {finding !== undefined && (
        <span className="wf-finding-mark" title={`Finding: ${finding}`} aria-label={`finding: ${finding}`} data-testid="span-finding-mark">
          <svg width="9" height="10" viewBox="0 0 9 10" aria-hidden="true">
            <path d="M1.5 9.5V1h6l-1.6 2.2L7.5 5.4h-6" fill="currentColor" stroke="currentColor" strokeWidth="1" strokeLinejoin="round" />
          </svg>
        </span>
      )}
      {peer !== undefined && <PeerBadge peer={peer} what="Selected" className="wf-peer-mark" testId="span-peer-mark" />}
      <span className="wf-service">{service}</span>
      <span className="wf-operation">{operation}</span>
      {collapsed && hidden > 0 && (
        <span className="wf-hidden" title={`${hidden} spans hidden`}>
          {hidden > 999 ? `${Math.round(hidden / 100) / 10}k` : hidden}
        </span>
      )}
      {adjusted && (
        <span className="wf-skew-mark" title="Moved to correct clock skew (raw times in the details)" aria-label="clock skew adjusted">
          ⇄
        </span>
      )}
    </div>
  )
})

const LABEL_CHAR_PX = 6.6

interface SpanRowProps {
  row: number
  span: number
  trace: TraceData
  layout: TraceLayout
  /** Displayed start (skew-corrected or raw), ns. */
  start: number
  windowStart: number
  /** Pixels per ns. */
  scale: number
  trackWidth: number
  hue: number
  indent: number
  collapsed: boolean
  selected: boolean
  match: 'current' | 'match' | undefined
  /** In flight at the clock's time. */
  live: boolean
  showCritical: boolean
  showSkew: boolean
  finding: string | undefined
  peer: PeerMark | undefined
}

/** One span's row; its props are plain values, so rows that stay in view skip re-rendering. */
const SpanRow = memo(function SpanRow(props: SpanRowProps) {
  const { row, span, trace, layout, start, windowStart, scale, trackWidth, hue, indent, selected, match, live, showCritical, showSkew } = props
  const serviceIndex = trace.service[span]
  const duration = trace.duration[span]
  let left = (start - windowStart) * scale
  let right = left + Math.max(duration * scale, 1)
  const offLeft = right < 0
  const offRight = left > trackWidth
  left = Math.max(-2, Math.min(trackWidth + 2, left))
  right = Math.max(-2, Math.min(trackWidth + 2, right))
  const width = Math.max(1, right - left)
  const label = formatNs(duration)
  const labelWidth = label.length * LABEL_CHAR_PX + 8
  let labelStyle: CSSProperties
  let labelSide: 'right' | 'left' | 'inside'
  if (right + labelWidth <= trackWidth) {
    labelStyle = { left: right + 4 }
    labelSide = 'right'
  } else if (left - labelWidth >= 0) {
    labelStyle = { right: trackWidth - left + 4 }
    labelSide = 'left'
  } else {
    labelStyle = { right: Math.max(4, trackWidth - right + 4) }
    labelSide = 'inside'
  }

  const segments = []
  if (showCritical && layout.critical[span]) {
    const shift = start - trace.start[span]
    for (let k = layout.critStart[span]; k < layout.critStart[span + 1]; k++) {
      const from = Math.max(left, (layout.segStart[k] + shift - windowStart) * scale)
      const to = Math.min(right, (layout.segEnd[k] + shift - windowStart) * scale)
      if (to > from) segments.push(<span key={k} className="wf-critical" style={{ left: from - left, width: Math.max(1, to - from) }} />)
    }
  }

  const hasKids = layout.size[span] > 1
  const isCollapsed = hasKids && props.collapsed
  const adjusted = showSkew && layout.adjusted[span] === 1
  return (
    <div
      id={`wf-span-${span}`}
      className="wf-row"
      role="treeitem"
      aria-level={layout.depth[span] + 1}
      aria-expanded={hasKids ? !isCollapsed : undefined}
      aria-selected={selected}
      data-testid="span-row"
      data-span={span}
      data-span-id={trace.spanId[span]}
      data-span-service={trace.services[serviceIndex]}
      data-name={trace.names[trace.name[span]]}
      data-error={trace.error[span] ? '' : undefined}
      data-match={match}
      data-critical={showCritical && layout.critical[span] ? '' : undefined}
      data-adjusted={adjusted ? '' : undefined}
      data-live={live ? '' : undefined}
      data-finding={props.finding !== undefined ? '' : undefined}
      style={{ transform: `translateY(${row * ROW_HEIGHT}px)`, '--hue': hue } as CSSProperties}
    >
      <SpanLabel
        span={span}
        depth={layout.depth[span]}
        indent={indent}
        service={trace.services[serviceIndex]}
        operation={trace.names[trace.name[span]]}
        hasKids={hasKids}
        collapsed={isCollapsed}
        hidden={isCollapsed ? layout.size[span] - 1 : 0}
        error={trace.error[span] === 1}
        adjusted={adjusted}
        finding={props.finding}
        peer={props.peer}
      />
      <div className="wf-track">
        <div className="wf-bar" data-testid="span-bar" data-off={offLeft ? 'left' : offRight ? 'right' : undefined} style={{ left, width }}>
          {segments}
        </div>
        <span className="wf-duration" data-side={labelSide} style={labelStyle}>
          {label}
        </span>
      </div>
    </div>
  )
})

/** The virtualized rows: only those in (and just around) the viewport are in the DOM. */
export function WaterfallRows(props: RowsProps) {
  const { trace, layout, rows, starts, window, trackWidth, viewportHeight, indent, hues, collapsed, selected, matchMask, currentMatch, showCritical, showSkew, scrollRef, scrollStore, clock } = props
  // The spans in flight at the clock's time (the replay's playhead), where the cursor line crosses them.
  const sharedClockMs = useClock((state) => state.timeMs)
  const clockMs = props.cursorMs === undefined ? sharedClockMs : props.cursorMs
  const clockNs = clockMs === null ? Number.NaN : offsetAtEpochMs(clock, clockMs)
  const [range, setRange] = useState<RowRange>({ start: 0, end: 0 })
  const findingSpans = useAnchoredSpans(trace.traceId)
  const peers = usePeerSelections()

  // Reads the scroll position into the range (and the scroll store the minimap follows).
  const follow = useEffectEvent(() => {
    const element = scrollRef.current
    if (!element) return
    scrollStore.set({ top: element.scrollTop, height: element.clientHeight })
    const next = rowWindow(element.scrollTop, element.clientHeight, rows.length, { rowHeight: ROW_HEIGHT, overscan: 10, chunk: 8 })
    setRange((current) => (sameRange(current, next) ? current : next))
  })

  // New rows or a new viewport size: before painting.
  useLayoutEffect(() => follow(), [rows, viewportHeight])

  useEffect(() => {
    const element = scrollRef.current
    if (!element) return
    // Scroll events come before the frame's paint: render the newly exposed rows in that same frame.
    const onScroll = () => flushSync(follow)
    element.addEventListener('scroll', onScroll, { passive: true })
    return () => element.removeEventListener('scroll', onScroll)
  }, [scrollRef])

  const scale = trackWidth / (window.end - window.start)
  // In key order, not row order: rows are placed by their transform, and an element taken over by
  // a row scrolled in then stays where it is in the DOM instead of being moved.
  const elements: ReactElement[] = []
  const end = Math.min(range.end, rows.length)
  const keysRef = useRef<ReadonlyMap<number, number>>(new Map())
  const keys = useMemo(() => (keysRef.current = recycleKeys(keysRef.current, range.start, end)), [range.start, end])
  for (let row = range.start; row < end; row++) {
    const span = rows[row]
    elements[keys.get(row)!] = (
      <SpanRow
        key={keys.get(row)}
        row={row}
        span={span}
        trace={trace}
        layout={layout}
        start={starts[span]}
        windowStart={window.start}
        scale={scale}
        trackWidth={trackWidth}
        hue={hues[trace.service[span]]}
        indent={indent}
        collapsed={collapsed[span] === 1}
        selected={span === selected}
        match={matchMask?.[span] ? (span === currentMatch ? 'current' : 'match') : undefined}
        live={starts[span] <= clockNs && clockNs <= starts[span] + trace.duration[span]}
        showCritical={showCritical}
        showSkew={showSkew}
        finding={findingSpans.get(trace.spanId[span])}
        peer={peers.spans.size === 0 ? undefined : peers.spans.get(spanKey(trace.traceId, trace.spanId[span]))}
      />
    )
  }

  return (
    <div className="wf-sizer" style={{ height: rows.length * ROW_HEIGHT }} data-rows={rows.length} data-viewport={viewportHeight}>
      {elements}
    </div>
  )
}

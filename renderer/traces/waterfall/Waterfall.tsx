import { type CSSProperties, useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { errorOrigin } from '../../../shared/traces/error-origin'
import type { TraceData } from '../../../shared/traces/trace-data'
import type { SpanTarget } from '../../focus/focus'
import { useShortcutSheet } from '../../app/ShortcutSheet'
import { CollapseAllIcon, ErrorPathIcon, ExpandAllIcon, ZoomResetIcon } from '../icons'
import { type TraceLayout } from '../layout/layout'
import { collapseAll, expandTo, reveal, rowOf, visibleRows } from '../layout/rows'
import { formatNs, type TraceClock } from '../logic/clock'
import { panWindow, type TimeWindow, wheelZoomFactor, windowAround, windowBetween, windowShowing, zoomWindow } from '../logic/viewport'
import { scrollToShow } from '../logic/virtual'
import { serviceHue } from '../../../shared/graph/serviceColor'
import { ClockCursor, TimeCursor } from './ClockCursor'
import type { SpanDetailCache } from './detailCache'
import { clampLabelWidth, defaultLabelWidth, indentStep, MIN_LABEL_WIDTH, MIN_TRACK_WIDTH, ROW_HEIGHT } from './geometry'
import { Minimap } from './Minimap'
import { createScrollStore } from './scrollStore'
import { type OpenLinked, SpanDetails } from './SpanDetails'
import { GridLines, TimeAxis } from './TimeAxis'
import { Toolbar } from './Toolbar'
import { useSpanSearch } from './useSpanSearch'
import { useTimeWindow } from './useTimeWindow'
import { WaterfallRows } from './WaterfallRows'
import { type RowsView, TOGGLE_SIZE, toggleLeft } from './rowGeometry'
import { RowCanvas, rowAtPointer } from './RowCanvas'
import { isTyping } from '../../app/typing'

export interface WaterfallProps {
  trace: TraceData
  layout: TraceLayout
  clock: TraceClock
  details: SpanDetailCache
  /** Epoch ms (incident clock) for the cursor; left out, the cursor follows the shared clock. */
  cursorMs?: number | null
  /** A search to run (a new object each time), e.g. from the statistics. */
  searchRequest?: { text: string } | null
  /** The span to show selected, with its details (from navigation). */
  target?: SpanTarget | null
  /** Told when the selection changes here, and how (not when it follows `target`). */
  onSelectSpan?: (trace: TraceData, span: number, how: SpanChoice) => void
  /** Opens a span a selected span links to, in its trace (see SpanDetails). */
  openLinked?: OpenLinked
}

/** How a span came to be selected: picked (a click, a jump), stepped to (keys, search), or landed on (a trace opened from elsewhere). */
export type SpanChoice = 'pick' | 'step' | 'land'

/** Where to land in a trace opened from elsewhere: where its failure starts (else its root), or its root. */
function landingSpan(trace: TraceData, land: 'error' | 'root'): number {
  const origin = land === 'error' ? errorOrigin(trace) : -1
  return origin >= 0 ? origin : trace.parent.indexOf(-1)
}

const ZOOM_STEP = 0.7
const PAN_STEP = 0.2

interface Size {
  width: number
  height: number
  /** Width of the rows' viewport without its scrollbar. */
  clientWidth: number
}

/** One trace as a waterfall: virtualized rows on a zoomable wall-clock axis, with search and details. */
export function Waterfall({ trace, layout, clock, details, cursorMs, searchRequest, target = null, onSelectSpan, openLinked }: WaterfallProps) {
  const rootRef = useRef<HTMLDivElement>(null)
  const scrollRef = useRef<HTMLDivElement>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const [scrollStore] = useState(createScrollStore)
  const [size, setSize] = useState<Size>({ width: 0, height: 0, clientWidth: 0 })
  const [chosenLabelWidth, setChosenLabelWidth] = useState<number | null>(null)
  const [collapsed, setCollapsed] = useState<Uint8Array>(() => new Uint8Array(layout.count))
  const [showSkew, setShowSkew] = useState(true)
  const [showCritical, setShowCritical] = useState(true)
  const [onlyMatches, setOnlyMatches] = useState(false)
  const [text, setText] = useState('')
  const [selected, setSelected] = useState(-1)
  const [detailsOpen, setDetailsOpen] = useState(false)
  const openShortcuts = useShortcutSheet()
  const [currentMatch, setCurrentMatch] = useState(-1)
  const pendingScroll = useRef<number | null>(null)

  const bounds = useMemo<TimeWindow>(
    () => (showSkew ? { start: layout.skewMin, end: layout.skewMax } : { start: layout.rawMin, end: layout.rawMax }),
    [showSkew, layout],
  )
  const { window, set: setWindow, schedule: scheduleWindow } = useTimeWindow(bounds)
  const starts: ArrayLike<number> = showSkew ? layout.skewStart : trace.start

  const searchText = useDeferredValue(text)
  const search = useSpanSearch(searchText, trace, layout, details)
  const keep = onlyMatches && search.mask ? search.mask : null
  const rows = useMemo(() => visibleRows(layout, collapsed, keep), [layout, collapsed, keep])
  const hues = useMemo(() => trace.services.map(serviceHue), [trace])

  useEffect(() => setCurrentMatch(-1), [search.matches])
  useEffect(() => {
    if (searchRequest) setText(searchRequest.text)
  }, [searchRequest])

  // Size of the rows' viewport (the axis and minimap line up with its track column).
  useLayoutEffect(() => {
    const element = scrollRef.current
    if (!element) return
    // The scroll store is what the canvas paints from and the minimap follows; it is kept in the
    // scroll event itself, so the canvas shows each frame's own scroll position.
    const follow = () => scrollStore.set({ top: element.scrollTop, height: element.clientHeight })
    const measure = () => {
      setSize({ width: element.offsetWidth, height: element.clientHeight, clientWidth: element.clientWidth })
      follow()
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    element.addEventListener('scroll', follow, { passive: true })
    return () => {
      observer.disconnect()
      element.removeEventListener('scroll', follow)
    }
  }, [scrollStore])

  const labelWidth = clampLabelWidth(chosenLabelWidth ?? defaultLabelWidth(size.clientWidth), size.clientWidth)
  const trackWidth = Math.max(1, size.clientWidth - labelWidth)
  const gutter = Math.max(0, size.width - size.clientWidth)
  const indent = indentStep(labelWidth, layout.maxDepth)
  const view = useMemo<RowsView>(
    () => ({ trace, layout, rows, starts, window, labelWidth, trackWidth, indent, hues, collapsed, selected, matchMask: search.mask, currentMatch, showCritical, showSkew }),
    [trace, layout, rows, starts, window, labelWidth, trackWidth, indent, hues, collapsed, selected, search.mask, currentMatch, showCritical, showSkew],
  )

  // Bring a span chosen by keyboard, search or a jump into view once its row exists.
  useLayoutEffect(() => {
    const span = pendingScroll.current
    const element = scrollRef.current
    if (span === null || !element) return
    pendingScroll.current = null
    const row = rowOf(layout, rows, span)
    if (row < 0) return
    const top = scrollToShow(row, element.scrollTop, element.clientHeight, ROW_HEIGHT, 2)
    if (top !== element.scrollTop) element.scrollTop = top
  })

  const select = useCallback(
    (span: number, options: { pan?: boolean; scroll?: boolean; how?: SpanChoice | 'follow' } = {}) => {
      if (span < 0) return
      setCollapsed((current) => reveal(layout, current, span))
      setSelected(span)
      if (options.scroll !== false) pendingScroll.current = span
      if (options.pan) setWindow((current) => windowShowing(current, starts[span], starts[span] + trace.duration[span], bounds))
      const how = options.how ?? 'step'
      if (how !== 'follow') onSelectSpan?.(trace, span, how)
    },
    [layout, setWindow, starts, trace, bounds, onSelectSpan],
  )

  const jump = useCallback(
    (span: number) => {
      select(span, { pan: true, how: 'pick' })
      setDetailsOpen(true)
    },
    [select],
  )

  // Follow the navigation's span: by id (zoomed in on once when asked), or landing on the failure
  // (or the root) of a trace opened from elsewhere.
  const selectedRef = useRef(selected)
  selectedRef.current = selected
  const keepRef = useRef(keep)
  keepRef.current = keep
  const zoomedTarget = useRef<SpanTarget | null>(null)
  const seekedTarget = useRef<SpanTarget | null>(null)
  const followedTarget = useRef<SpanTarget | null>(target)
  useEffect(() => {
    const before = followedTarget.current
    followedTarget.current = target
    if (!target) {
      // Back to this trace as it was before a span was chosen (history): nothing selected.
      if (before) {
        setSelected(-1)
        setDetailsOpen(false)
      }
      return
    }
    const span = 'spanId' in target ? trace.spanId.indexOf(target.spanId) : landingSpan(trace, target.land)
    const zoom = 'spanId' in target && target.zoom === true && zoomedTarget.current !== target
    const seek = 'spanId' in target && target.seek === true && seekedTarget.current !== target
    if (span < 0 || (span === selectedRef.current && !zoom && !seek)) return
    if (seek) {
      seekedTarget.current = target
      onSelectSpan?.(trace, span, 'step')
    }
    // A span chosen elsewhere that the search's "only matches" hides: show every row again.
    if (keepRef.current && !keepRef.current[span]) setOnlyMatches(false)
    if (span !== selectedRef.current) select(span, { pan: true, how: 'spanId' in target ? 'follow' : 'land' })
    else pendingScroll.current = span
    setDetailsOpen(true)
    if (!zoom) return
    zoomedTarget.current = target
    setWindow(windowAround(starts[span], starts[span] + trace.duration[span], bounds))
  }, [target, trace, select, setWindow, starts, bounds, onSelectSpan])

  // Enter pressed before the search has caught up with the typing waits for its matches.
  const searchBehind = searchText !== text || search.pending
  const queuedStep = useRef<1 | -1 | null>(null)
  const step = useCallback(
    (direction: 1 | -1) => {
      if (searchBehind) {
        queuedStep.current = direction
        return
      }
      const matches = search.matches
      if (matches.length === 0) return
      let index = currentMatch >= 0 ? matches.indexOf(currentMatch) : -1
      if (index < 0) {
        // From the selected span onwards (or backwards).
        const from = selected >= 0 ? layout.pos[selected] : direction === 1 ? -1 : layout.count
        index = direction === 1 ? -1 : matches.length
        for (let k = 0; k < matches.length; k++) {
          const at = layout.pos[matches[k]]
          if (direction === 1 && at <= from) index = k
          if (direction === -1 && at >= from) {
            index = k
            break
          }
        }
      }
      const next = matches[(((index + direction) % matches.length) + matches.length) % matches.length]
      setCurrentMatch(next)
      select(next, { pan: true })
    },
    [search.matches, searchBehind, currentMatch, selected, layout, select],
  )
  useEffect(() => {
    if (searchBehind || queuedStep.current === null) return
    const direction = queuedStep.current
    queuedStep.current = null
    step(direction)
  }, [searchBehind, step])

  const toggle = useCallback(
    (span: number) => {
      if (layout.size[span] <= 1) return
      setCollapsed((current) => {
        const next = Uint8Array.from(current)
        next[span] = current[span] ? 0 : 1
        return next
      })
    },
    [layout],
  )

  const expandAll = useCallback(() => setCollapsed(new Uint8Array(layout.count)), [layout])
  const collapseEverything = useCallback(() => {
    setCollapsed(collapseAll(layout))
    setSelected((current) => {
      if (current < 0) return current
      let root = current
      while (layout.displayParent[root] >= 0) root = layout.displayParent[root]
      return root
    })
  }, [layout])
  const expandToErrors = useCallback(() => setCollapsed(expandTo(layout, Uint8Array.from(trace.error))), [layout, trace])

  const resetZoom = useCallback(() => setWindow(bounds), [setWindow, bounds])
  const zoomBy = useCallback((factor: number, anchor = 0.5) => setWindow((current) => zoomWindow(current, factor, anchor, bounds)), [setWindow, bounds])
  const panBy = useCallback((fraction: number) => setWindow((current) => panWindow(current, fraction, bounds)), [setWindow, bounds])
  const zoomToRange = useCallback((from: number, to: number) => setWindow(windowBetween(from, to, bounds)), [setWindow, bounds])
  const panTo = useCallback((start: number) => scheduleWindow((current) => panWindow({ start, end: start + current.end - current.start }, 0, bounds)), [scheduleWindow, bounds])

  // Wheel: on the axis and minimap it zooms; over the rows Ctrl/⌘ zooms, Shift (or a sideways wheel) pans.
  useEffect(() => {
    const root = rootRef.current
    if (!root) return
    const onWheel = (event: WheelEvent) => {
      const target = event.target as Element
      const onRuler = target.closest('.wf-axis, .wf-minimap')
      const overRows = target.closest('.wf-scroll')
      if (!onRuler && !overRows) return
      const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY
      const sideways = event.deltaMode === 1 ? event.deltaX * 16 : event.deltaX
      const track = (onRuler ?? overRows)!.getBoundingClientRect()
      const left = onRuler ? track.left : track.left + labelWidth
      const anchor = Math.max(0, Math.min(1, (event.clientX - left) / trackWidth))
      if (onRuler || event.ctrlKey || event.metaKey) {
        event.preventDefault()
        if (onRuler && target.closest('.wf-minimap')) {
          // On the minimap the anchor is a time of the whole trace.
          scheduleWindow((current) => {
            const at = bounds.start + anchor * (bounds.end - bounds.start)
            const inWindow = Math.max(0, Math.min(1, (at - current.start) / (current.end - current.start)))
            return zoomWindow(current, wheelZoomFactor(delta), inWindow, bounds)
          })
        } else {
          scheduleWindow((current) => zoomWindow(current, wheelZoomFactor(delta), anchor, bounds))
        }
      } else if (event.shiftKey || Math.abs(sideways) > Math.abs(delta)) {
        event.preventDefault()
        const pixels = event.shiftKey && Math.abs(sideways) <= Math.abs(delta) ? delta : sideways
        scheduleWindow((current) => panWindow(current, pixels / trackWidth, bounds))
      }
    }
    root.addEventListener('wheel', onWheel, { passive: false })
    return () => root.removeEventListener('wheel', onWheel)
  }, [labelWidth, trackWidth, bounds, scheduleWindow])

  // Closed (Esc, its ✕), the details give the keyboard back to the spans, not to the page.
  const closeDetails = () => {
    setDetailsOpen(false)
    scrollRef.current?.focus({ preventScroll: true })
  }

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return
    if (isTyping(event.target)) return
    const row = selected >= 0 ? rowOf(layout, rows, selected) : -1
    const at = (index: number) => rows[Math.max(0, Math.min(rows.length - 1, index))]
    const pageRows = Math.max(1, Math.floor(size.height / ROW_HEIGHT) - 1)
    const key = event.key
    let handled = true
    switch (key) {
      case 'ArrowDown':
      case 'j':
        if (rows.length) select(row < 0 ? rows[0] : at(row + 1))
        break
      case 'ArrowUp':
      case 'k':
        if (rows.length) select(row < 0 ? rows[0] : at(row - 1))
        break
      case 'PageDown':
        if (rows.length) select(at(Math.max(0, row) + pageRows))
        break
      case 'PageUp':
        if (rows.length) select(at(Math.max(0, row) - pageRows))
        break
      case 'Home':
        if (rows.length) select(rows[0])
        break
      case 'End':
        if (rows.length) select(rows[rows.length - 1])
        break
      case 'ArrowRight':
        if (event.shiftKey) expandAll()
        else if (selected >= 0 && layout.size[selected] > 1) {
          if (collapsed[selected]) toggle(selected)
          else select(rows[row + 1])
        }
        break
      case 'ArrowLeft':
        if (event.shiftKey) collapseEverything()
        else if (selected >= 0) {
          if (layout.size[selected] > 1 && !collapsed[selected]) toggle(selected)
          else if (layout.displayParent[selected] >= 0) select(layout.displayParent[selected])
        }
        break
      case 'p':
      case 'P':
        if (selected >= 0 && layout.displayParent[selected] >= 0) select(layout.displayParent[selected], { pan: true })
        break
      case 'Enter':
        if (selected >= 0) setDetailsOpen((open) => !open)
        break
      case 'Escape':
        if (detailsOpen) closeDetails()
        else handled = false
        break
      case '/':
        searchRef.current?.focus()
        searchRef.current?.select()
        break
      case '?':
        openShortcuts()
        break
      case 'n':
        step(1)
        break
      case 'N':
        step(-1)
        break
      case 'w':
      case 'W':
      case '+':
      case '=':
        zoomBy(ZOOM_STEP)
        break
      case 's':
      case 'S':
      case '-':
      case '_':
        zoomBy(1 / ZOOM_STEP)
        break
      case 'a':
      case 'A':
        panBy(-PAN_STEP)
        break
      case 'd':
      case 'D':
        panBy(PAN_STEP)
        break
      case '0':
        resetZoom()
        break
      // Z, not F: F adds a finding anywhere in the incident.
      case 'z':
      case 'Z':
        if (selected >= 0) {
          const margin = Math.max(trace.duration[selected] * 0.05, 50)
          zoomToRange(starts[selected] - margin, starts[selected] + trace.duration[selected] + margin)
        }
        break
      case 'c':
      case 'C':
        setShowCritical((on) => !on)
        break
      case 'r':
      case 'R':
        setShowSkew((on) => !on)
        break
      case 'x':
      case 'X':
        expandToErrors()
        break
      default:
        handled = false
    }
    if (handled) event.preventDefault()
  }

  /** The span of the row under the pointer (-1 below the last), and whether the pointer is on its expander. */
  const spanAtPointer = (event: React.MouseEvent) => {
    const row = rowAtPointer(event.currentTarget as HTMLElement, event.clientY)
    const span = row >= 0 && row < rows.length ? rows[row] : -1
    const x = event.clientX - (event.currentTarget as HTMLElement).getBoundingClientRect().left
    const toggle = span >= 0 ? toggleLeft(layout.depth[span], indent) : 0
    return { span, onToggle: span >= 0 && layout.size[span] > 1 && x >= toggle && x < toggle + TOGGLE_SIZE }
  }

  const onRowsClick = (event: React.MouseEvent) => {
    const { span, onToggle } = spanAtPointer(event)
    if (span < 0) return
    if (onToggle) {
      toggle(span)
      return
    }
    // Scrolls only if opening the details hides the row.
    select(span, { how: 'pick' })
    setDetailsOpen(true)
    scrollRef.current?.focus({ preventScroll: true })
  }

  const startResize = (event: React.PointerEvent) => {
    if (event.button !== 0) return
    const startX = event.clientX
    const startWidth = labelWidth
    const target = event.currentTarget as HTMLElement
    target.setPointerCapture(event.pointerId)
    const move = (moveEvent: PointerEvent) => setChosenLabelWidth(clampLabelWidth(startWidth + moveEvent.clientX - startX, size.clientWidth))
    const up = () => {
      target.removeEventListener('pointermove', move)
      target.removeEventListener('pointerup', up)
      target.removeEventListener('pointercancel', up)
    }
    target.addEventListener('pointermove', move)
    target.addEventListener('pointerup', up)
    target.addEventListener('pointercancel', up)
  }

  const resizeByKey = (event: React.KeyboardEvent) => {
    const step = event.shiftKey ? 64 : 16
    const by = event.key === 'ArrowLeft' ? -step : event.key === 'ArrowRight' ? step : 0
    if (by === 0) return
    event.preventDefault()
    event.stopPropagation()
    setChosenLabelWidth(clampLabelWidth(labelWidth + by, size.clientWidth))
  }

  const currentIndex = currentMatch >= 0 ? search.matches.indexOf(currentMatch) : -1
  const zoomed = window.start > bounds.start || window.end < bounds.end
  const showDetails = detailsOpen && selected >= 0

  return (
    <div
      className="wf"
      ref={rootRef}
      onKeyDown={onKeyDown}
      onMouseDown={(event) => {
        // The axis and minimap are drag surfaces, not focus targets: keep the keys working on the spans.
        if (!(event.target as Element).closest('.wf-axis, .wf-minimap')) return
        event.preventDefault()
        scrollRef.current?.focus({ preventScroll: true })
      }}
      data-testid="waterfall"
      data-zoomed={zoomed ? '' : undefined}
      data-window={`${window.start},${window.end}`}
      style={{ '--label-w': `${labelWidth}px`, '--track-w': `${trackWidth}px`, '--gutter': `${gutter}px` } as CSSProperties}
    >
      <Toolbar
        text={text}
        onText={setText}
        search={search}
        current={currentIndex}
        onStep={step}
        onlyMatches={onlyMatches}
        onOnlyMatches={setOnlyMatches}
        showCritical={showCritical}
        onShowCritical={setShowCritical}
        showSkew={showSkew}
        adjustedCount={layout.adjustedCount}
        onShowSkew={setShowSkew}
        onShortcuts={openShortcuts}
        inputRef={searchRef}
        onLeaveSearch={() => scrollRef.current?.focus()}
      />
      <div className="wf-main" data-details={showDetails || undefined}>
        <div className="wf-chart">
          <div className="wf-head">
            <div className="wf-head-label">
              <div className="wf-overview">
                <span className="wf-overview-text" data-testid="window-text">
                  {zoomed ? (
                    <>
                      <strong>{formatNs(window.end - window.start)}</strong> of {formatNs(bounds.end - bounds.start)}
                    </>
                  ) : (
                    <>
                      <strong>{formatNs(bounds.end - bounds.start)}</strong> · {rows.length.toLocaleString('en-US')} rows
                    </>
                  )}
                </span>
                <button type="button" className="wf-tool wf-tool-icon" onClick={resetZoom} disabled={!zoomed} aria-label="Reset zoom (0)" title="Reset zoom (0)" data-testid="zoom-reset">
                  <ZoomResetIcon />
                </button>
              </div>
              <div className="wf-columns">
                <span className="wf-columns-title">Service · operation</span>
                <button type="button" className="wf-tool wf-tool-icon" onClick={expandToErrors} aria-label="Expand to errors (X)" title="Expand only the way to errors (X)" data-testid="expand-errors">
                  <ErrorPathIcon />
                </button>
                <button type="button" className="wf-tool wf-tool-icon" onClick={collapseEverything} aria-label="Collapse all (Shift+←)" title="Collapse all (Shift+←)" data-testid="collapse-all">
                  <CollapseAllIcon />
                </button>
                <button type="button" className="wf-tool wf-tool-icon" onClick={expandAll} aria-label="Expand all (Shift+→)" title="Expand all (Shift+→)" data-testid="expand-all">
                  <ExpandAllIcon />
                </button>
              </div>
            </div>
            <div className="wf-head-track">
              <Minimap
                trace={trace}
                rows={rows}
                starts={starts}
                bounds={bounds}
                window={window}
                width={trackWidth}
                matchMask={search.mask}
                scrollStore={scrollStore}
                onPan={panTo}
                onRange={zoomToRange}
                onScrollToRow={(row) => {
                  const element = scrollRef.current
                  if (element) element.scrollTop = Math.max(0, row * ROW_HEIGHT - element.clientHeight / 2)
                }}
                onScrollBy={(pixels) => scrollRef.current?.scrollBy({ top: pixels })}
              />
              <TimeAxis window={window} width={trackWidth} clock={clock} onRange={zoomToRange} onReset={resetZoom} />
            </div>
          </div>
          <div className="wf-body">
            <div className="wf-grid" aria-hidden="true">
              <GridLines window={window} width={trackWidth} clock={clock} />
            </div>
            <RowCanvas view={view} clock={clock} cursorMs={cursorMs} scrollRef={scrollRef} scrollStore={scrollStore} width={size.clientWidth} height={size.height} />
            <div
              ref={scrollRef}
              className="wf-scroll"
              role="tree"
              tabIndex={0}
              aria-label="Spans"
              aria-activedescendant={selected >= 0 ? `wf-span-${selected}` : undefined}
              data-testid="span-tree"
              onClick={onRowsClick}
              onDoubleClick={(event) => {
                const { span, onToggle } = spanAtPointer(event)
                if (span >= 0 && !onToggle) toggle(span)
              }}
            >
              <WaterfallRows view={view} clock={clock} cursorMs={cursorMs} scrollStore={scrollStore} viewportHeight={size.height} />
            </div>
            <div className="wf-cursor-layer" aria-hidden="true">
              {cursorMs === undefined ? (
                <ClockCursor window={window} width={trackWidth} clock={clock} />
              ) : (
                <TimeCursor timeMs={cursorMs} window={window} width={trackWidth} clock={clock} />
              )}
            </div>
            <div
              className="wf-splitter"
              onPointerDown={startResize}
              onKeyDown={resizeByKey}
              tabIndex={0}
              role="separator"
              aria-orientation="vertical"
              aria-label="Resize the name column"
              aria-valuenow={labelWidth}
              aria-valuemin={MIN_LABEL_WIDTH}
              aria-valuemax={Math.max(MIN_LABEL_WIDTH, size.clientWidth - MIN_TRACK_WIDTH)}
              title="Drag, or ←/→, to resize"
              data-testid="name-column-splitter"
            />
          </div>
        </div>
        {showDetails && (
          <SpanDetails
            trace={trace}
            layout={layout}
            span={selected}
            details={details}
            shownStart={starts[selected]}
            onJump={jump}
            onClose={closeDetails}
            openLinked={openLinked}
          />
        )}
      </div>
    </div>
  )
}

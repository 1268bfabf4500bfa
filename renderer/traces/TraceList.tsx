import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react'
import type { TraceListItem } from '../../shared/domain/model'
import { errorMessage } from '../api/errors'
import { formatCount, plural } from '../format/numbers'
import { formatDate } from '../format/time'
import { clockLabel, formatNs, traceClock } from './logic/clock'
import { piecesExplained } from './logic/pieces'
import { nextSort, sortTraces, type TraceSort, type TraceSortKey, traceKey } from './logic/sortTraces'
import { ServiceName } from './ServiceName'

interface TraceListProps {
  items: readonly TraceListItem[]
  loading: boolean
  error: unknown
  onOpen: (item: TraceListItem) => void
  /** Kept by the pane, so going back from a trace finds the list as it was sorted. */
  sort: TraceSort
  onSort: (sort: TraceSort) => void
}

const COLUMNS: Array<{ key: TraceSortKey; label: string; className: string }> = [
  { key: 'root', label: 'Trace', className: 'trace-col-root' },
  { key: 'start', label: 'Start', className: 'trace-col-start' },
  { key: 'duration', label: 'Duration', className: 'trace-col-num' },
  { key: 'spans', label: 'Spans', className: 'trace-col-num trace-col-spans' },
  { key: 'errors', label: 'Errors', className: 'trace-col-num' },
]

/** Rows drawn at first, and added each time the list is scrolled to its end. */
const TRACE_ROWS_AT_ONCE = 200

/** Up and Down go from a trace to the next, Home and End to the first and the last drawn, as in any list. */
function moveBetweenRows(event: KeyboardEvent<HTMLDivElement>) {
  const row = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>('.trace-row') : null
  if (!row || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return
  const rows = [...event.currentTarget.querySelectorAll<HTMLElement>('.trace-row')]
  const at = rows.indexOf(row)
  const to = ({ ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: rows.length - 1 } as Record<string, number>)[event.key]
  if (to === undefined || !rows[to]) return
  event.preventDefault()
  rows[to].focus()
}

/**
 * The incident's traces, sortable, errors first; choosing one opens its waterfall. Of an incident
 * of many thousands of traces the first rows (as sorted) are drawn, and more as the list is
 * scrolled down: the ones an engineer looks at come first, and the pane stays quick.
 */
export function TraceList({ items, loading, error, onOpen, sort, onSort }: TraceListProps) {
  const sorted = useMemo(() => sortTraces(items, sort), [items, sort])
  const longest = useMemo(() => items.reduce((most, item) => Math.max(most, item.durationNs), 1), [items])
  // Traces of more than one day: each start says its day, or a list sorted by start reads out of order.
  const manyDays = useMemo(() => new Set(items.map((item) => formatDate(traceClock(item.startNs).originMs))).size > 1, [items])
  const [drawn, setDrawn] = useState({ of: sorted, rows: TRACE_ROWS_AT_ONCE })
  if (drawn.of !== sorted) setDrawn({ of: sorted, rows: TRACE_ROWS_AT_ONCE })
  const more = useRef<HTMLDivElement>(null)
  const moreToDraw = sorted.length > drawn.rows
  useEffect(() => {
    const end = more.current
    if (!end) return
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) setDrawn((now) => ({ ...now, rows: now.rows + TRACE_ROWS_AT_ONCE }))
    })
    seen.observe(end)
    return () => seen.disconnect()
  }, [moreToDraw, drawn.rows])

  if (error) return <p className="traces-message traces-message-error">Could not list the traces: {errorMessage(error)}</p>
  if (loading) return <p className="traces-message">Listing traces…</p>
  if (items.length === 0) return <p className="traces-message">No traces in these files.</p>

  return (
    <div className="trace-list" role="table" aria-label="Traces" data-testid="trace-list" onKeyDown={moveBetweenRows}>
      <div className="trace-list-head" role="row">
        {COLUMNS.map((column) => {
          const active = sort.key === column.key
          return (
            <span
              key={column.key}
              role="columnheader"
              className={column.className}
              aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
            >
              <button type="button" className="trace-sort" data-testid={`trace-sort-${column.key}`} data-active={active || undefined} onClick={() => onSort(nextSort(sort, column.key))}>
                {column.label}
                <span className="trace-sort-arrow" aria-hidden="true">
                  {active ? (sort.descending ? '↓' : '↑') : ''}
                </span>
              </button>
            </span>
          )
        })}
      </div>
      {sorted.slice(0, drawn.rows).map((item) => {
        const clock = traceClock(item.startNs)
        return (
          <button
            type="button"
            role="row"
            key={traceKey(item)}
            className="trace-row"
            data-testid="trace-row"
            data-trace-id={item.traceId}
            data-errors={item.errors}
            data-spans={item.spans}
            onClick={() => onOpen(item)}
            title={`Open trace ${item.traceId}`}
          >
            <span role="cell" className="trace-col-root">
              <span className="trace-row-name" title={item.rootName || undefined}>
                {item.rootName || '(unnamed)'}
              </span>
              <span className="trace-row-under">
                <ServiceName name={item.rootService || 'unknown'} className="trace-row-service" />
                {/* Where the pane is too narrow for a Spans column, the count goes under the name. */}
                <span className="trace-row-spans">{plural(item.spans, 'span')}</span>
                {item.pieces > 1 && (
                  <span className="trace-row-pieces" data-testid="trace-row-pieces" title={piecesExplained(item.pieces)}>
                    in {item.pieces} pieces
                  </span>
                )}
              </span>
            </span>
            <span role="cell" className="trace-col-start" title={`${formatDate(clock.originMs)} ${clockLabel(clock, 0, 9)}`}>
              {clockLabel(clock, 0)}
              {manyDays && <span className="trace-col-day">{formatDate(clock.originMs)}</span>}
            </span>
            <span role="cell" className="trace-col-num trace-col-duration">
              <span className="trace-duration-bar" style={{ width: `${Math.max(2, (item.durationNs / longest) * 100)}%` }} aria-hidden="true" />
              <span className="trace-duration-text">{formatNs(item.durationNs)}</span>
            </span>
            <span role="cell" className="trace-col-num trace-col-spans">
              {formatCount(item.spans)}
            </span>
            <span role="cell" className="trace-col-num" data-tone={item.errors > 0 ? 'danger' : undefined}>
              {item.errors > 0 ? formatCount(item.errors) : '–'}
            </span>
          </button>
        )
      })}
      {moreToDraw && (
        <div ref={more} className="trace-list-more" data-testid="trace-list-more">
          {formatCount(drawn.rows)} of {formatCount(sorted.length)} traces; scroll for more
        </div>
      )}
    </div>
  )
}

import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { formatClockMs, formatDuration } from '../format/time'
import type { ReplayController } from './ReplayController'
import {
  CATEGORY_LABELS,
  categoryCounts,
  ENTRY_CATEGORIES,
  type EntryCategory,
  formatElapsedTenths,
  type ListEntry,
  timeOfItem,
} from './timeline'
import { lastAtOrBefore } from './lastAtOrBefore'
import { usePlayer } from './usePlayer'

interface EventListProps {
  controller: ReplayController | null
  entries: readonly ListEntry[]
  startMs: number
  clockOffsetMs: number
  onSeek: (entry: ListEntry) => void
}

const FILTER_TITLES: Record<EntryCategory, string> = {
  error: 'console errors',
  warn: 'console warnings',
  info: 'console info messages',
  log: 'console log messages',
  debug: 'console debug messages',
  failed: 'failed requests (server errors and network failures)',
  request: 'requests that succeeded',
  custom: 'custom events',
}

/** Console messages, requests and custom events beside the replay, following the playhead. */
export function EventList({ controller, entries, startMs, clockOffsetMs, onSeek }: EventListProps) {
  const counts = useMemo(() => categoryCounts(entries), [entries])
  const present = ENTRY_CATEGORIES.filter((category) => counts.has(category))
  const [hidden, setHidden] = useState<ReadonlySet<EntryCategory>>(() => new Set())
  const shown = useMemo(() => entries.filter((entry) => !hidden.has(entry.category)), [entries, hidden])
  const latest = usePlayer(controller, (state) => lastAtOrBefore(shown, state.timeMs, timeOfItem), -1)
  const seeks = usePlayer(controller, (state) => state.seeks, 0)
  // Of entries at the same moment, the one clicked is the current one (not the last of them).
  const [picked, setPicked] = useState<ListEntry | null>(null)
  const pickedIndex = picked ? shown.indexOf(picked) : -1
  const current = pickedIndex >= 0 && latest >= 0 && shown[latest].timeMs === picked!.timeMs ? pickedIndex : latest
  const seek = useCallback(
    (entry: ListEntry) => {
      setPicked(entry)
      onSeek(entry)
    },
    [onSeek],
  )

  const toggle = (category: EntryCategory) =>
    setHidden((previous) => {
      const next = new Set(previous)
      if (next.has(category)) next.delete(category)
      else next.add(category)
      return next
    })

  return (
    <section className="event-list" data-testid="replay-list" aria-label="Console and network">
      <header className="event-list-header">
        <span className="event-list-title">Console &amp; network</span>
        <span className="event-list-count" data-testid="replay-list-count">
          {shown.length === entries.length ? entries.length : `${shown.length} of ${entries.length}`}
        </span>
      </header>
      {present.length > 0 && (
        <div className="event-filters" role="group" aria-label="Show">
          {present.map((category) => (
            <button
              key={category}
              type="button"
              className="event-filter"
              data-category={category}
              data-testid={`replay-filter-${category}`}
              aria-pressed={!hidden.has(category)}
              title={`${hidden.has(category) ? 'Show' : 'Hide'} ${FILTER_TITLES[category]}`}
              onClick={() => toggle(category)}
            >
              <span className="event-filter-dot" aria-hidden="true" />
              {CATEGORY_LABELS[category]}
              <span className="event-filter-count">{counts.get(category)}</span>
            </button>
          ))}
        </div>
      )}
      {entries.length === 0 ? (
        <p className="event-list-empty">No console messages or requests in this recording.</p>
      ) : (
        <EntryRows entries={shown} current={current} seeks={seeks} startMs={startMs} clockOffsetMs={clockOffsetMs} onSeek={seek} />
      )}
    </section>
  )
}

interface EntryRowsProps {
  entries: readonly ListEntry[]
  current: number
  /** Seeks so far: each one (a jump, a marker, a key) has the list follow the playhead again. */
  seeks: number
  startMs: number
  clockOffsetMs: number
  onSeek: (entry: ListEntry) => void
}

const EntryRows = memo(function EntryRows({ entries, current, seeks, startMs, clockOffsetMs, onSeek }: EntryRowsProps) {
  const listRef = useRef<HTMLOListElement>(null)
  // Scrolled by hand, the list stays where it was put while the replay plays on, until a seek or
  // "Follow the playhead".
  const [following, setFollowing] = useState(true)
  useEffect(() => setFollowing(true), [seeks])

  // Keep the current entry in view, scrolling the list only (never the pane around it).
  useEffect(() => {
    const list = listRef.current
    const row = list?.children[Math.max(0, current)] as HTMLElement | undefined
    if (!following || !list || !row) return
    const top = row.offsetTop - list.offsetTop
    const bottom = top + row.offsetHeight
    if (top < list.scrollTop) list.scrollTop = top
    else if (bottom > list.scrollTop + list.clientHeight) list.scrollTop = bottom - list.clientHeight
  }, [current, following])

  if (entries.length === 0) return <p className="event-list-empty">Nothing shown: every kind is filtered out.</p>
  return (
    <>
      <ol
        className="event-rows"
        ref={listRef}
        onWheel={() => setFollowing(false)}
        onTouchMove={() => setFollowing(false)}
        // On the list itself, not a row: its scrollbar.
        onPointerDown={(event) => event.target === event.currentTarget && setFollowing(false)}
        onKeyDown={(event) => ['PageUp', 'PageDown'].includes(event.key) && setFollowing(false)}
      >
        {entries.map((entry, index) => {
          // A request is listed where its answer came, with how long it took.
          const took = entry.marker.kind === 'request' && entry.marker.durationMs !== null ? formatDuration(entry.marker.durationMs) : null
          return (
            <li key={`${entry.timeMs}-${index}`}>
              <button
                type="button"
                className="event-row"
                data-testid="replay-entry"
                data-category={entry.category}
                data-time-ms={entry.timeMs}
                data-current={index === current || undefined}
                data-future={index > current || undefined}
                aria-current={index === current ? 'true' : undefined}
                title={`${entry.label}\n${formatClockMs(entry.timeMs + clockOffsetMs)}${took === null ? '' : ` · answered after ${took}`}`}
                onClick={() => {
                  setFollowing(true)
                  onSeek(entry)
                }}
              >
                <span className="event-row-time">{formatElapsedTenths(entry.timeMs - startMs)}</span>
                <span className="event-row-kind">{entry.category}</span>
                <span className="event-row-label">{entry.label}</span>
                {took !== null && <span className="event-row-duration">{took}</span>}
              </button>
            </li>
          )
        })}
      </ol>
      {!following && (
        <button type="button" className="event-follow" data-testid="replay-list-follow" onClick={() => setFollowing(true)}>
          Follow the playhead
        </button>
      )}
    </>
  )
})

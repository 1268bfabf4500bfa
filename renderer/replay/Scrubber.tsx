import { memo, type PointerEvent, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { IdlePeriod } from '../../shared/domain/model'
import { FindingMarks } from '../findings/FindingMarks'
import { formatClockMs } from '../format/time'
import { PeerPlayheads } from '../pairing/PeerPlayheads'
import type { ReplayController } from './ReplayController'
import { clusterMarkers, formatElapsedTenths, type MarkerCluster, SCRUBBER_KIND_LABELS, type ScrubberMarker } from './timeline'
import { usePlayer } from './usePlayer'

interface ScrubberProps {
  controller: ReplayController | null
  markers: readonly ScrubberMarker[]
  /** Idle stretches, drawn faint on the rail (skipping inactivity passes over them). */
  idle: readonly IdlePeriod[]
  startMs: number
  endMs: number
  /** Added to recording times to show them on the incident's clock. */
  clockOffsetMs: number
  /** A marker was clicked: `together` are all the markers drawn as one with it. */
  onSeekMarker: (marker: ScrubberMarker, together: readonly ScrubberMarker[]) => void
}

type Hover = { x: number; timeMs: number; cluster: MarkerCluster | null }

/** How long the pointer rests over a time before what a click there would load is fetched. */
const PREFETCH_REST_MS = 80

/** Most markers a tooltip lists. */
const TIP_MARKERS = 4

const percent = (t: number, startMs: number, endMs: number) => (endMs > startMs ? ((t - startMs) / (endMs - startMs)) * 100 : 0)

/** The recording's timeline: playhead, what is loaded, and markers to hover and jump to. */
export function Scrubber({ controller, markers, idle, startMs, endMs, clockOffsetMs, onSeekMarker }: ScrubberProps) {
  const trackRef = useRef<HTMLDivElement>(null)
  const [hover, setHover] = useState<Hover | null>(null)
  const [trackWidth, setTrackWidth] = useState(0)
  const dragging = useRef(false)
  const restTimer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const clusters = useMemo(() => clusterMarkers(markers, startMs, endMs, trackWidth), [markers, startMs, endMs, trackWidth])

  useLayoutEffect(() => {
    const track = trackRef.current
    if (!track) return
    setTrackWidth(track.clientWidth)
    const observer = new ResizeObserver(() => setTrackWidth(track.clientWidth))
    observer.observe(track)
    return () => observer.disconnect()
  }, [])
  const timeMs = usePlayer(controller, (state) => state.timeMs, startMs)
  const loadedFrom = usePlayer(controller, (state) => state.loaded?.fromMs ?? null, null)
  const loadedTo = usePlayer(controller, (state) => state.loaded?.toMs ?? null, null)

  const timeAt = useCallback(
    (clientX: number) => {
      const rect = trackRef.current!.getBoundingClientRect()
      const ratio = rect.width > 0 ? Math.min(1, Math.max(0, (clientX - rect.left) / rect.width)) : 0
      return { x: ratio * rect.width, timeMs: startMs + ratio * (endMs - startMs) }
    },
    [startMs, endMs],
  )

  // The pointer resting on a time is the likely next seek: its chunks are fetched meanwhile.
  const restAt = useCallback(
    (t: number | null) => {
      clearTimeout(restTimer.current)
      if (t !== null) restTimer.current = setTimeout(() => controller?.prefetch(t), PREFETCH_REST_MS)
    },
    [controller],
  )
  useEffect(() => () => clearTimeout(restTimer.current), [])

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return
    restAt(null)
    event.currentTarget.setPointerCapture(event.pointerId)
    dragging.current = true
    controller?.seek(timeAt(event.clientX).timeMs)
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const at = timeAt(event.clientX)
    if (dragging.current) controller?.seek(at.timeMs)
    else restAt(at.timeMs)
    setHover((previous) => (previous?.cluster && !dragging.current ? previous : { ...at, cluster: null }))
  }
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    dragging.current = false
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId)
  }

  const hoverCluster = useCallback((cluster: MarkerCluster | null, element: HTMLElement | null) => {
    if (!cluster || !element || !trackRef.current) {
      setHover(null)
      return
    }
    const track = trackRef.current.getBoundingClientRect()
    const rect = element.getBoundingClientRect()
    setHover({ x: rect.left + rect.width / 2 - track.left, timeMs: cluster.timeMs, cluster })
    restAt(cluster.timeMs)
  }, [restAt])

  const playhead = percent(timeMs, startMs, endMs)
  const elapsed = timeMs - startMs
  const total = endMs - startMs
  return (
    <div
      className="scrubber"
      data-testid="replay-scrubber"
      data-start-ms={startMs}
      data-end-ms={endMs}
      role="slider"
      tabIndex={0}
      aria-label="Playhead"
      aria-valuemin={0}
      aria-valuemax={Math.round(total)}
      aria-valuenow={Math.round(elapsed)}
      aria-valuetext={`${formatElapsedTenths(elapsed)} of ${formatElapsedTenths(total)}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onPointerLeave={() => {
        restAt(null)
        if (!dragging.current) setHover(null)
      }}
    >
      <div ref={trackRef} className="scrubber-track">
        <div className="scrubber-rail">
          {loadedFrom !== null && loadedTo !== null && (
            <div
              className="scrubber-loaded"
              style={{ left: `${percent(loadedFrom, startMs, endMs)}%`, width: `${percent(loadedTo, startMs, endMs) - percent(loadedFrom, startMs, endMs)}%` }}
            />
          )}
          <div className="scrubber-progress" style={{ width: `${playhead}%` }} />
          {idle.map((period) => (
            <div
              key={period.fromMs}
              className="scrubber-idle"
              data-testid="scrubber-idle"
              title="Idle: nothing happens here"
              style={{ left: `${percent(period.fromMs, startMs, endMs)}%`, width: `${percent(period.toMs, startMs, endMs) - percent(period.fromMs, startMs, endMs)}%` }}
            />
          ))}
        </div>
        <MarkerTicks clusters={clusters} startMs={startMs} endMs={endMs} onHover={hoverCluster} onSeek={onSeekMarker} />
        <FindingMarks startMs={startMs} endMs={endMs} clockOffsetMs={clockOffsetMs} />
        <PeerPlayheads startMs={startMs} endMs={endMs} clockOffsetMs={clockOffsetMs} />
        <div className="scrubber-head" style={{ left: `${playhead}%` }} />
      </div>
      {hover && <ScrubberTip hover={hover} trackWidth={trackWidth} startMs={startMs} clockOffsetMs={clockOffsetMs} />}
    </div>
  )
}

interface ScrubberTipProps {
  hover: Hover
  trackWidth: number
  startMs: number
  clockOffsetMs: number
}

/**
 * What the pointer is over. Its own component, so the playhead's ticks do not re-render it: each
 * render measured the tip, a layout forced every frame of a replay played under the pointer.
 */
const ScrubberTip = memo(function ScrubberTip({ hover, trackWidth, startMs, clockOffsetMs }: ScrubberTipProps) {
  const tipRef = useRef<HTMLDivElement>(null)
  useLayoutEffect(() => {
    // Keep the tip inside the scrubber.
    const tip = tipRef.current
    if (!tip) return
    const half = tip.offsetWidth / 2
    tip.style.left = `${Math.min(trackWidth - half, Math.max(half, hover.x))}px`
  }, [hover, trackWidth])
  return (
    <div ref={tipRef} className="scrubber-tip" role="tooltip" data-testid="scrubber-tooltip" data-kind={hover.cluster?.kind} style={{ left: hover.x }}>
      {hover.cluster ? (
        <>
          {hover.cluster.markers.slice(0, TIP_MARKERS).map((marker, index) => (
            <span key={index} className="scrubber-tip-item" data-kind={marker.kind}>
              <span className="scrubber-tip-kind">{SCRUBBER_KIND_LABELS[marker.kind]}</span>
              <span className="scrubber-tip-label">{marker.label}</span>
              <span className="scrubber-tip-time">
                {formatElapsedTenths(marker.timeMs - startMs)} · {formatClockMs(marker.timeMs + clockOffsetMs)}
              </span>
            </span>
          ))}
          {hover.cluster.markers.length > TIP_MARKERS && <span className="scrubber-tip-more">+{hover.cluster.markers.length - TIP_MARKERS} more</span>}
        </>
      ) : (
        <span className="scrubber-tip-time">
          {formatElapsedTenths(hover.timeMs - startMs)} · {formatClockMs(hover.timeMs + clockOffsetMs)}
        </span>
      )}
    </div>
  )
})

interface MarkerTicksProps {
  clusters: readonly MarkerCluster[]
  startMs: number
  endMs: number
  onHover: (cluster: MarkerCluster | null, element: HTMLElement | null) => void
  onSeek: (marker: ScrubberMarker, together: readonly ScrubberMarker[]) => void
}

const describe = (cluster: MarkerCluster, startMs: number) =>
  cluster.markers.map((marker) => `${SCRUBBER_KIND_LABELS[marker.kind]} at ${formatElapsedTenths(marker.timeMs - startMs)}: ${marker.label}`).join('; ')

/** The markers (grouped where too close to tell apart), drawn once: they do not move with the playhead. */
const MarkerTicks = memo(function MarkerTicks({ clusters, startMs, endMs, onHover, onSeek }: MarkerTicksProps) {
  return (
    <div className="scrubber-markers">
      {clusters.map((cluster) => (
        <button
          key={`${cluster.timeMs}-${cluster.markers.length}`}
          type="button"
          tabIndex={-1}
          className="scrubber-marker"
          data-kind={cluster.kind}
          data-kinds={[...new Set(cluster.markers.map((marker) => marker.kind))].join(' ')}
          data-count={cluster.markers.length > 1 ? cluster.markers.length : undefined}
          data-testid="scrubber-marker"
          data-time-ms={cluster.timeMs}
          data-times={cluster.markers.map((marker) => marker.timeMs).join(' ')}
          aria-label={describe(cluster, startMs)}
          style={{ left: `${percent(cluster.timeMs, startMs, endMs)}%` }}
          onPointerDown={(event) => event.stopPropagation()}
          onPointerEnter={(event) => onHover(cluster, event.currentTarget)}
          onPointerLeave={() => onHover(null, null)}
          onFocus={(event) => onHover(cluster, event.currentTarget)}
          onBlur={() => onHover(null, null)}
          onClick={(event) => {
            event.stopPropagation()
            // Read, the tip gives way to what the replay now shows (it would cover the page's own error banner).
            onHover(null, null)
            onSeek(cluster.lead, cluster.markers)
          }}
        />
      ))}
    </div>
  )
})

import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { SessionOutline } from '../../shared/domain/model'
import { useApi } from '../api/ApiProvider'
import { errorMessage } from '../api/errors'
import { useQuery } from '../api/useQuery'
import { IDLE_CLOCK } from '../clock/clock'
import { useClockStore } from '../clock/ClockContext'
import { useFindingsData } from '../findings/FindingsProvider'
import { useFocusStore } from '../focus/focus'
import { formatDateTimeMs, formatRangeMs } from '../format/time'
import { useNavigation } from '../focus/NavigationProvider'
import { useReportLoading } from '../incidents/loading'
import type { SessionArtifact } from '../panes/artifacts'
import { ChunkLoader } from './chunkLoader'
import { EventList } from './EventList'
import { PlayerControls } from './PlayerControls'
import { ReplayController } from './ReplayController'
import { Scrubber } from './Scrubber'
import { Stage } from './Stage'
import { listEntries, type ListEntry, markerStops, nextMarker, previousMarker, type ScrubberMarker, scrubberMarkers, stepSpeed, tracedRequest } from './timeline'
import type { PlaybackPrefs } from './playbackPrefs'
import { useReplayKeys } from './useReplayKeys'
import { usePlayer } from './usePlayer'

/**
 * A jump to a marker shows the page this long after it: what the marked moment did (the error
 * banner written a millisecond after the error is logged), while the playhead sits on the marker.
 */
const MARKER_SETTLE_MS = 50
/** Shift+← while playing passes over the markers played this recently. */
const PREVIOUS_WHILE_PLAYING_MS = 1_000

/** A follower playing along with its driver is left alone unless this far off (jumping would stutter). */
const FOLLOW_TOLERANCE_MS = 250

interface SessionPlayerProps {
  session: SessionArtifact
  /** The element whose focus makes keyboard shortcuts the replay's (the pane). */
  paneRef: React.RefObject<HTMLElement | null>
  playback: PlaybackPrefs
  onPlaybackChange: (playback: PlaybackPrefs) => void
}

/** One recording's replay: its outline first, then the player. */
export function SessionPlayer(props: SessionPlayerProps) {
  const { session } = props
  const outline = useQuery((api) => api.call('sessions.outline', { artifactId: session.id }), [session.id])
  // Loaded, the player takes over saying whether the recording is in (its first frame).
  useReportLoading('recording', !outline.loading)
  if (outline.error !== undefined && !outline.data) {
    return (
      <p className="replay-failed" role="alert" data-testid="replay-error">
        The recording could not be opened: {errorMessage(outline.error)}
      </p>
    )
  }
  if (!outline.data || outline.data.artifactId !== session.id) {
    return (
      <div className="replay-loading">
        <span className="spinner" role="status" aria-label="Loading the recording" />
      </div>
    )
  }
  return <Player {...props} outline={outline.data} />
}

function Player({ session, outline, paneRef, playback, onPlaybackChange }: SessionPlayerProps & { outline: SessionOutline }) {
  const api = useApi()
  const clock = useClockStore()
  const hostRef = useRef<HTMLDivElement>(null)
  const bodyRef = useRef<HTMLDivElement>(null)
  const [controller, setController] = useState<ReplayController | null>(null)
  const [fullscreen, setFullscreen] = useState(false)
  const [listShown, setListShown] = useState(true)
  const markers = useMemo(() => scrubberMarkers(outline.markers), [outline.markers])
  const entries = useMemo(() => listEntries(outline.markers), [outline.markers])
  const { startMs, endMs } = outline

  // The first playback settings only: later changes are the controller's own.
  const initialPlayback = useRef(playback)
  useEffect(() => {
    const host = hostRef.current
    if (!host) return
    const artifactId = outline.artifactId
    const loader = new ChunkLoader(outline.chunks, (fromSeq, toSeq) => api.call('sessions.chunks', { artifactId, fromSeq, toSeq }))
    const created = new ReplayController({
      startMs,
      endMs,
      chunks: outline.chunks,
      loader,
      root: host,
      speed: initialPlayback.current.speed,
      skipInactive: initialPlayback.current.skipInactive,
      idle: outline.idle,
    })
    setController(created)
    return () => {
      created.destroy()
      setController(null)
    }
  }, [api, outline, startMs, endMs])

  // Publish the playhead on the incident's clock; report playback settings to keep them for the next recording.
  const clockOffsetMs = session.clockOffsetMs
  const onPlayback = useRef(onPlaybackChange)
  onPlayback.current = onPlaybackChange
  useEffect(() => {
    if (!controller) return
    let last = controller.getState()
    const publish = () => {
      const state = controller.getState()
      clock.set({
        timeMs: state.timeMs + clockOffsetMs,
        playing: state.playing,
        speed: state.speed,
        artifactId: outline.artifactId,
        atStart: !state.playing && state.timeMs <= startMs,
      })
      if (state.speed !== last.speed || state.skipInactive !== last.skipInactive) {
        onPlayback.current({ speed: state.speed, skipInactive: state.skipInactive })
      }
      last = state
    }
    publish()
    const unsubscribe = controller.subscribe(publish)
    return () => {
      unsubscribe()
      clock.set(IDLE_CLOCK)
    }
  }, [controller, clock, clockOffsetMs, outline.artifactId])

  // A request the session linked to a trace opens that trace, landing on where it failed.
  const navigation = useNavigation()
  const seekMarker = useCallback(
    (marker: ScrubberMarker | ListEntry, together: ReadonlyArray<ScrubberMarker | ListEntry> = [marker]) => {
      // The history keeps the moment before the jump (Alt+← comes back to it): go first, then seek.
      const request = tracedRequest(together.map((item) => item.marker))
      if (request?.traceId) navigation.go({ trace: { traceId: request.traceId, artifactId: null }, span: { land: request.failed ? 'error' : 'root' } })
      controller?.seek(marker.timeMs, MARKER_SETTLE_MS)
    },
    [controller, navigation],
  )

  // Other panes move the replay (a span picked, a trace opened, history, a followed pairing driver):
  // to that moment, when the recording has it. Read from the store as it changes, not through a
  // render, so a follower takes the driver's move at once. A request made before the player was
  // ready (the incident opened at a moment) still applies.
  const focus = useFocusStore()
  const seenSeek = useRef<number | undefined>(undefined)
  /** The last moment asked of the replay that this recording does not hold (incident clock), and the replay's seeks then: said until it moves again. */
  const [outside, setOutside] = useState<{ timeMs: number; seeks: number } | null>(null)
  const seeks = usePlayer(controller, (state) => state.seeks, 0)
  const outsideMs = outside?.seeks === seeks ? outside.timeMs : null
  useEffect(() => {
    if (!controller) return
    const apply = () => {
      const request = focus.get().seek
      if (!request || request.serial === seenSeek.current) return
      seenSeek.current = request.serial
      const { playing, speed } = request
      const timeMs = request.timeMs - clockOffsetMs
      // A moment the recording does not hold (a trace of another hour opened): said, not shown.
      if (timeMs < startMs || timeMs > endMs) return setOutside({ timeMs: request.timeMs, seeks: controller.getState().seeks })
      if (speed !== undefined) controller.setSpeed(speed)
      if (playing === false) controller.pause()
      const drift = Math.abs(controller.getState().timeMs - timeMs)
      // A marker's moment (a finding written there, a pair's jump to it) shows what it did, as a jump to the marker does.
      const onMarker = markers.some((marker) => Math.abs(marker.timeMs - timeMs) < 1)
      if (!(playing && drift <= FOLLOW_TOLERANCE_MS)) controller.seek(timeMs, onMarker ? MARKER_SETTLE_MS : 0)
      if (playing) controller.play()
      // For the pairing benchmark: when a followed driver's playback took effect here.
      if (playing !== undefined) performance.mark('casefile:follow', { detail: request.timeMs })
    }
    apply()
    return focus.subscribe(apply)
  }, [controller, focus, clockOffsetMs, startMs, endMs, markers])

  // Shift+←/→ stop at findings' flags too (findings' times are on the incident's clock).
  const findings = useFindingsData()?.findings
  const stops = useMemo(() => {
    const flags = (findings ?? []).flatMap((finding) => (finding.anchors.timeMs === null ? [] : [{ timeMs: finding.anchors.timeMs - clockOffsetMs }]))
    return markerStops([...markers, ...flags].sort((a, b) => a.timeMs - b.timeMs))
  }, [markers, findings, clockOffsetMs])

  useReplayKeys(paneRef, {
    toggle: () => controller?.toggle(),
    skip: (deltaMs) => controller && controller.seek(controller.getState().timeMs + deltaMs),
    jump: (to) => controller?.seek(to === 'start' ? startMs : endMs),
    marker: (step) => {
      if (!controller) return
      const { timeMs: t, playing } = controller.getState()
      // Playing, the marker just passed is behind the playhead already: back goes to the one before it, as a player's "previous" does.
      const target = step > 0 ? nextMarker(stops, t) : previousMarker(stops, playing ? t - PREVIOUS_WHILE_PLAYING_MS : t)
      if (target) controller.seek(target.timeMs, MARKER_SETTLE_MS)
    },
    speed: (step) => controller && controller.setSpeed(stepSpeed(controller.getState().speed, step)),
  })

  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement !== null && document.fullscreenElement === bodyRef.current)
    document.addEventListener('fullscreenchange', onChange)
    return () => document.removeEventListener('fullscreenchange', onChange)
  }, [])
  const toggleFullscreen = () => {
    const body = bodyRef.current
    if (!body) return
    if (document.fullscreenElement === body) void document.exitFullscreen().catch(() => {})
    else void body.requestFullscreen?.().catch(() => {})
  }

  return (
    <div
      className="replay-body"
      data-testid="replay-player"
      ref={bodyRef}
      data-chunks={outline.chunks.length}
      data-list={listShown ? 'shown' : 'hidden'}
      data-fullscreen={fullscreen || undefined}
    >
      <div className="replay-main" data-testid="replay-main">
        <Stage
          controller={controller}
          hostRef={hostRef}
          note={outsideMs === null ? null : `Not in this recording: ${formatDateTimeMs(outsideMs)}\nIt covers ${formatRangeMs(startMs + clockOffsetMs, endMs + clockOffsetMs)}`}
        />
        <Scrubber
          controller={controller}
          markers={markers}
          idle={outline.idle}
          startMs={startMs}
          endMs={endMs}
          clockOffsetMs={clockOffsetMs}
          onSeekMarker={seekMarker}
        />
        <PlayerControls
          controller={controller}
          startMs={startMs}
          endMs={endMs}
          fullscreen={fullscreen}
          onToggleFullscreen={toggleFullscreen}
          listShown={listShown}
          onToggleList={() => setListShown((shown) => !shown)}
        />
      </div>
      {listShown && <EventList controller={controller} entries={entries} startMs={startMs} clockOffsetMs={clockOffsetMs} onSeek={seekMarker} />}
    </div>
  )
}

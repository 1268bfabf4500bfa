import { type RefObject, useCallback, useEffect, useRef } from 'react'
import type { Playback } from '../../shared/pairing/model'
import { useApi } from '../api/ApiProvider'
import { useClockStore } from '../clock/ClockContext'
import { useFocusStore } from '../focus/focus'
import { nextSeek } from '../focus/navigation'
import { JUMP_MS, playbackChanged, playbackOf, sameSelection, selectionOf } from './selection'

/** Fewest milliseconds between two playbacks a driver sends (a scrub sends the latest at this pace). */
const DRIVE_GAP_MS = 40
/** How often a playing driver restates its playback, so followers stay in step (skipped inactivity, rounding). */
const HEARTBEAT_MS = 2000
/** A follower's replay this far from a paused driver's, once a copy has had time to land, was moved by hand. */
const MOVED_BY_HAND_MS = 1000
/** Time a copied seek has to land before the follower's clock is compared with it. */
const COPY_SETTLE_MS = 800
/** Longest a window taking up the room's playback waits for its replay to get there before it drives from wherever it is. */
const TAKE_UP_MS = 10_000

interface PlaybackSyncOptions {
  /** This window is in the room. */
  active: boolean
  driving: boolean
  following: boolean
  /** The driver's playback as it was when this window joined. */
  joinedPlayback: RefObject<Playback | null>
  /**
   * The room's playback, for a window that drives from the moment it joins (back from a dropped
   * connection or in a new tab, the host back from another incident): it goes there before it
   * drives, rather than pulling everyone back to where it was. A new one each joining.
   */
  takeUp: Playback | null
  /** A follower went somewhere on its own (another trace or span, a seek while the driver is paused): it explores from then on. */
  onExplore: () => void
}

/** The driver's replay and selection go to the room; a following window copies them. */
export function usePlaybackSync({ active, driving, following, joinedPlayback, takeUp, onExplore }: PlaybackSyncOptions): void {
  const api = useApi()
  const clock = useClockStore()
  const focus = useFocusStore()
  const latest = useRef<Playback | null>(null)
  const copying = active && following && !driving
  const copyingRef = useRef(copying)
  copyingRef.current = copying
  const copiedAt = useRef(0)

  /** Moves this window's replay and selection to `playback`. */
  const copy = useCallback(
    (playback: Playback) => {
      copiedAt.current = performance.now()
      const state = focus.get()
      const { selection } = playback
      const select = sameSelection(selectionOf(state), selection)
        ? {}
        : { trace: selection.trace, span: selection.spanId ? { spanId: selection.spanId } : null, service: selection.service }
      focus.set({ ...select, seek: nextSeek(state, { timeMs: playback.timeMs, playing: playback.playing, speed: playback.speed, recordingId: playback.recordingId }) })
    },
    [focus],
  )

  // Driving: send what followers must copy, when it changes, at most every DRIVE_GAP_MS.
  useEffect(() => {
    if (!active || !driving) return
    let sent: Playback | null = null
    let sentAt = 0
    let pending: ReturnType<typeof setTimeout> | undefined
    // Taken up once the replay has a playhead (after any move its opening asked for, such as
    // the place the incident was left at); the room has it already, so nothing goes out until
    // this replay is there too.
    let toTakeUp = takeUp
    let landing = false
    const send = () => {
      const playback = playbackOf(clock.get(), focus.get())
      if (!playback) return
      sent = playback
      // What the room plays now: copied on following again, not an older driver's last.
      latest.current = playback
      sentAt = performance.now()
      // For the pairing benchmark: when the driver's playback left.
      performance.mark('casefile:drive', { detail: playback.timeMs })
      api.call('pairing.drive', playback).catch(() => {})
    }
    const check = () => {
      const next = playbackOf(clock.get(), focus.get())
      if (!next) return
      if (toTakeUp) {
        // Set before the copy, whose move comes back here at once.
        sent = toTakeUp
        latest.current = toTakeUp
        sentAt = performance.now()
        toTakeUp = null
        landing = true
        copy(sent)
        return
      }
      if (landing) {
        const waited = performance.now() - sentAt
        if (playbackChanged(sent, waited, next, JUMP_MS) && waited < TAKE_UP_MS) return
        landing = false
      }
      if (pending !== undefined || !playbackChanged(sent, performance.now() - sentAt, next)) return
      const wait = sentAt + DRIVE_GAP_MS - performance.now()
      if (wait <= 0) send()
      else
        pending = setTimeout(() => {
          pending = undefined
          send()
        }, wait)
    }
    const stops = [clock.subscribe(check), focus.subscribe(check)]
    const heartbeat = setInterval(() => !toTakeUp && !landing && clock.get().playing && send(), HEARTBEAT_MS)
    check()
    return () => {
      stops.forEach((stop) => stop())
      clearInterval(heartbeat)
      clearTimeout(pending)
    }
  }, [api, clock, focus, active, driving, takeUp, copy])

  const explore = useRef(onExplore)
  explore.current = onExplore

  // Following: copy each playback the driver sends, and the latest one on starting to follow.
  useEffect(() => {
    const stop = api.on('pairing.playback', (playback) => {
      latest.current = playback
      if (copyingRef.current) copy(playback)
    })
    if (copying) {
      const playback = latest.current ?? joinedPlayback.current
      if (playback) copy(playback)
    }
    return stop
  }, [api, copy, copying, joinedPlayback])

  // A follower that opens something else, or seeks while the driver is paused, explores instead
  // of having its move undone by the driver's next one.
  useEffect(() => {
    if (!copying) return
    let check: ReturnType<typeof setTimeout> | undefined
    const movedByHand = () => {
      const playback = latest.current ?? joinedPlayback.current
      if (!playback) return false
      if (!sameSelection(selectionOf(focus.get()), playback.selection)) return true
      const { timeMs } = clock.get()
      return !playback.playing && timeMs !== null && Math.abs(timeMs - playback.timeMs) > MOVED_BY_HAND_MS
    }
    const look = () => {
      check = undefined
      const settling = COPY_SETTLE_MS - (performance.now() - copiedAt.current)
      if (settling > 0) check = setTimeout(look, settling)
      else if (movedByHand()) explore.current()
    }
    const changed = () => {
      if (check === undefined) check = setTimeout(look, 0)
    }
    const stops = [clock.subscribe(changed), focus.subscribe(changed)]
    return () => {
      stops.forEach((stop) => stop())
      clearTimeout(check)
    }
  }, [clock, focus, copying, joinedPlayback])
}

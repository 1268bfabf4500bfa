import { type RefObject, useEffect, useRef } from 'react'
import type { Playback } from '../../shared/pairing/model'
import { useApi } from '../api/ApiProvider'
import { useClockStore } from '../clock/ClockContext'
import { useFocusStore } from '../focus/focus'
import { nextSeek } from '../focus/navigation'
import { playbackChanged, playbackOf, sameSelection, selectionOf } from './selection'

/** Fewest milliseconds between two playbacks a driver sends (a scrub sends the latest at this pace). */
const DRIVE_GAP_MS = 40
/** How often a playing driver restates its playback, so followers stay in step (skipped inactivity, rounding). */
const HEARTBEAT_MS = 2000

interface PlaybackSyncOptions {
  /** This window is in the room. */
  active: boolean
  driving: boolean
  following: boolean
  /** The driver's playback as it was when this window joined. */
  joinedPlayback: RefObject<Playback | null>
}

/** The driver's replay and selection go to the room; a following window copies them. */
export function usePlaybackSync({ active, driving, following, joinedPlayback }: PlaybackSyncOptions): void {
  const api = useApi()
  const clock = useClockStore()
  const focus = useFocusStore()
  const latest = useRef<Playback | null>(null)
  const copying = active && following && !driving
  const copyingRef = useRef(copying)
  copyingRef.current = copying

  // Driving: send what followers must copy, when it changes, at most every DRIVE_GAP_MS.
  useEffect(() => {
    if (!active || !driving) return
    let sent: Playback | null = null
    let sentAt = 0
    let pending: ReturnType<typeof setTimeout> | undefined
    const send = () => {
      const playback = playbackOf(clock.get(), focus.get())
      if (!playback) return
      sent = playback
      sentAt = performance.now()
      // For the pairing benchmark: when the driver's playback left.
      performance.mark('casefile:drive', { detail: playback.timeMs })
      api.call('pairing.drive', playback).catch(() => {})
    }
    const check = () => {
      const next = playbackOf(clock.get(), focus.get())
      if (!next || pending !== undefined || !playbackChanged(sent, performance.now() - sentAt, next)) return
      const wait = sentAt + DRIVE_GAP_MS - performance.now()
      if (wait <= 0) send()
      else
        pending = setTimeout(() => {
          pending = undefined
          send()
        }, wait)
    }
    const stops = [clock.subscribe(check), focus.subscribe(check)]
    const heartbeat = setInterval(() => clock.get().playing && send(), HEARTBEAT_MS)
    check()
    return () => {
      stops.forEach((stop) => stop())
      clearInterval(heartbeat)
      clearTimeout(pending)
    }
  }, [api, clock, focus, active, driving])

  // Following: copy each playback the driver sends, and the latest one on starting to follow.
  useEffect(() => {
    const copy = (playback: Playback) => {
      const state = focus.get()
      const { selection } = playback
      const select = sameSelection(selectionOf(state), selection)
        ? {}
        : { trace: selection.trace, span: selection.spanId ? { spanId: selection.spanId } : null, service: selection.service }
      focus.set({ ...select, seek: nextSeek(state, { timeMs: playback.timeMs, playing: playback.playing, speed: playback.speed }) })
    }
    const stop = api.on('pairing.playback', (playback) => {
      latest.current = playback
      if (copyingRef.current) copy(playback)
    })
    if (copying) {
      const playback = latest.current ?? joinedPlayback.current
      if (playback) copy(playback)
    }
    return stop
  }, [api, focus, copying, joinedPlayback])
}

import { useEffect } from 'react'
import type { Presence } from '../../shared/pairing/model'
import { useApi } from '../api/ApiProvider'
import { useClockStore } from '../clock/ClockContext'
import { useFocusStore } from '../focus/focus'
import { sameSelection, selectionOf } from './selection'

/** How often, at most, this window tells the room where it is. */
const PRESENCE_INTERVAL_MS = 250

const samePresence = (a: Presence | null, b: Presence) =>
  a !== null && a.timeMs === b.timeMs && a.playing === b.playing && a.following === b.following && sameSelection(a.selection, b.selection)

/** Tells the room this window's playhead and selection while it is in the room. */
export function usePresenceSync(active: boolean, following: boolean): void {
  const api = useApi()
  const clock = useClockStore()
  const focus = useFocusStore()
  useEffect(() => {
    if (!active) return
    let sent: Presence | null = null
    let timer: ReturnType<typeof setTimeout> | undefined
    const flush = () => {
      timer = undefined
      const { timeMs, playing } = clock.get()
      const presence: Presence = { timeMs: timeMs === null ? null : Math.round(timeMs), playing, following, selection: selectionOf(focus.get()) }
      if (samePresence(sent, presence)) return
      sent = presence
      api.call('pairing.presence', presence).catch(() => {})
    }
    const schedule = () => {
      timer ??= setTimeout(flush, PRESENCE_INTERVAL_MS)
    }
    flush()
    const stops = [clock.subscribe(schedule), focus.subscribe(schedule)]
    return () => {
      stops.forEach((stop) => stop())
      clearTimeout(timer)
    }
  }, [api, clock, focus, active, following])
}

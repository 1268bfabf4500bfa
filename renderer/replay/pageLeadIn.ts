import { EventType, type eventWithTime } from 'rrweb'
import { lastAtOrBefore } from './lastAtOrBefore'

/** What a recorder writes while a page loads, around its Meta event and before its full snapshot. */
const LOADING = new Set<number>([EventType.DomContentLoaded, EventType.Load])

/**
 * The moment whose page a replay put at `t` shows: a whole millisecond, as events are stamped (a
 * playhead between two, from a click on the scrubber, shows the events up to the earlier).
 * Between a page's Meta event and its full snapshot (the new page loading, tens of milliseconds)
 * it is the snapshot's: the page navigated to, as a replay built from that snapshot shows it,
 * whichever way the replay came there. `events` are in time order.
 */
export function pageShownAt(events: readonly eventWithTime[], t: number): number {
  const at = lastAtOrBefore(events, t, (event) => event.timestamp)
  let back = at
  while (back >= 0 && LOADING.has(events[back].type)) back--
  const moment = Math.floor(t)
  if (back < 0 || events[back].type !== EventType.Meta) return moment
  let ahead = at + 1
  while (ahead < events.length && LOADING.has(events[ahead].type)) ahead++
  return events[ahead]?.type === EventType.FullSnapshot ? events[ahead].timestamp : moment
}

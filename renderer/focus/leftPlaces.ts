import type { History, Place } from './navigation'

// Where each incident was left in this window, by workspace file and incident, and its way back
// and forth. Kept in the tab's session storage, so a reload comes back to the trace, span and
// moment it showed, with Alt+←/→ as they were.

const KEY = 'casefile:places'

/** Where an incident was left: its place, and the service and call picked in the diagram. */
export interface LeftPlace extends Place {
  service?: string | null
  edge?: string | null
}

export type LeftPlaces = Map<string, LeftPlace>

export function loadLeftPlaces(): LeftPlaces {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? '[]')
    return new Map(Array.isArray(stored) ? (stored as Array<[string, LeftPlace]>) : [])
  } catch {
    return new Map()
  }
}

export function leavePlace(places: LeftPlaces, key: string, place: LeftPlace): void {
  places.set(key, place)
  try {
    sessionStorage.setItem(KEY, JSON.stringify([...places]))
  } catch {
    // Storage full or off: the place is still kept for this page's life.
  }
}

const HISTORIES_KEY = 'casefile:histories'

/** Each incident's way back and forth (Alt+←/→) as this tab kept it before a reload. */
export function loadHistories(): Map<string, History> {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(HISTORIES_KEY) ?? '[]')
    return new Map(Array.isArray(stored) ? (stored as Array<[string, History]>) : [])
  } catch {
    return new Map()
  }
}

/** Keeps the histories for the next load of this tab (called as the page goes). */
export function keepHistories(histories: ReadonlyMap<string, History>): void {
  try {
    sessionStorage.setItem(HISTORIES_KEY, JSON.stringify([...histories]))
  } catch {
    // Storage full or off: a reload starts them afresh.
  }
}

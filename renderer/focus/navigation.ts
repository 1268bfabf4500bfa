import type { ClockState } from '../clock/clock'
import type { Store } from '../state/store'
import type { FocusState, SeekRequest, SpanTarget, TraceRef } from './focus'

// Moving between places of an incident (a trace, a span in it, a moment of the replay) with a
// history to walk back and forth, as a browser does with pages.

export interface Place {
  trace: TraceRef | null
  span: SpanTarget | null
  /** Epoch ms on the incident clock; null leaves the replay where it is. */
  timeMs: number | null
}

export interface Navigation {
  /** Where the panes are now. */
  here(): Place
  /**
   * Goes to `place` (what it leaves out stays as it is). `replace`: no new history entry (e.g.
   * stepping with the keyboard). `from`: the place to come back to, when the panes show nothing of
   * it yet (an incident opening at a place: where it was left, or null for nowhere).
   */
  go(place: Partial<Place>, options?: GoOptions): void
  /** Goes one place back; false when there is none (the incident was opened there). */
  back(): boolean
  /** Goes one place forward; false when there is none. */
  forward(): boolean
}

export interface GoOptions {
  replace?: boolean
  from?: Place | null
}

const HISTORY_LIMIT = 100

/** The places behind and ahead, kept by whoever keeps an incident's history between openings. */
export interface History {
  behind: Place[]
  ahead: Place[]
}

export const newHistory = (): History => ({ behind: [], ahead: [] })

/** A request to move the replay, numbered after the last one so the replay tells it apart. */
export const nextSeek = (focus: FocusState, seek: Omit<SeekRequest, 'serial'>): SeekRequest => ({ ...seek, serial: (focus.seek?.serial ?? 0) + 1 })

/** Navigation over `history` (its arrays are worked on in place, so they outlive this opening). */
export function createNavigation(focus: Store<FocusState>, clock: Store<ClockState>, { behind, ahead }: History = newHistory()): Navigation {
  const here = (): Place => ({ trace: focus.get().trace, span: focus.get().span, timeMs: clock.get().timeMs })
  // A place at the moment the replay shows already leaves the replay alone (no seek to ask for).
  const moves = (timeMs: number | null): timeMs is number => timeMs !== null && timeMs !== clock.get().timeMs
  const show = (place: Place) =>
    focus.set({ trace: place.trace, span: place.span, ...(moves(place.timeMs) ? { seek: nextSeek(focus.get(), { timeMs: place.timeMs }) } : {}) })

  return {
    here,
    go(place, { replace = false, from } = {}) {
      const current = here()
      const left = from === undefined ? current : from
      if (!replace) {
        if (left) behind.push(left)
        if (behind.length > HISTORY_LIMIT) behind.shift()
        ahead.length = 0
      }
      show({ trace: current.trace, span: current.span, timeMs: null, ...place })
    },
    back() {
      const place = behind.pop()
      if (!place) return false
      ahead.push(here())
      show(place)
      return true
    },
    forward() {
      const place = ahead.pop()
      if (!place) return false
      behind.push(here())
      show(place)
      return true
    },
  }
}

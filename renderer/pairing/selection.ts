import type { Playback, Selection } from '../../shared/pairing/model'
import type { ClockState } from '../clock/clock'
import type { FocusState } from '../focus/focus'

/** What a participant has selected, from the incident's focus. */
export function selectionOf(focus: FocusState): Selection {
  return {
    trace: focus.trace,
    spanId: focus.span && 'spanId' in focus.span ? focus.span.spanId : null,
    service: focus.service,
  }
}

export const sameSelection = (a: Selection, b: Selection) =>
  a.trace?.traceId === b.trace?.traceId && a.trace?.artifactId === b.trace?.artifactId && a.spanId === b.spanId && a.service === b.service

/** The driver's replay as followers should copy it; null before the replay has a playhead. */
export function playbackOf(clock: ClockState, focus: FocusState): Playback | null {
  if (clock.timeMs === null) return null
  return { timeMs: clock.timeMs, playing: clock.playing, speed: clock.speed, selection: selectionOf(focus) }
}

/** A playing playhead this far from where the last sent playback predicts it means the driver jumped. */
export const JUMP_MS = 300

/**
 * Whether `next` tells followers something the last sent playback (sent `elapsedMs` ago) does not:
 * a new play state, speed or selection, a paused playhead moved at all (a fine scrub or a step),
 * or a playing one away from where playing on would have put it.
 */
export function playbackChanged(sent: Playback | null, elapsedMs: number, next: Playback): boolean {
  if (!sent) return true
  if (sent.playing !== next.playing || sent.speed !== next.speed || !sameSelection(sent.selection, next.selection)) return true
  if (!sent.playing) return next.timeMs !== sent.timeMs
  return Math.abs(next.timeMs - (sent.timeMs + elapsedMs * sent.speed)) > JUMP_MS
}

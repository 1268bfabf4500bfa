import type { Member, Playback, Selection } from '../../shared/pairing/model'
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
  return { timeMs: clock.timeMs, playing: clock.playing, speed: clock.speed, selection: selectionOf(focus), recordingId: clock.artifactId }
}

/** A playing playhead this far from where the last sent playback predicts it means the driver jumped. */
export const JUMP_MS = 300

/**
 * Whether `next` tells followers something the last sent playback (sent `elapsedMs` ago) does not:
 * a new play state, speed or selection, a paused playhead moved more than `pausedMs` (by default
 * at all: a fine scrub or a step), or a playing one away from where playing on would have put it.
 */
export function playbackChanged(sent: Playback | null, elapsedMs: number, next: Playback, pausedMs = 0): boolean {
  if (!sent) return true
  if (sent.playing !== next.playing || sent.speed !== next.speed || sent.recordingId !== next.recordingId || !sameSelection(sent.selection, next.selection)) return true
  if (!sent.playing) return Math.abs(next.timeMs - sent.timeMs) > pausedMs
  return Math.abs(next.timeMs - (sent.timeMs + elapsedMs * sent.speed)) > JUMP_MS
}

/** Someone else in the room, as marks of their selection show them. */
export interface PeerMark {
  names: string
  color: string
}

/** The letter a mark shows: the first partner's initial. */
export const initialOf = (peer: PeerMark) => peer.names.slice(0, 1).toUpperCase()

/** What the others have selected: spans (by trace id and span id) and services, each with who. */
export interface PeerSelections {
  spans: ReadonlyMap<string, PeerMark>
  services: ReadonlyMap<string, PeerMark>
}

export const spanKey = (traceId: string, spanId: string) => `${traceId}:${spanId}`

/** The others' selections in `members` (all but `meId`); two on one place share a mark in the first one's color. */
export function peerSelections(members: readonly Member[], meId: string): PeerSelections {
  const spans = new Map<string, PeerMark>()
  const services = new Map<string, PeerMark>()
  const mark = (marks: Map<string, PeerMark>, key: string, member: Member) => {
    const shown = marks.get(key)
    marks.set(key, shown ? { ...shown, names: `${shown.names}, ${member.name}` } : { names: member.name, color: member.color })
  }
  for (const member of members) {
    if (member.id === meId) continue
    const { trace, spanId, service } = member.presence.selection
    if (trace && spanId) mark(spans, spanKey(trace.traceId, spanId), member)
    if (service) mark(services, service, member)
  }
  return { spans, services }
}

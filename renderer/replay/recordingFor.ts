import type { SessionArtifact } from '../panes/artifacts'

type Recording = Pick<SessionArtifact, 'id' | 'startMs' | 'endMs' | 'clockOffsetMs'>

const covers = (recording: Recording, timeMs: number) => timeMs >= recording.startMs + recording.clockOffsetMs && timeMs <= recording.endMs + recording.clockOffsetMs

/**
 * The recording a move of the replay to `timeMs` (incident clock) should show: the one asked for
 * by id (a followed driver's), else the one shown if it covers that moment, else the first that does.
 */
export function recordingFor<R extends Recording>(recordings: readonly R[], shown: R, move: { timeMs: number; recordingId?: number | null }): R {
  const asked = move.recordingId == null ? undefined : recordings.find((recording) => recording.id === move.recordingId)
  if (asked) return asked
  if (covers(shown, move.timeMs)) return shown
  return recordings.find((recording) => covers(recording, move.timeMs)) ?? shown
}

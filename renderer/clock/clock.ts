// The incident's shared clock: where the replay's playhead is, on the incident's clock (epoch ms,
// the recording's own times plus its clock offset), and whether it is moving. The replay pane
// writes it; other panes can follow it with useClock.

export interface ClockState {
  /** Epoch ms on the incident's clock; null before anything has set it. */
  timeMs: number | null
  playing: boolean
  speed: number
  /** The session artifact driving the clock. */
  artifactId: number | null
  /** Paused at the recording's very start, where it opens: the moment says nothing a finding would mean. */
  atStart: boolean
}

export const IDLE_CLOCK: ClockState = { timeMs: null, playing: false, speed: 1, artifactId: null, atStart: false }

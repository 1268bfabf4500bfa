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
}

export interface ClockStore {
  get(): ClockState
  set(patch: Partial<ClockState>): void
  subscribe(listener: () => void): () => void
}

export const IDLE_CLOCK: ClockState = { timeMs: null, playing: false, speed: 1, artifactId: null }

export function createClockStore(initial: ClockState = IDLE_CLOCK): ClockStore {
  let state = initial
  const listeners = new Set<() => void>()
  return {
    get: () => state,
    set(patch) {
      const next = { ...state, ...patch }
      if ((Object.keys(next) as Array<keyof ClockState>).every((key) => next[key] === state[key])) return
      state = next
      for (const listener of [...listeners]) listener()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

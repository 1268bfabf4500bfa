import { describe, expect, it } from 'vitest'
import { NO_SELECTION, type Playback } from '../../shared/pairing/model'
import { playbackChanged } from './selection'

const at = (timeMs: number, patch: Partial<Playback> = {}): Playback => ({ timeMs, playing: true, speed: 2, selection: NO_SELECTION, ...patch })

describe('when a driver tells followers', () => {
  it('stays quiet while the replay plays on as predicted', () => {
    expect(playbackChanged(at(1000), 500, at(2000))).toBe(false)
    expect(playbackChanged(at(1000, { playing: false }), 5000, at(1000, { playing: false }))).toBe(false)
  })

  it('speaks on a seek, a pause, a new speed or a new selection', () => {
    expect(playbackChanged(null, 0, at(1000))).toBe(true)
    expect(playbackChanged(at(1000), 500, at(9000))).toBe(true)
    // Paused, even a small move is one the follower must copy (its replay would show another moment).
    expect(playbackChanged(at(2680, { playing: false }), 900, at(2772, { playing: false }))).toBe(true)
    expect(playbackChanged(at(1000), 500, at(2000, { playing: false }))).toBe(true)
    expect(playbackChanged(at(1000), 0, at(1000, { speed: 4 }))).toBe(true)
    expect(playbackChanged(at(1000), 0, at(1000, { selection: { ...NO_SELECTION, spanId: 'abc' } }))).toBe(true)
  })
})

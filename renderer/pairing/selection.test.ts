import { describe, expect, it } from 'vitest'
import { type Member, NO_SELECTION, type Playback } from '../../shared/pairing/model'
import { peerSelections, playbackChanged, spanKey } from './selection'

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

  it('tells whether a replay taking up the room\'s playback is there, a paused one within a margin (a seek lands on a frame)', () => {
    const room = at(15_300, { playing: false })
    expect(playbackChanged(room, 400, at(5_100, { playing: false }), 300)).toBe(true)
    expect(playbackChanged(room, 400, at(15_296, { playing: false }), 300)).toBe(false)
  })
})

describe("the others' selections", () => {
  const member = (id: string, name: string, color: string, selection: Member['presence']['selection']): Member => ({
    id,
    name,
    color,
    role: 'guest',
    wantsControl: false,
    presence: { timeMs: 1000, playing: false, following: true, selection },
  })
  const trace = { traceId: 'a'.repeat(32), artifactId: 2 }

  it("mark the span and service each other member picked, never one's own, and name everyone on one place", () => {
    const members = [
      member('me', 'Ana', 'red', { trace, spanId: 'b'.repeat(16), service: 'checkout' }),
      member('bo', 'Bo', 'blue', { trace, spanId: 'b'.repeat(16), service: null }),
      member('cy', 'Cy', 'green', { trace, spanId: 'b'.repeat(16), service: 'payments' }),
      member('di', 'Di', 'gold', { trace: null, spanId: null, service: null }),
    ]
    const { spans, services } = peerSelections(members, 'me')
    expect([...spans]).toEqual([[spanKey(trace.traceId, 'b'.repeat(16)), { names: 'Bo, Cy', color: 'blue' }]])
    expect([...services]).toEqual([['payments', { names: 'Cy', color: 'green' }]])
  })
})

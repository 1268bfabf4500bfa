import { describe, expect, it } from 'vitest'
import { type ChunkInfo, chunkIndexAt, fetchRanges, planLoad, replayStartIn, snapshotIndexFor, windowFor } from './chunkPlan'

/** Chunks of 10 events, 1 s each from t=1000, opening on a recorded snapshot or a keyframe where the lists say. */
function chunks(count: number, snapshots: number[], eventCount = 10, keyframes: number[] = []): ChunkInfo[] {
  return Array.from({ length: count }, (_, seq) => ({
    seq,
    firstMs: 1000 + seq * 1000,
    lastMs: 1000 + seq * 1000 + 900,
    eventCount,
    startsWithFullSnapshot: snapshots.includes(seq) || keyframes.includes(seq),
    keyframe: keyframes.includes(seq),
  }))
}

describe('chunkIndexAt', () => {
  const list = chunks(5, [0])
  it('finds the chunk starting at or before the time', () => {
    expect(chunkIndexAt(list, 1000)).toBe(0)
    expect(chunkIndexAt(list, 1950)).toBe(0) // in the gap after chunk 0, before chunk 1
    expect(chunkIndexAt(list, 2000)).toBe(1)
    expect(chunkIndexAt(list, 4500)).toBe(3)
  })
  it('clamps to the first and last chunks', () => {
    expect(chunkIndexAt(list, 0)).toBe(0)
    expect(chunkIndexAt(list, 99_000)).toBe(4)
  })
})

describe('snapshotIndexFor', () => {
  it('is the last snapshot chunk at or before the chunk holding the time', () => {
    const list = chunks(6, [0, 3])
    expect(snapshotIndexFor(list, 1500)).toBe(0)
    expect(snapshotIndexFor(list, 3500)).toBe(0)
    expect(snapshotIndexFor(list, 4000)).toBe(3)
    expect(snapshotIndexFor(list, 6999)).toBe(3)
  })
  it('falls forward to the first snapshot when the time is before any', () => {
    expect(snapshotIndexFor(chunks(4, [2]), 1500)).toBe(2)
  })
  it('is -1 without any snapshot', () => {
    expect(snapshotIndexFor(chunks(3, []), 1500)).toBe(-1)
    expect(snapshotIndexFor([], 1500)).toBe(-1)
  })
})

describe('windowFor', () => {
  const list = chunks(8, [0, 4])
  it('runs from the snapshot chunk to the chunk holding the time', () => {
    expect(windowFor(list, 3500)).toEqual({ from: 0, to: 2 })
    expect(windowFor(list, 6200)).toEqual({ from: 4, to: 5 })
  })
  it('reaches ahead while playing', () => {
    expect(windowFor(list, 3500, 2000)).toEqual({ from: 0, to: 4 })
    expect(windowFor(list, 3500, 60_000)).toEqual({ from: 0, to: 7 })
  })
  it('widens until the replayer gets two events', () => {
    const single = chunks(4, [0], 1)
    expect(windowFor(single, 1000)).toEqual({ from: 0, to: 1 })
    const last = chunks(2, [1], 1)
    expect(windowFor(last, 9000)).toEqual({ from: 1, to: 1 }) // nothing more to add
  })
  it('is null when nothing can be shown', () => {
    expect(windowFor(chunks(3, []), 1500)).toBeNull()
  })
})

describe('planLoad', () => {
  it('builds a replayer when there is none', () => {
    expect(planLoad(null, { from: 0, to: 2 })).toEqual({ kind: 'rebuild', window: { from: 0, to: 2 } })
  })
  it('keeps the replayer for a time inside what it holds', () => {
    expect(planLoad({ from: 0, to: 5 }, { from: 0, to: 3 })).toEqual({ kind: 'extend', load: null })
    expect(planLoad({ from: 0, to: 5 }, { from: 4, to: 5 })).toEqual({ kind: 'extend', load: null })
  })
  it('adds the chunks after what it holds', () => {
    expect(planLoad({ from: 0, to: 2 }, { from: 0, to: 4 })).toEqual({ kind: 'extend', load: { from: 3, to: 4 } })
    // The next page's snapshot right after the loaded chunks: still contiguous.
    expect(planLoad({ from: 0, to: 2 }, { from: 3, to: 5 })).toEqual({ kind: 'extend', load: { from: 3, to: 5 } })
  })
  it('rebuilds for a time before its first snapshot', () => {
    expect(planLoad({ from: 4, to: 6 }, { from: 0, to: 1 })).toEqual({ kind: 'rebuild', window: { from: 0, to: 1 } })
  })
  it('rebuilds from the later snapshot rather than load a gap', () => {
    expect(planLoad({ from: 0, to: 2 }, { from: 6, to: 7 })).toEqual({ kind: 'rebuild', window: { from: 6, to: 7 } })
  })
  it('rebuilds when the replayer would hold too many chunks', () => {
    expect(planLoad({ from: 0, to: 9 }, { from: 8, to: 12 }, null, 10)).toEqual({ kind: 'rebuild', window: { from: 8, to: 12 } })
    expect(planLoad({ from: 0, to: 9 }, { from: 8, to: 9 }, null, 10)).toEqual({ kind: 'extend', load: null })
  })
  it('rebuilds from a keyframe that saves replaying two chunks or more, else keeps the replayer', () => {
    expect(planLoad({ from: 0, to: 9 }, { from: 7, to: 7 }, 2)).toEqual({ kind: 'rebuild', window: { from: 7, to: 7 } })
    expect(planLoad({ from: 0, to: 9 }, { from: 7, to: 7 }, 6)).toEqual({ kind: 'extend', load: null })
  })
})

describe('replayStartIn', () => {
  // Recorded snapshots at 0 and 6; keyframes at 2, 3 and 8 (rrweb never holds those).
  const list = chunks(10, [0, 6], 10, [2, 3, 8])
  const loaded = { from: 0, to: 9 }
  it('goes on from where the replayer is, to a later time', () => {
    expect(replayStartIn(list, loaded, 3500, 5500)).toBe(2)
    expect(replayStartIn(list, loaded, 3500, 3600)).toBe(2)
  })
  it('starts over from the last recorded snapshot it holds, to an earlier time or past one', () => {
    expect(replayStartIn(list, loaded, 6500, 5500)).toBe(0)
    expect(replayStartIn(list, loaded, 10_500, 10_400)).toBe(6)
    expect(replayStartIn(list, loaded, 3500, 10_500)).toBe(6)
    expect(replayStartIn(list, { from: 2, to: 5 }, 6500, 5500)).toBe(2)
  })
  it('starts from its first chunk when nothing is shown yet', () => {
    expect(replayStartIn(list, { from: 3, to: 5 }, null, 5500)).toBe(3)
  })
})

describe('fetchRanges', () => {
  it('fetches runs of consecutive missing seqs', () => {
    const have = new Set([2, 3, 7])
    expect(fetchRanges([0, 1, 2, 3, 4, 5, 6, 7, 8], (seq) => have.has(seq))).toEqual([
      { fromSeq: 0, toSeq: 1 },
      { fromSeq: 4, toSeq: 6 },
      { fromSeq: 8, toSeq: 8 },
    ])
  })
  it('asks for at most 64 chunks per call', () => {
    const seqs = Array.from({ length: 130 }, (_, i) => i)
    expect(fetchRanges(seqs, () => false)).toEqual([
      { fromSeq: 0, toSeq: 63 },
      { fromSeq: 64, toSeq: 127 },
      { fromSeq: 128, toSeq: 129 },
    ])
    expect(fetchRanges([0, 1, 2, 3, 4], () => false, 2)).toEqual([
      { fromSeq: 0, toSeq: 1 },
      { fromSeq: 2, toSeq: 3 },
      { fromSeq: 4, toSeq: 4 },
    ])
  })
  it('takes seqs in any order, once each', () => {
    expect(fetchRanges([5, 3, 4, 4, 9], () => false)).toEqual([
      { fromSeq: 3, toSeq: 5 },
      { fromSeq: 9, toSeq: 9 },
    ])
  })
  it('fetches nothing when everything is at hand', () => {
    expect(fetchRanges([0, 1], () => true)).toEqual([])
  })
})

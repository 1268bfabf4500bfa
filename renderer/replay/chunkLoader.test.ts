import { describe, expect, it } from 'vitest'
import { KEYFRAME_FLAG } from '../../shared/domain/model'
import { ChunkLoader, type FetchChunks } from './chunkLoader'
import type { ChunkInfo } from './chunkPlan'

const outline: ChunkInfo[] = Array.from({ length: 200 }, (_, seq) => ({
  seq,
  firstMs: seq * 100,
  lastMs: seq * 100 + 50,
  eventCount: 2,
  startsWithFullSnapshot: seq % 50 === 0,
  keyframe: false,
}))

const chunkText = (seq: number) => JSON.stringify([{ type: 3, timestamp: seq * 100, data: { seq } }, { type: 3, timestamp: seq * 100 + 50, data: { seq } }])

/** A fetch over `outline` recording the calls made. */
function fakeFetch(options: { failFirst?: boolean } = {}) {
  const calls: Array<[number, number]> = []
  let fail = options.failFirst ?? false
  const fetch: FetchChunks = async (fromSeq, toSeq) => {
    calls.push([fromSeq, toSeq])
    await new Promise((resolve) => setTimeout(resolve, 1))
    if (fail) {
      fail = false
      throw new Error('the connection to the Casefile host closed')
    }
    const rows = []
    for (let seq = fromSeq; seq <= toSeq; seq++) {
      rows.push({ seq, eventsJson: chunkText(seq) })
    }
    return rows
  }
  return { calls, fetch }
}

describe('ChunkLoader', () => {
  it('returns the events of a window chunk by chunk, in order, fetched in calls of at most 64 chunks', async () => {
    const { calls, fetch } = fakeFetch()
    const loader = new ChunkLoader(outline, fetch)
    const chunks = await loader.events({ from: 0, to: 99 })
    expect(chunks).toHaveLength(100)
    expect(chunks[7].map((event) => event.timestamp)).toEqual([700, 750])
    const events = chunks.flat()
    expect(events).toHaveLength(200)
    expect(events.map((event) => event.timestamp)).toEqual([...events.map((event) => event.timestamp)].sort((a, b) => a - b))
    expect(calls).toEqual([
      [0, 63],
      [64, 99],
    ])
  })

  it('fetches only what it does not hold', async () => {
    const { calls, fetch } = fakeFetch()
    const loader = new ChunkLoader(outline, fetch)
    await loader.events({ from: 10, to: 12 })
    await loader.events({ from: 8, to: 14 })
    expect(calls).toEqual([
      [10, 12],
      [8, 9],
      [13, 14],
    ])
  })

  it('shares one fetch between requests for the same chunks', async () => {
    const { calls, fetch } = fakeFetch()
    const loader = new ChunkLoader(outline, fetch)
    const [a, b] = await Promise.all([loader.events({ from: 0, to: 3 }), loader.events({ from: 2, to: 5 })])
    expect(a.flat()).toHaveLength(8)
    expect(b.flat()).toHaveLength(8)
    expect(calls).toEqual([
      [0, 3],
      [4, 5],
    ])
  })

  it('drops the least recently used chunks beyond its bound, and fetches them again when needed', async () => {
    const { calls, fetch } = fakeFetch()
    const fiveChunks = [3, 4, 5, 6, 7].reduce((sum, seq) => sum + chunkText(seq).length, 0)
    const loader = new ChunkLoader(outline, fetch, fiveChunks)
    await loader.events({ from: 0, to: 4 })
    await loader.events({ from: 5, to: 7 })
    expect(loader.cachedSeqs()).toEqual([3, 4, 5, 6, 7])
    await loader.events({ from: 0, to: 0 })
    expect(calls.at(-1)).toEqual([0, 0])
  })

  it('does not keep a failed fetch: the next request tries again', async () => {
    const { calls, fetch } = fakeFetch({ failFirst: true })
    const loader = new ChunkLoader(outline, fetch)
    await expect(loader.events({ from: 0, to: 1 })).rejects.toThrow('closed')
    await expect(loader.events({ from: 0, to: 1 })).resolves.toHaveLength(2)
    expect(calls).toEqual([
      [0, 1],
      [0, 1],
    ])
  })

  it("leaves a chunk's keyframe to a replayer built from that chunk", async () => {
    const keyframe = [
      { type: 4, timestamp: 500, data: { href: 'https://shop.example/', width: 800, height: 600 }, [KEYFRAME_FLAG]: true },
      { type: 2, timestamp: 500, data: { node: { type: 0, id: 1, childNodes: [] } }, [KEYFRAME_FLAG]: true },
    ]
    const recorded = (seq: number) => JSON.parse(chunkText(seq)) as unknown[]
    const loader = new ChunkLoader(outline, async (fromSeq, toSeq) =>
      Array.from({ length: toSeq - fromSeq + 1 }, (_, i) => ({ seq: fromSeq + i, eventsJson: JSON.stringify([...keyframe, ...recorded(fromSeq + i)]) })),
    )
    expect(await loader.opening({ from: 5, to: 6 })).toEqual([...keyframe, ...recorded(5), ...recorded(6)])
    expect(await loader.events({ from: 5, to: 6 })).toEqual([recorded(5), recorded(6)])
  })

  it('refuses a chunk that is not an array of events', async () => {
    const loader = new ChunkLoader(outline, async () => [{ seq: 0, eventsJson: '{"type":2}' }])
    await expect(loader.events({ from: 0, to: 0 })).rejects.toThrow('not an array')
  })
})

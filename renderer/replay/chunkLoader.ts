import type { eventWithTime } from 'rrweb'
import { type ChunkInfo, type ChunkWindow, fetchRanges } from './chunkPlan'
import { Lru } from './lru'

/** One `sessions.chunks` call: chunks `fromSeq` to `toSeq` inclusive, events as JSON array text. */
export type FetchChunks = (fromSeq: number, toSeq: number) => Promise<Array<{ seq: number; eventsJson: string }>>

/** Parsed events kept across seeks, counted in events. */
export const CACHE_EVENTS = 250_000

/**
 * Fetches and parses a recording's chunks on demand, keeping recently used ones parsed. Concurrent
 * requests for the same chunk share one fetch.
 */
export class ChunkLoader {
  private readonly cache: Lru<number, eventWithTime[]>
  private readonly inFlight = new Map<number, Promise<eventWithTime[]>>()

  constructor(
    readonly chunks: readonly ChunkInfo[],
    private readonly fetchChunks: FetchChunks,
    cacheEvents = CACHE_EVENTS,
  ) {
    this.cache = new Lru(cacheEvents, (events) => events.length)
  }

  /** The events of the chunks in `window`, in chunk order. */
  async events(window: ChunkWindow): Promise<eventWithTime[]> {
    const seqs = this.chunks.slice(window.from, window.to + 1).map((chunk) => chunk.seq)
    const ranges = fetchRanges(seqs, (seq) => this.cache.has(seq) || this.inFlight.has(seq))
    for (const range of ranges) this.startFetch(range.fromSeq, range.toSeq)
    const parts = await Promise.all(seqs.map((seq) => this.cache.get(seq) ?? this.inFlight.get(seq)!))
    return parts.flat()
  }

  /** Chunk seqs held parsed, least recently used first (for tests and diagnostics). */
  cachedSeqs(): number[] {
    return this.cache.keys()
  }

  private startFetch(fromSeq: number, toSeq: number): void {
    const request = this.fetchChunks(fromSeq, toSeq).then((rows) => {
      const bySeq = new Map(rows.map((row) => [row.seq, row.eventsJson]))
      const parsed = new Map<number, eventWithTime[]>()
      for (let seq = fromSeq; seq <= toSeq; seq++) {
        const text = bySeq.get(seq)
        if (text === undefined) throw new Error(`chunk ${seq} of the recording is missing`)
        const events: unknown = JSON.parse(text)
        if (!Array.isArray(events)) throw new Error(`chunk ${seq} of the recording is not an array of events`)
        parsed.set(seq, events as eventWithTime[])
      }
      return parsed
    })
    for (let seq = fromSeq; seq <= toSeq; seq++) {
      const one = request.then((parsed) => {
        const events = parsed.get(seq)!
        this.cache.set(seq, events)
        return events
      })
      this.inFlight.set(seq, one)
      // Settled either way: later requests read the cache, or fetch again after a failure.
      one.then(
        () => this.inFlight.delete(seq),
        () => this.inFlight.delete(seq),
      )
    }
  }
}

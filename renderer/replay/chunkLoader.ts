import type { eventWithTime } from 'rrweb'
import { KEYFRAME_FLAG, type SessionChunk } from '../../shared/domain/model'
import { type ChunkInfo, type ChunkWindow, fetchRanges } from './chunkPlan'
import { Lru } from './lru'
import { timeSlices } from './timeSlices'

/** One `sessions.chunks` call: chunks `fromSeq` to `toSeq` inclusive, events as JSON array text. */
export type FetchChunks = (fromSeq: number, toSeq: number) => Promise<SessionChunk[]>

/** Parsed chunks kept across seeks, counted in characters of their JSON (about what they take parsed, times a few). */
const CACHE_CHARS = 6 * 1024 * 1024

interface ParsedChunk {
  /** The events of the keyframe it opens on, if any: only a replayer built from this chunk takes them. */
  keyframe: eventWithTime[]
  /** The recorded events. */
  events: eventWithTime[]
  chars: number
}

/**
 * Fetches and parses a recording's chunks on demand, keeping recently used ones parsed. Concurrent
 * requests for the same chunk share one fetch.
 */
export class ChunkLoader {
  private readonly cache: Lru<number, ParsedChunk>
  private readonly inFlight = new Map<number, Promise<ParsedChunk>>()

  constructor(
    readonly chunks: readonly ChunkInfo[],
    private readonly fetchChunks: FetchChunks,
    cacheChars = CACHE_CHARS,
  ) {
    this.cache = new Lru(cacheChars, (chunk) => chunk.chars)
  }

  /** What a replayer built over `window` starts with: the first chunk's keyframe (if any), then the recorded events. */
  async opening(window: ChunkWindow): Promise<eventWithTime[]> {
    const parts = await this.load(window)
    return [...parts[0].keyframe, ...parts.flatMap((part) => part.events)]
  }

  /** The recorded events of each chunk in `window`, in chunk order (to add to a replayer holding the chunks before). */
  async events(window: ChunkWindow): Promise<eventWithTime[][]> {
    return (await this.load(window)).map((part) => part.events)
  }

  /** Chunk seqs held parsed, least recently used first (for tests and diagnostics). */
  cachedSeqs(): number[] {
    return this.cache.keys()
  }

  private load(window: ChunkWindow): Promise<ParsedChunk[]> {
    const seqs = this.chunks.slice(window.from, window.to + 1).map((chunk) => chunk.seq)
    const ranges = fetchRanges(seqs, (seq) => this.cache.has(seq) || this.inFlight.has(seq))
    for (const range of ranges) this.startFetch(range.fromSeq, range.toSeq)
    return Promise.all(seqs.map((seq) => this.cache.get(seq) ?? this.inFlight.get(seq)!))
  }

  private startFetch(fromSeq: number, toSeq: number): void {
    const request = this.fetchChunks(fromSeq, toSeq).then(async (rows) => {
      const bySeq = new Map(rows.map((row) => [row.seq, row.eventsJson]))
      const parsed = new Map<number, ParsedChunk>()
      const slice = timeSlices()
      for (let seq = fromSeq; seq <= toSeq; seq++) {
        await slice()
        const text = bySeq.get(seq)
        if (text === undefined) throw new Error(`chunk ${seq} of the recording is missing`)
        const events: unknown = JSON.parse(text)
        if (!Array.isArray(events)) throw new Error(`chunk ${seq} of the recording is not an array of events`)
        let keyframeEnd = 0
        while (keyframeEnd < events.length && (events[keyframeEnd] as Record<string, unknown>)?.[KEYFRAME_FLAG] === true) keyframeEnd++
        const keyframe = events.slice(0, keyframeEnd) as eventWithTime[]
        parsed.set(seq, { keyframe, events: keyframeEnd > 0 ? events.slice(keyframeEnd) : events, chars: text.length })
      }
      return parsed
    })
    for (let seq = fromSeq; seq <= toSeq; seq++) {
      const one = request.then((parsed) => {
        const chunk = parsed.get(seq)!
        this.cache.set(seq, chunk)
        return chunk
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

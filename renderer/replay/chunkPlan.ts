// Which stored chunks of a recording the replay needs, as pure functions of the outline.
//
// A recording is stored as consecutive chunks of events; chunks that open a page start with a
// full snapshot, and others may open on a keyframe (a snapshot built at import, see
// electron/import/keyframes). To show time T the replayer needs the last chunk opening on either
// at or before T and every chunk after it up to the one holding T (plus some ahead while
// playing). Indexes here are positions in the outline's `chunks` array (sorted by seq); `seq` is
// what the API takes.

import { MAX_CHUNKS_PER_CALL } from '../../shared/api/contract'
import type { SessionOutline } from '../../shared/domain/model'
import { lastAtOrBefore } from './lastAtOrBefore'

/** A chunk as the outline gives it. A replayer holds a keyframe only when built from its chunk. */
export type ChunkInfo = SessionOutline['chunks'][number]

/** A run of chunks, by index into the outline's chunks, both ends included. */
export interface ChunkWindow {
  from: number
  to: number
}

/** The chunk holding time `t`: the last one starting at or before it (the first one if `t` is earlier). */
export const chunkIndexAt = (chunks: readonly ChunkInfo[], t: number): number => Math.max(0, lastAtOrBefore(chunks, t, (chunk) => chunk.firstMs))

/**
 * The chunk a replay showing `t` starts from: the last one opening on a full snapshot at or before
 * the chunk holding `t`; before the first snapshot, the first snapshot chunk; -1 when the
 * recording has no full snapshot at all (nothing can be shown).
 */
export function snapshotIndexFor(chunks: readonly ChunkInfo[], t: number): number {
  if (chunks.length === 0) return -1
  for (let i = chunkIndexAt(chunks, t); i >= 0; i--) if (chunks[i].startsWithFullSnapshot) return i
  return chunks.findIndex((chunk) => chunk.startsWithFullSnapshot)
}

/**
 * The chunks needed to show `t`: from its snapshot chunk to the chunk holding `t + aheadMs`,
 * widened until it holds the two events a replayer needs at least. Null when nothing can be shown.
 */
export function windowFor(chunks: readonly ChunkInfo[], t: number, aheadMs = 0): ChunkWindow | null {
  const from = snapshotIndexFor(chunks, t)
  if (from < 0) return null
  let to = Math.max(from, chunkIndexAt(chunks, t + Math.max(0, aheadMs)))
  let events = 0
  for (let i = from; i <= to; i++) events += chunks[i].eventCount
  while (events < 2 && to < chunks.length - 1) events += chunks[++to].eventCount
  return { from, to }
}

export type LoadPlan =
  /** The replayer in place covers the snapshot needed: add `load` (if any) to it. */
  | { kind: 'extend'; load: ChunkWindow | null }
  /** Build a new replayer over `window`. */
  | { kind: 'rebuild'; window: ChunkWindow }

/** Most chunks one replayer holds before a seek starts a fresh one from the snapshot needed. */
const MAX_REPLAYER_CHUNKS = 256

/** A fresh replayer from a keyframe is worth it when it saves replaying at least this many chunks. */
const KEYFRAME_GAIN_CHUNKS = 2

/**
 * The chunk a replayer holding `loaded` and showing `shownMs` replays from to show `t`. rrweb
 * goes on from where it is to a later time and replays from its last full snapshot before an
 * earlier one; it holds the recorded snapshots of its chunks, never their keyframes.
 */
export function replayStartIn(chunks: readonly ChunkInfo[], loaded: ChunkWindow, shownMs: number | null, t: number): number {
  const start = shownMs !== null && t >= shownMs ? Math.max(loaded.from, chunkIndexAt(chunks, shownMs)) : loaded.from
  for (let i = Math.min(loaded.to, chunkIndexAt(chunks, t)); i > start; i--) if (chunks[i].startsWithFullSnapshot && !chunks[i].keyframe) return i
  return start
}

/**
 * How to get from what the replayer holds (`loaded`) to `needed`. The replayer is kept when it
 * already starts at or before the snapshot needed and nothing would be skipped between what it
 * holds and what is needed; otherwise (a seek before its start, a jump past a gap, too many
 * chunks) a new one is built from the snapshot chunk needed. `replayFrom` is given when that
 * chunk opens on a keyframe: where the replayer would start replaying (replayStartIn); a new one
 * is built too when the keyframe saves replaying at least KEYFRAME_GAIN_CHUNKS chunks.
 */
export function planLoad(loaded: ChunkWindow | null, needed: ChunkWindow, replayFrom: number | null = null, maxChunks = MAX_REPLAYER_CHUNKS): LoadPlan {
  if (!loaded) return { kind: 'rebuild', window: needed }
  if (needed.from < loaded.from || needed.from > loaded.to + 1) return { kind: 'rebuild', window: needed }
  if (replayFrom !== null && needed.from - replayFrom >= KEYFRAME_GAIN_CHUNKS) return { kind: 'rebuild', window: needed }
  const to = Math.max(loaded.to, needed.to)
  if (to - loaded.from + 1 > maxChunks) return { kind: 'rebuild', window: needed }
  return { kind: 'extend', load: needed.to > loaded.to ? { from: loaded.to + 1, to: needed.to } : null }
}

/**
 * The `sessions.chunks` calls that fetch the seqs in `seqs` not yet `have`: runs of consecutive
 * seqs, at most `max` each.
 */
export function fetchRanges(seqs: readonly number[], have: (seq: number) => boolean, max = MAX_CHUNKS_PER_CALL): Array<{ fromSeq: number; toSeq: number }> {
  const ranges: Array<{ fromSeq: number; toSeq: number }> = []
  let open: { fromSeq: number; toSeq: number } | null = null
  for (const seq of [...seqs].sort((a, b) => a - b)) {
    if (have(seq)) {
      open = null
      continue
    }
    if (open && seq === open.toSeq + 1 && seq - open.fromSeq < max) {
      open.toSeq = seq
    } else if (!open || seq !== open.toSeq) {
      open = { fromSeq: seq, toSeq: seq }
      ranges.push(open)
    }
  }
  return ranges
}

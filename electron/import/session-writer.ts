import type Database from 'better-sqlite3'
import type { SessionMarker } from '../../shared/domain/model'
import { EventType } from '@rrweb/types'
import type { RrwebEvent, SessionSink } from '../../shared/formats/rrweb'
import { ChunkStart } from '../store/sessions'
import { KeyframeBuilder } from './keyframes/keyframe-builder'

/**
 * A chunk closes after this many events or this much text, and before each page start (a Meta
 * event, or a full snapshot not preceded by one), so chunks holding a snapshot open on it. Small
 * chunks keep what a seek loads and replays past its snapshot or keyframe small.
 */
const CHUNK_EVENTS = 500
const CHUNK_CHARS = 128 * 1024

/**
 * Stores a recording in chunks of events (each a JSON array text) so the replay pane can load
 * the part around the playhead without parsing the whole recording. A chunk that does not open
 * a page can open on a keyframe (see keyframes/keyframe-builder.ts), so a seek there replays
 * from it rather than from the last recorded snapshot; one is written when it is no bigger than
 * the recorded events it saves replaying, which bounds what keyframes add to the store. The
 * caller holds the transaction.
 */
export class SessionWriter implements SessionSink {
  private readonly insertChunk: Database.Statement
  private readonly insertMarker: Database.Statement
  private seq = 0
  private parts: string[] = []
  /** Recorded events (and their text) in the open chunk, keyframe aside. */
  private recorded = 0
  private chars = 0
  private firstMs = 0
  private lastMs = 0
  private start: number = ChunkStart.None
  private lastType = -1
  private readonly keyframes = new KeyframeBuilder()
  /** Recorded text since the last full snapshot or keyframe: what a keyframe here saves replaying. */
  private charsSinceSnapshot = 0

  constructor(
    db: Database.Database,
    private readonly artifactId: number,
  ) {
    this.insertChunk = db.prepare(`INSERT INTO session_chunks
      (artifact_id, seq, first_ms, last_ms, event_count, starts_with_full_snapshot, events) VALUES (?, ?, ?, ?, ?, ?, ?)`)
    this.insertMarker = db.prepare(`INSERT INTO session_markers (artifact_id, kind, time_ms, label, level, failed, trace_id, span_id, duration_ms)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  }

  event(event: RrwebEvent, raw: string): void {
    const isFullSnapshot = event.type === EventType.FullSnapshot
    const pageStarts = event.type === EventType.Meta || (isFullSnapshot && this.lastType !== EventType.Meta)
    if (this.recorded > 0 && (pageStarts || this.recorded >= CHUNK_EVENTS || this.chars >= CHUNK_CHARS)) this.flush()
    if (this.recorded === 0) {
      this.firstMs = event.timestamp
      this.start = ChunkStart.None
      if (!pageStarts) this.openOnKeyframe(event.timestamp)
    }
    if (isFullSnapshot && this.recorded <= 1) this.start = ChunkStart.FullSnapshot
    this.lastType = event.type
    this.parts.push(raw)
    this.recorded++
    this.chars += raw.length
    this.lastMs = event.timestamp
    this.keyframes.apply(event)
    this.charsSinceSnapshot = isFullSnapshot ? 0 : this.charsSinceSnapshot + raw.length
  }

  private openOnKeyframe(timestamp: number): void {
    if (this.charsSinceSnapshot === 0) return
    const keyframe = this.keyframes.keyframe(timestamp)
    if (!keyframe || keyframe.reduce((sum, text) => sum + text.length, 0) > this.charsSinceSnapshot) return
    this.parts.push(...keyframe)
    this.start = ChunkStart.Keyframe
    this.charsSinceSnapshot = 0
  }

  marker(marker: SessionMarker): void {
    this.insertMarker.run(this.artifactId, marker.kind, marker.timeMs, marker.label, marker.level, marker.failed ? 1 : 0, marker.traceId, marker.spanId, marker.durationMs)
  }

  /** Writes the last open chunk. */
  flush(): void {
    if (this.recorded === 0) return
    this.insertChunk.run(this.artifactId, this.seq++, this.firstMs, this.lastMs, this.recorded, this.start, `[${this.parts.join(',')}]`)
    this.parts = []
    this.recorded = 0
    this.chars = 0
  }
}

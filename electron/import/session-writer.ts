import type Database from 'better-sqlite3'
import type { SessionMarker } from '../../shared/domain/model'
import { EventType, type RrwebEvent, type SessionSink } from '../../shared/formats/rrweb'

/**
 * A chunk closes after this many events or this much text, and before each page start (a Meta
 * event, or a full snapshot not preceded by one), so chunks holding a snapshot open on it.
 */
const CHUNK_EVENTS = 2000
const CHUNK_CHARS = 512 * 1024

/**
 * Stores a recording in chunks of events (each a JSON array text) so the replay pane can load
 * the part around the playhead without parsing the whole recording. The caller holds the
 * transaction.
 */
export class SessionWriter implements SessionSink {
  private readonly insertChunk: Database.Statement
  private readonly insertMarker: Database.Statement
  private seq = 0
  private parts: string[] = []
  private chars = 0
  private firstMs = 0
  private lastMs = 0
  private startsWithFullSnapshot = false
  private lastType = -1

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
    if (this.parts.length > 0 && (pageStarts || this.parts.length >= CHUNK_EVENTS || this.chars >= CHUNK_CHARS)) this.flush()
    if (this.parts.length === 0) {
      this.firstMs = event.timestamp
      this.startsWithFullSnapshot = false
    }
    if (isFullSnapshot && this.parts.length <= 1) this.startsWithFullSnapshot = true
    this.lastType = event.type
    this.parts.push(raw)
    this.chars += raw.length
    this.lastMs = event.timestamp
  }

  marker(marker: SessionMarker): void {
    this.insertMarker.run(this.artifactId, marker.kind, marker.timeMs, marker.label, marker.level, marker.failed ? 1 : 0, marker.traceId, marker.spanId, marker.durationMs)
  }

  /** Writes the last open chunk. */
  flush(): void {
    if (this.parts.length === 0) return
    this.insertChunk.run(
      this.artifactId,
      this.seq++,
      this.firstMs,
      this.lastMs,
      this.parts.length,
      this.startsWithFullSnapshot ? 1 : 0,
      `[${this.parts.join(',')}]`,
    )
    this.parts = []
    this.chars = 0
  }
}

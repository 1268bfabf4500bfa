import type Database from 'better-sqlite3'
import { createRrwebReader, type RrwebEvent, type RrwebLayout, type SessionReader, type SessionSink, type SessionStats } from '../../shared/formats/rrweb'
import type { FileReader, ImportedFile } from './file-reader'
import { writeIdle } from '../store/sessions'
import { SessionWriter } from './session-writer'

// A recording is stored in time order, as replayers play it. A file holding its events out of
// order (segments joined in the wrong order, tabs whose clocks disagree) is noticed at its first
// step back in time and read again whole, sorted.

/** Thrown by `sessionReader` at the first event earlier than the one before it. */
export class EventsOutOfOrder extends Error {
  constructor() {
    super('the recording is not in time order')
    this.name = 'EventsOutOfOrder'
  }
}

/** Which recording of a file to read: its layout, and for a PostHog export of several browser windows, which window (from 0). */
export interface RecordingInFile {
  layout: RrwebLayout
  browserWindow: number
}

/** Reads a recording in one pass, storing it as it comes; throws EventsOutOfOrder if it must be sorted first. */
export function sessionReader(db: Database.Database, artifactId: number, fileName: string, recording: RecordingInFile): FileReader<ImportedFile> {
  const writer = new SessionWriter(db, artifactId)
  let lastMs = -Infinity
  const inOrder: SessionSink = {
    event(event, raw) {
      if (event.timestamp < lastMs) throw new EventsOutOfOrder()
      lastMs = event.timestamp
      writer.event(event, raw)
    },
    marker: (marker) => writer.marker(marker),
  }
  const reader = createRrwebReader(inOrder, recording.layout, recording.browserWindow)
  return { handlers: reader, finish: () => finishSession(db, artifactId, fileName, writer, reader, recording.browserWindow) }
}

/** Reads a whole recording into memory, then stores it sorted by time (events of one moment keep their order). */
export function sortedSessionReader(db: Database.Database, artifactId: number, fileName: string, recording: RecordingInFile): FileReader<ImportedFile> {
  const events: Array<{ event: RrwebEvent; raw: string }> = []
  const collector = createRrwebReader({ event: (event, raw) => events.push({ event, raw }), marker: () => {} }, recording.layout, recording.browserWindow)
  return {
    handlers: collector,
    finish() {
      // The first pass alone saw the file's browser windows.
      const { browserWindows } = collector.finish()
      events.sort((a, b) => a.event.timestamp - b.event.timestamp)
      const writer = new SessionWriter(db, artifactId)
      const reader = createRrwebReader(writer, 'lines')
      events.forEach(({ event, raw }, line) => reader.value([line], event, raw))
      return finishSession(db, artifactId, fileName, writer, reader, recording.browserWindow, browserWindows)
    },
  }
}

/** Removes what a first pass stored of a recording, before it is read again. */
export function clearSession(db: Database.Database, artifactId: number): void {
  db.prepare('DELETE FROM session_chunks WHERE artifact_id = ?').run(artifactId)
  db.prepare('DELETE FROM session_markers WHERE artifact_id = ?').run(artifactId)
}

function finishSession(
  db: Database.Database,
  artifactId: number,
  fileName: string,
  writer: SessionWriter,
  reader: SessionReader,
  browserWindow: number,
  windowsInFirstPass?: SessionStats['browserWindows'],
): ImportedFile {
  writer.flush()
  const stats = reader.finish()
  const windows = windowsInFirstPass ?? stats.browserWindows
  const insertTraceId = db.prepare('INSERT OR IGNORE INTO session_trace_ids (artifact_id, trace_id) VALUES (?, ?)')
  for (const traceId of stats.traceIds) insertTraceId.run(artifactId, traceId)
  writeIdle(db, artifactId, stats.idle)
  // A request that started before the recording did (the page's own load, in a product's network
  // capture) is marked at the recording's start, where the scrubber can show it.
  db.prepare('UPDATE session_markers SET time_ms = min(max(time_ms, ?), ?) WHERE artifact_id = ?').run(stats.firstMs, stats.lastMs, artifactId)
  return {
    startMs: stats.firstMs,
    endMs: stats.lastMs,
    summary: {
      kind: 'session',
      format: 'rrweb',
      file: fileName,
      events: stats.events,
      durationMs: stats.lastMs - stats.firstMs,
      markers: stats.markers,
      traceIds: stats.traceIds,
      ...(windows ? { browserWindow: { index: browserWindow + 1, of: windows } } : {}),
    },
  }
}

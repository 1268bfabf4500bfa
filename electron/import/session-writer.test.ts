import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Workspace } from '../store/workspace'
import { ChunkStart, sessionOutline } from '../store/sessions'
import { tempDir } from '../test-support/temp'
import { importFiles } from './import-files'
import { KEYFRAME_FLAG } from '../../shared/domain/model'
import type { SerializedNode } from './keyframes/serialized-dom'

interface Event {
  type: number
  timestamp: number
  data: Record<string, unknown>
  [KEYFRAME_FLAG]?: boolean
}

/** A page with `rows` list items, then `changes` text changes of the first item, 10 ms apart (each padded to ~`pad` characters). */
function recording(rows: number, changes: number, pad: number): Event[] {
  const items: SerializedNode[] = Array.from({ length: rows }, (_, i) => ({
    type: 2,
    id: 10 + 2 * i,
    tagName: 'li',
    attributes: {},
    childNodes: [{ type: 3, id: 11 + 2 * i, textContent: `item ${i}` }],
  }))
  const root: SerializedNode = {
    type: 0,
    id: 1,
    childNodes: [{ type: 2, id: 2, tagName: 'html', attributes: {}, childNodes: [{ type: 2, id: 3, tagName: 'body', attributes: {}, childNodes: [{ type: 2, id: 4, tagName: 'ul', attributes: {}, childNodes: items }] }] }],
  }
  const events: Event[] = [
    { type: 4, timestamp: 1_000, data: { href: 'https://shop.example/', width: 1280, height: 800 } },
    { type: 2, timestamp: 1_000, data: { node: root, initialOffset: { left: 0, top: 0 } } },
  ]
  for (let n = 1; n <= changes; n++) {
    events.push({ type: 3, timestamp: 1_000 + 10 * n, data: { source: 0, adds: [], removes: [], attributes: [], texts: [{ id: 11, value: `change ${n} `.padEnd(pad, '.') }] } })
  }
  return events
}

function importRecording(events: Event[]) {
  const dir = tempDir()
  const file = join(dir, 'long.json')
  writeFileSync(file, JSON.stringify(events))
  const workspace = Workspace.open(join(dir, 'w.sqlite'))
  const [artifact] = importFiles(workspace, { title: 'long' }, [{ path: file, name: 'long.json' }]).artifacts
  const chunks = workspace.db.prepare('SELECT seq, event_count AS count, starts_with_full_snapshot AS start, events FROM session_chunks ORDER BY seq').all() as Array<{
    seq: number
    count: number
    start: number
    events: string
  }>
  return { workspace, artifactId: workspace.db.prepare('SELECT id FROM artifacts').pluck().get() as number, artifact, chunks: chunks.map((chunk) => ({ ...chunk, events: JSON.parse(chunk.events) as Event[] })) }
}

const firstItemText = (keyframe: Event[]) => {
  let node = (keyframe[1].data as { node: SerializedNode }).node
  for (const index of [0, 0, 0, 0, 0]) node = node.childNodes![index]
  return node.textContent
}

describe('SessionWriter keyframes', () => {
  it('opens chunks after the first on a keyframe of the page at that moment, kept apart from the recorded events', () => {
    const events = recording(20, 5_000, 100)
    const { workspace, artifactId, chunks } = importRecording(events)
    // A small page: a keyframe costs less than any chunk of changes, so every chunk after the first opens on one.
    expect(chunks.length).toBeGreaterThan(2)
    expect(chunks.map((chunk) => chunk.start)).toEqual([ChunkStart.FullSnapshot, ...chunks.slice(1).map(() => ChunkStart.Keyframe)])
    for (const chunk of chunks.slice(1)) {
      const keyframe = chunk.events.filter((event) => event[KEYFRAME_FLAG])
      const recorded = chunk.events.filter((event) => !event[KEYFRAME_FLAG])
      expect(chunk.events.slice(0, keyframe.length)).toEqual(keyframe)
      expect(keyframe.map((event) => [event.type, event.timestamp])).toEqual([
        [4, recorded[0].timestamp],
        [2, recorded[0].timestamp],
      ])
      // The page as the last change before the chunk left it.
      const before = events[events.indexOf(events.find((event) => event.timestamp === recorded[0].timestamp)!) - 1]
      expect(firstItemText(keyframe)).toBe((before.data.texts as Array<{ value: string }>)[0].value)
      expect(chunk.count).toBe(recorded.length)
    }
    // The recorded events, each once and in order; the outline says which chunks open on what.
    expect(chunks.flatMap((chunk) => chunk.events.filter((event) => !event[KEYFRAME_FLAG]))).toEqual(events)
    const outline = sessionOutline(workspace.db, artifactId)
    expect(outline.events).toBe(events.length)
    expect(outline.chunks.map((chunk) => [chunk.startsWithFullSnapshot, chunk.keyframe])).toEqual([[true, false], ...chunks.slice(1).map(() => [true, true])])
  })

  it('writes no keyframe bigger than the recorded events it saves replaying', () => {
    // A large page and small changes: only after several chunks do the changes outweigh a snapshot.
    const events = recording(4_000, 5_000, 20)
    const { chunks } = importRecording(events)
    const starts = chunks.map((chunk) => chunk.start)
    const first = starts.indexOf(ChunkStart.Keyframe)
    expect(starts.slice(0, 2)).toEqual([ChunkStart.FullSnapshot, ChunkStart.None])
    expect(first).toBeGreaterThan(1)
    const keyframeChars = chunks[first].events.filter((event) => event[KEYFRAME_FLAG]).reduce((sum, event) => sum + JSON.stringify(event).length + 1, 0)
    const recordedBefore = (index: number) => chunks.slice(0, index).reduce((sum, chunk) => sum + chunk.count, 0)
    const sinceSnapshotChars = (end: number) => events.slice(2, end).reduce((sum, event) => sum + JSON.stringify(event).length, 0)
    expect(keyframeChars).toBeLessThanOrEqual(sinceSnapshotChars(recordedBefore(first)))
    expect(keyframeChars).toBeGreaterThan(sinceSnapshotChars(recordedBefore(first - 1)))
  })
})

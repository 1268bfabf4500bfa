import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SessionSummary, TraceSummary } from '../../shared/domain/model'
import { sessionOutline } from '../store/sessions'
import { Workspace } from '../store/workspace'
import { tempDir } from '../test-support/temp'
import { writeLargeOtlp } from '../../e2e/fixtures/generate/large-otlp'
import { type FileProgress, ImportError, importFiles } from './import-files'
import { DETECT_HEAD_BYTES } from '../../shared/formats/detect'
import { KEYFRAME_FLAG } from '../../shared/domain/model'

const data = join(import.meta.dirname, '..', '..', 'e2e', 'fixtures', 'data')
const fixture = (name: string) => ({ path: join(data, name), name })

function workspace() {
  const ws = Workspace.open(join(tempDir(), 'w.sqlite'))
  return ws
}

const countRows = (ws: Workspace) =>
  Object.fromEntries(
    ['incidents', 'artifacts', 'spans', 'resources', 'session_chunks', 'session_markers', 'session_trace_ids'].map((table) => [
      table,
      ws.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(),
    ]),
  )

interface SpanRow {
  trace_id: string
  span_id: string
  parent_span_id: string | null
  service: string
  name: string
  kind: string
  status: string
  start_ns: bigint
  end_ns: bigint
}

const spans = (ws: Workspace): SpanRow[] =>
  ws.db
    .prepare('SELECT trace_id, span_id, parent_span_id, service, name, kind, status, start_ns, end_ns FROM spans ORDER BY trace_id, span_id')
    .safeIntegers(true)
    .all() as SpanRow[]

describe('importing the real-tool fixtures', () => {
  it('reads the OTLP/JSON the OpenTelemetry SDK wrote', () => {
    const ws = workspace()
    const result = importFiles(ws, { title: 'checkout' }, [fixture('checkout.otlp.json')])
    const trace = result.artifacts[0] as TraceSummary
    expect(trace).toMatchObject({ kind: 'trace', format: 'otlp', file: 'checkout.otlp.json' })
    expect(trace.services).toEqual(expect.arrayContaining(['api-gateway', 'checkout-service', 'payment-service']))
    expect(trace.services).toEqual([...trace.services].sort())
    expect(trace.errorSpans).toBeGreaterThan(0)
    expect(trace.traces).toBeGreaterThanOrEqual(2)
    expect(BigInt(trace.endUnixNano)).toBeGreaterThan(BigInt(trace.startUnixNano))
    // Every parent a span names is a span of the same trace (the browser's span is the root's parent).
    const rows = spans(ws)
    const ids = new Set(rows.map((row) => `${row.trace_id}/${row.span_id}`))
    const dangling = rows.filter((row) => row.parent_span_id && !ids.has(`${row.trace_id}/${row.parent_span_id}`))
    expect(dangling.length).toBeLessThanOrEqual(trace.traces)
  })

  it('gives the same spans, services, error flags and parent links from OTLP, Zipkin and Jaeger', () => {
    const shape = (file: string) => {
      const ws = workspace()
      importFiles(ws, { title: file }, [fixture(file)])
      return spans(ws).map(({ trace_id, span_id, parent_span_id, service, status, start_ns, end_ns, kind }) => ({
        trace_id,
        span_id,
        parent_span_id,
        service,
        error: status === 'error',
        kind,
        // Zipkin and Jaeger carry microseconds (the SDK's exporters round to the nearest).
        start_us: (start_ns + 500n) / 1000n,
        end_us: (end_ns + 500n) / 1000n,
      }))
    }
    const otlp = shape('checkout.otlp.json')
    expect(otlp.length).toBeGreaterThan(5)
    expect(shape('checkout.zipkin.json')).toEqual(otlp)
    expect(shape('checkout.jaeger.json')).toEqual(otlp)
  })

  it.each(['checkout.otlp.jsonl', 'checkout.otlp-base64.json', 'checkout.otlp-legacy.json'])('reads the OTLP variant %s as the same spans', (file) => {
    const reference = workspace()
    importFiles(reference, { title: 'ref' }, [fixture('checkout.otlp.json')])
    const variant = workspace()
    const [summary] = importFiles(variant, { title: 'variant' }, [fixture(file)]).artifacts as TraceSummary[]
    expect(summary.format).toBe('otlp')
    expect(spans(variant)).toEqual(spans(reference))
  })

  it.each(['checkout-session.rrweb.json', 'checkout-session.rrweb.ndjson', 'checkout-session.object.json'])('reads the recorded session %s with its markers and trace ids', (file) => {
    const ws = workspace()
    const [session] = importFiles(ws, { title: 'session' }, [fixture(file)]).artifacts as SessionSummary[]
    expect(session).toMatchObject({ kind: 'session', format: 'rrweb', file })
    expect(session.events).toBeGreaterThan(20)
    expect(session.durationMs).toBeGreaterThan(0)
    expect(session.markers.clicks).toBeGreaterThan(0)
    expect(session.markers.navigations).toBeGreaterThanOrEqual(2)
    expect(session.markers.consoleErrors).toBeGreaterThanOrEqual(1)
    expect(session.markers.custom).toBeGreaterThanOrEqual(2)
    // The session carries the ids of the traces of its requests.
    const traces = workspace()
    importFiles(traces, { title: 'traces' }, [fixture('checkout.otlp.json')])
    const traceIds = traces.db.prepare('SELECT DISTINCT trace_id FROM spans').pluck().all()
    expect(session.traceIds.length).toBeGreaterThanOrEqual(2)
    for (const traceId of session.traceIds) expect(traceIds).toContain(traceId)
    // Stored in chunks that hold every event once, in order.
    const chunks = ws.db.prepare('SELECT events, event_count FROM session_chunks ORDER BY seq').all() as Array<{ events: string; event_count: number }>
    const events = chunks.flatMap((chunk) => JSON.parse(chunk.events) as Array<{ timestamp: number }>)
    expect(events).toHaveLength(session.events)
    expect(chunks.reduce((sum, chunk) => sum + chunk.event_count, 0)).toBe(session.events)
    const errorMarker = ws.db.prepare("SELECT label FROM session_markers WHERE kind = 'console' AND level = 'error'").pluck().get()
    expect(errorMarker).toMatch(/Checkout failed/)
    // The failed checkout request is marked as failed; the cart request is not.
    const requests = ws.db.prepare("SELECT label, failed FROM session_markers WHERE kind = 'request' ORDER BY time_ms").all() as Array<{ label: string; failed: number }>
    expect(requests.map((request) => request.failed)).toEqual([0, 1])
    expect(requests[1].label).toMatch(/POST \/api\/checkout → 502/)
  })

  it('reads a recording whose events were compressed by @rrweb/packer', async () => {
    const { pack } = await import('@rrweb/packer')
    const events = JSON.parse(readFileSync(join(data, 'checkout-session.rrweb.json'), 'utf8')) as Parameters<typeof pack>[0][]
    const file = join(tempDir(), 'packed.json')
    writeFileSync(file, JSON.stringify(events.map((event) => pack(event))))
    const plain = workspace()
    const [expected] = importFiles(plain, { title: 'plain' }, [fixture('checkout-session.rrweb.json')]).artifacts as SessionSummary[]
    const packed = workspace()
    const [summary] = importFiles(packed, { title: 'packed' }, [{ path: file, name: 'packed.json' }]).artifacts as SessionSummary[]
    expect(summary).toEqual({ ...expected, file: 'packed.json' })
    const firstChunk = JSON.parse(packed.db.prepare('SELECT events FROM session_chunks ORDER BY seq').pluck().get() as string)
    expect(firstChunk[0]).toMatchObject({ type: events[0].type, timestamp: events[0].timestamp })
  })

  it('reads packed events one per line, as a recorder streaming to a log writes them', async () => {
    const { pack } = await import('@rrweb/packer')
    const events = JSON.parse(readFileSync(join(data, 'checkout-session.rrweb.json'), 'utf8')) as Parameters<typeof pack>[0][]
    const file = join(tempDir(), 'packed.ndjson')
    writeFileSync(file, events.map((event) => JSON.stringify(pack(event))).join('\n'))
    const [expected] = importFiles(workspace(), { title: 'plain' }, [fixture('checkout-session.rrweb.json')]).artifacts as SessionSummary[]
    const [summary] = importFiles(workspace(), { title: 'packed' }, [{ path: file, name: 'packed.ndjson' }]).artifacts as SessionSummary[]
    expect(summary).toEqual({ ...expected, file: 'packed.ndjson' })
  })

  it('recognizes a recording whose telling keys come after a first event bigger than the usual look ahead', () => {
    // Keys in alphabetical order (as Go or Python's sort_keys write them) put "type" after the
    // snapshot's data; here the first event is a full snapshot of a big page.
    const events = JSON.parse(readFileSync(join(data, 'checkout-session.rrweb.json'), 'utf8')) as Array<{ type: number; timestamp: number; data: unknown }>
    const snapshot = events.find((event) => event.type === 2)!
    const padding = { id: 999_999, type: 3, textContent: 'x'.repeat(DETECT_HEAD_BYTES) }
    const big = { data: { ...(snapshot.data as object), padding }, timestamp: events[0].timestamp, type: 2 }
    const file = join(tempDir(), 'sorted-keys.json')
    const sorted = (event: { type: number; timestamp: number; data: unknown }) => ({ data: event.data, timestamp: event.timestamp, type: event.type })
    writeFileSync(file, JSON.stringify([big, ...events.map(sorted)]))
    const [summary] = importFiles(workspace(), { title: 'sorted' }, [{ path: file, name: 'sorted-keys.json' }]).artifacts as SessionSummary[]
    expect(summary).toMatchObject({ kind: 'session', events: events.length + 1 })
  })

  it('stores a recording whose pages were joined in the wrong order in time order, as a replayer plays it', () => {
    const events = JSON.parse(readFileSync(join(data, 'checkout-session.rrweb.json'), 'utf8')) as Array<{ type: number; timestamp: number }>
    const secondPage = events.findLastIndex((event) => event.type === 4)
    const file = join(tempDir(), 'swapped.json')
    writeFileSync(file, JSON.stringify([...events.slice(secondPage), ...events.slice(0, secondPage)]))
    const plain = workspace()
    const [expected] = importFiles(plain, { title: 'plain' }, [fixture('checkout-session.rrweb.json')]).artifacts as SessionSummary[]
    const swapped = workspace()
    const [summary] = importFiles(swapped, { title: 'swapped' }, [{ path: file, name: 'swapped.json' }]).artifacts as SessionSummary[]
    expect(summary).toEqual({ ...expected, file: 'swapped.json' })
    const chunks = swapped.db.prepare('SELECT events FROM session_chunks ORDER BY seq').pluck().all() as string[]
    const stored = chunks.flatMap((chunk) => JSON.parse(chunk) as Array<Record<string, unknown>>).filter((event) => !event[KEYFRAME_FLAG])
    expect(stored).toEqual(events)
    const markers = (ws: Workspace) => ws.db.prepare('SELECT kind, time_ms, label FROM session_markers ORDER BY time_ms, kind, label').all()
    expect(markers(swapped)).toEqual(markers(plain))
  })

  it('keeps the idle stretches of a recording: none in a busy one, the wait for the next page in a slow one', () => {
    const events = JSON.parse(readFileSync(join(data, 'checkout-session.rrweb.json'), 'utf8')) as Array<{ type: number; timestamp: number }>
    const secondPage = events.findLastIndex((event) => event.type === 4)
    const file = join(tempDir(), 'slow.json')
    writeFileSync(file, JSON.stringify(events.map((event, index) => (index >= secondPage ? { ...event, timestamp: event.timestamp + 40_000 } : event))))
    const ws = workspace()
    importFiles(ws, { title: 'busy' }, [fixture('checkout-session.rrweb.json')])
    importFiles(ws, { title: 'slow' }, [{ path: file, name: 'slow.json' }])
    const idle = (artifactId: number) => sessionOutline(ws.db, artifactId).idle
    expect(idle(1)).toEqual([])
    const [wait] = idle(2)
    expect(idle(2)).toHaveLength(1)
    expect(wait.toMs).toBe(events[secondPage].timestamp + 40_000)
    expect(wait.toMs - wait.fromMs).toBeGreaterThan(40_000)
  })

  it.each([
    ['Sentry', 'checkout-session.sentry-segments.json', (file: unknown) => (file as unknown[][]).flat().length],
    ['PostHog', 'checkout-session.posthog-export.json', (file: unknown) => (file as { data: { snapshots: unknown[] } }).data.snapshots.length],
  ])('reads a recording as %s exports it, with its failed request and console error marked on its own clock', (_product, name, eventsIn) => {
    const ws = workspace()
    const [summary] = importFiles(ws, { title: name }, [fixture(name)]).artifacts as SessionSummary[]
    expect(summary.events).toBe(eventsIn(JSON.parse(readFileSync(join(data, name), 'utf8'))))
    // Sentry writes some times in seconds, PostHog some relative to the page: all are on one clock here.
    expect(Number.isInteger(summary.durationMs)).toBe(true)
    expect(summary.durationMs).toBeGreaterThan(5_000)
    expect(summary.durationMs).toBeLessThan(60_000)
    const { startMs, endMs, markers } = sessionOutline(ws.db, 1)
    expect(markers.every((marker) => marker.timeMs >= startMs && marker.timeMs <= endMs)).toBe(true)
    expect(markers.filter((marker) => marker.failed).map((marker) => marker.label)).toContainEqual(expect.stringMatching(/\/api\/checkout → 502/))
    expect(markers.filter((marker) => marker.kind === 'console' && marker.level === 'error').map((marker) => marker.label)).toEqual([expect.stringMatching(/^Checkout failed: 502/)])
    // Stored as rrweb writes events (PostHog's recorder gzips full snapshots and mutations).
    const stored = (ws.db.prepare('SELECT events FROM session_chunks').pluck().all() as string[]).flatMap((chunk) => JSON.parse(chunk) as Array<{ type: number; data: { node?: unknown } }>)
    expect(stored.filter((event) => event.type === 2).every((event) => typeof event.data.node === 'object')).toBe(true)
    // The products' own bookkeeping (Sentry's ui.* and memory frames, PostHog's $ events) is left out.
    expect(markers.filter((marker) => marker.kind === 'custom').map((marker) => marker.label)).not.toContainEqual(expect.stringMatching(/^(ui\.|memory|\$)/))
  })

  it("lists each request of a PostHog recording once, with the page's trace context, and leaves out PostHog's own calls", () => {
    const ws = workspace()
    importFiles(ws, { title: 'posthog' }, [fixture('checkout-session.posthog-export.json')])
    const requests = sessionOutline(ws.db, 1).markers.filter((marker) => marker.kind === 'request')
    const labels = requests.map((marker) => marker.label)
    // PostHog's network entry and the page's own log line of the failing checkout are one marker, which links to its trace.
    expect(requests.filter((marker) => marker.label.includes('/api/checkout'))).toEqual([
      expect.objectContaining({ failed: true, traceId: expect.stringMatching(/^[0-9a-f]{32}$/), durationMs: expect.any(Number) }),
    ])
    expect(labels.filter((label) => label.includes('/api/cart'))).toHaveLength(1)
    // Its config and flag calls (to its api_host, here the shop's /ph) are PostHog's, not the page's.
    expect(labels.filter((label) => label.includes('/ph/'))).toEqual([])
    // The pages' own loads stay, written as paths on the page's own origin.
    expect(labels).toContainEqual('NAVIGATION /cart → 200')
  })

  it('imports each browser window of a PostHog session as a recording of its own, named by its window', () => {
    const exported = JSON.parse(readFileSync(join(data, 'checkout-session.posthog-export.json'), 'utf8')) as { data: { snapshots: Array<{ windowId: string; timestamp: number }> } }
    const { snapshots } = exported.data
    // A shorter visit in a second tab, a second later: one timeline would mix two pages' DOMs. Its
    // events come last and newest first, so that window is read again sorted.
    const secondTab = snapshots.slice(0, 40).map((event) => ({ ...event, windowId: 'second-tab', timestamp: event.timestamp + 1000 }))
    const file = join(tempDir(), 'two-tabs.json')
    writeFileSync(file, JSON.stringify({ ...exported, data: { ...exported.data, snapshots: [...snapshots, ...secondTab.reverse()] } }))
    const ws = workspace()
    const [single, ...more] = importFiles(ws, { title: 'one' }, [fixture('checkout-session.posthog-export.json')]).artifacts as SessionSummary[]
    expect(more).toEqual([])
    expect(single.browserWindow).toBeUndefined()
    const twoTabs = importFiles(ws, { title: 'two' }, [{ path: file, name: 'two-tabs.json' }])
    const [first, second] = twoTabs.artifacts as SessionSummary[]
    expect(twoTabs.artifacts).toHaveLength(2)
    expect(first).toMatchObject({ file: 'two-tabs.json', events: single.events, durationMs: single.durationMs, markers: single.markers, browserWindow: { index: 1, of: 2 } })
    expect(second).toMatchObject({ file: 'two-tabs.json', events: secondTab.length, browserWindow: { index: 2, of: 2 } })
    const recordings = ws.incidentView(twoTabs.incident.id).artifacts
    expect(recordings[1].startMs - recordings[0].startMs).toBe(1000)
    // The file again adds nothing, and says what it holds.
    expect(importFiles(ws, { title: 'two' }, [{ path: file, name: 'two-tabs.json' }]).artifacts).toEqual(twoTabs.artifacts)
    expect(ws.incidentView(twoTabs.incident.id).artifacts).toHaveLength(2)
  })

  it('does not count rrweb checkouts (a repeated Meta and full snapshot) as navigations', () => {
    const events = JSON.parse(readFileSync(join(data, 'checkout-session.rrweb.json'), 'utf8')) as Array<{ type: number; timestamp: number }>
    const lastMeta = events.findLastIndex((event) => event.type === 4)
    const checkout = [events[lastMeta], events[lastMeta + 1]].map((event) => ({ ...event, timestamp: events.at(-1)!.timestamp + 1 }))
    const file = join(tempDir(), 'with-checkout.json')
    writeFileSync(file, JSON.stringify([...events, ...checkout]))
    const ws = workspace()
    const [plain] = importFiles(ws, { title: 'a' }, [fixture('checkout-session.rrweb.json')]).artifacts as SessionSummary[]
    const [withCheckout] = importFiles(ws, { title: 'b' }, [{ path: file, name: 'with-checkout.json' }]).artifacts as SessionSummary[]
    expect(withCheckout.markers).toEqual(plain.markers)
    expect(withCheckout.events).toBe(plain.events + 2)
  })

  it('imports several files into one incident, matched by title', () => {
    const ws = workspace()
    const first = importFiles(ws, { title: 'Checkout 502' }, [fixture('checkout-session.rrweb.json')])
    const second = importFiles(ws, { title: 'Checkout 502' }, [fixture('checkout.zipkin.json'), fixture('checkout.jaeger.json')])
    expect(second.incident).toEqual(first.incident)
    expect(second.artifacts.map((artifact) => artifact.kind)).toEqual(['trace', 'trace'])
    expect(ws.incidentView(first.incident.id).artifacts).toHaveLength(3)
  })
})

describe('large files', () => {
  it('stream in chunks, with progress, to the same counts the generator wrote', async () => {
    const file = join(tempDir(), 'large.otlp.json')
    const { bytes, spans: written } = await writeLargeOtlp(file, 20_000, { traces: 400, services: 6 })
    const progress: FileProgress[] = []
    const ws = workspace()
    const [summary] = importFiles(ws, { title: 'large' }, [{ path: file, name: 'large.otlp.json' }], (event) => progress.push(event)).artifacts as TraceSummary[]
    expect(summary).toMatchObject({ spans: written, traces: 400 })
    expect(summary.services).toHaveLength(6)
    expect(progress.length).toBeGreaterThan(Math.floor(bytes / (1 << 20)))
    expect(progress.at(-1)).toMatchObject({ bytesRead: bytes, totalBytes: bytes, fileIndex: 0, fileCount: 1 })
  })
})

describe('the same file again', () => {
  it('adds nothing to an incident that has it, in the same command or a later one, and is still reported', () => {
    const ws = workspace()
    const first = importFiles(ws, { title: 'Checkout' }, [fixture('checkout.otlp.json'), fixture('checkout.otlp.json')])
    expect(first.artifacts).toHaveLength(2)
    expect(first.artifacts[1]).toEqual(first.artifacts[0])
    const updatedAt = () => ws.getIncident(first.incident.id).updatedAt
    const before = updatedAt()
    const again = importFiles(ws, { title: 'Checkout' }, [fixture('checkout.otlp.json')])
    expect(again.artifacts).toEqual([first.artifacts[0]])
    // Said as such, and the incident is not "updated" by it.
    expect(again.alreadyHere).toEqual([fixture('checkout.otlp.json').name])
    // Given twice in one import, it was not there "already".
    expect(first.alreadyHere).toBeUndefined()
    expect(updatedAt()).toBe(before)
    const count = (incidentId: number) => ws.db.prepare('SELECT count(*) FROM artifacts WHERE incident_id = ?').pluck().get(incidentId)
    expect(count(first.incident.id)).toBe(1)
    // Another incident takes its own copy.
    const elsewhere = importFiles(ws, { title: 'Elsewhere' }, [fixture('checkout.otlp.json')])
    expect(count(elsewhere.incident.id)).toBe(1)
  })
})

describe('bad input', () => {
  it.each([
    ['bad/truncated.otlp.json', /truncated/],
    ['bad/truncated.rrweb.json', /truncated/],
    ['bad/wrong-shape.json', /^unrecognized format: a JSON object with the keys "hello" \(/],
    ['bad/empty.json', /empty/],
    ['bad/whitespace.json', /no JSON/],
    ['bad/binary.bin', /binary|UTF-8/],
    ['bad/bad-trace-id.otlp.json', /traceId .* is not 32 hex digits/],
    ['bad/end-before-start.otlp.json', /ends before it starts/],
    ['bad/bad-zipkin-id.zipkin.json', /is not 16 hex digits|is not 16 or 32 hex digits/],
  ])('%s: names the file and the reason, and imports nothing of the command', (file, reason) => {
    const ws = workspace()
    const before = countRows(ws)
    let error: unknown
    try {
      importFiles(ws, { title: 'new incident' }, [fixture('checkout.otlp.json'), fixture(file)])
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ImportError)
    const [failure] = (error as ImportError).failures
    expect(failure.file).toBe(file)
    expect((error as ImportError).message).toMatch(new RegExp(`^${file.replace('.', '\\.')}: `))
    expect(failure.reason).toMatch(reason)
    expect(countRows(ws)).toEqual(before)
  })

  it('names every bad file of one attempt, each with its reason, on one line, and imports none of them', () => {
    const ws = workspace()
    const before = countRows(ws)
    let error: unknown
    try {
      importFiles(ws, { title: 'new incident' }, [fixture('bad/empty.json'), fixture('checkout.otlp.json'), fixture('bad/truncated.otlp.json'), fixture('bad/binary.bin')])
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ImportError)
    expect((error as ImportError).failures.map((failure) => failure.file)).toEqual(['bad/empty.json', 'bad/truncated.otlp.json', 'bad/binary.bin'])
    expect((error as ImportError).message).toMatch(/^bad\/empty\.json: the file is empty; bad\/truncated\.otlp\.json: .*truncated.*; bad\/binary\.bin: /)
    expect((error as ImportError).message).not.toContain('\n')
    // In the app, which says the good file stays out with them.
    expect((error as ImportError).amongFiles(4)).toMatch(/; bad\/binary\.bin: [^;]*\. Nothing was imported: the other file comes in with them once they are fixed or left out\.$/)
    expect(countRows(ws)).toEqual(before)
  })

  it('says a UTF-16 file (as a Windows shell redirect writes it) is UTF-16, with or without its byte-order mark', () => {
    const dir = tempDir()
    const text = readFileSync(join(data, 'checkout.zipkin.json'), 'utf8')
    for (const [name, bytes] of [
      ['bom.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      ['plain.json', Buffer.from(text, 'utf16le')],
    ] as const) {
      writeFileSync(join(dir, name), bytes)
      expect(() => importFiles(workspace(), { title: 'x' }, [{ path: join(dir, name), name }])).toThrow(`${name}: the file is UTF-16 text`)
    }
  })

  describe('a bad line in a JSON Lines file', () => {
    const lines = (name: string) => readFileSync(join(data, name), 'utf8').split('\n').filter((line) => line.trim() !== '')
    const importLines = (name: string, text: string) => {
      const path = join(tempDir(), name)
      writeFileSync(path, text)
      return () => importFiles(workspace(), { title: 'x' }, [{ path, name }])
    }

    it('names the line cut short, not the end of the file', () => {
      const otlp = lines('checkout.otlp.jsonl')
      for (const cut of [0, 2]) {
        const text = otlp.map((line, index) => (index === cut ? line.slice(0, 500) : line)).join('\n')
        expect(importLines('cut.otlp.jsonl', text)).toThrow(`cut.otlp.jsonl: line ${cut + 1} ends before its JSON document does`)
      }
    })

    it('names a line that is not JSON, with the parser\'s reason', () => {
      const session = lines('checkout-session.rrweb.ndjson')
      session.splice(5, 0, '{"type": 3, oops}')
      expect(importLines('bad.ndjson', session.join('\n'))).toThrow(/^bad\.ndjson: line 6 is not valid JSON \(.+\)$/)
    })

    it('leaves the splitter\'s message for a document that is not JSON Lines', () => {
      const pretty = JSON.stringify(JSON.parse(readFileSync(join(data, 'checkout.otlp.json'), 'utf8')), null, 2)
      expect(importLines('pretty.json', pretty.slice(0, 2000))).toThrow(/pretty\.json: unexpected end of input \(the file is truncated\)/)
    })
  })

  it('says the workspace is busy while another connection writes to it, and imports nothing', () => {
    const path = join(tempDir(), 'w.sqlite')
    const [writer, importer] = [Workspace.open(path), Workspace.open(path)]
    importer.db.pragma('busy_timeout = 50')
    writer.db.exec('BEGIN IMMEDIATE')
    try {
      expect(() => importFiles(importer, { title: 'x' }, [fixture('checkout.otlp.json')])).toThrow(/^the workspace is busy: another import or export/)
    } finally {
      writer.db.exec('ROLLBACK')
    }
    expect(countRows(importer).spans).toBe(0)
    writer.close()
    importer.close()
  })

  it('refuses a recording with a timestamp that is no time, naming the event', () => {
    const events = JSON.parse(readFileSync(join(data, 'checkout-session.rrweb.json'), 'utf8')) as Array<{ timestamp: number }>
    events[5].timestamp = 1e300
    const path = join(tempDir(), 'far.rrweb.json')
    writeFileSync(path, JSON.stringify(events))
    expect(() => importFiles(workspace(), { title: 'x' }, [{ path, name: 'far.rrweb.json' }])).toThrow('far.rrweb.json: event #6: timestamp 1e+300 is not a time (epoch milliseconds, 1970 to 2262)')
  })

  it('reports a missing file', () => {
    expect(() => importFiles(workspace(), { title: 'x' }, [{ path: '/nonexistent/trace.json', name: 'trace.json' }])).toThrow('trace.json: no such file')
  })

  it('keeps nanosecond precision of times written as bare JSON numbers', () => {
    const dir = tempDir()
    const file = join(dir, 'numbers.json')
    const text = readFileSync(join(data, 'checkout.otlp.json'), 'utf8').replace(/"(startTimeUnixNano|endTimeUnixNano)":"(\d+)"/g, '"$1":$2')
    writeFileSync(file, text)
    const reference = workspace()
    importFiles(reference, { title: 'a' }, [fixture('checkout.otlp.json')])
    const numbers = workspace()
    importFiles(numbers, { title: 'b' }, [{ path: file, name: 'numbers.json' }])
    expect(spans(numbers)).toEqual(spans(reference))
  })

  it('counts spans that repeat the ids of a different span, keeping the one in error', () => {
    const dir = tempDir()
    const document = JSON.parse(readFileSync(join(data, 'checkout.otlp.json'), 'utf8'))
    const scopes = document.resourceSpans.flatMap((resource: { scopeSpans: unknown[] }) => resource.scopeSpans)
    const spans = scopes.flatMap((scope: { spans: Array<Record<string, unknown>> }) => scope.spans)
    const healthy = spans.find((span: { status?: { code?: number } }) => !span.status?.code || span.status.code !== 2)!
    // The same ids again, in error, later in the file; and another span reusing a third span's ids.
    const failing = { ...healthy, name: 'retry', status: { code: 2, message: 'boom' } }
    const clash = { ...spans[1], name: 'another service reusing the id' }
    scopes[0].spans.push(failing, clash)
    const file = join(dir, 'repeats.otlp.json')
    writeFileSync(file, JSON.stringify(document))
    const ws = workspace()
    const [summary] = importFiles(ws, { title: 'x' }, [{ path: file, name: 'repeats.otlp.json' }]).artifacts as TraceSummary[]
    expect(summary.repeatedSpanIds).toBe(2)
    // The two added were left out (one in place of the healthy copy it repeats).
    expect(summary.spans).toBe(spans.length)
    const kept = ws.db.prepare('SELECT name, status FROM spans WHERE span_id = ?').get(healthy.spanId) as { name: string; status: string }
    expect(kept).toEqual({ name: 'retry', status: 'error' })
  })

  it('collapses identical duplicate spans', () => {
    const dir = tempDir()
    const file = join(dir, 'twice.jsonl')
    const line = readFileSync(join(data, 'checkout.otlp.json'), 'utf8').replace(/\n/g, '')
    writeFileSync(file, `${line}\n${line}\n`)
    copyFileSync(join(data, 'checkout.otlp.json'), join(dir, 'once.json'))
    const once = workspace()
    importFiles(once, { title: 'a' }, [{ path: join(dir, 'once.json'), name: 'once.json' }])
    const twice = workspace()
    const [summary] = importFiles(twice, { title: 'b' }, [{ path: file, name: 'twice.jsonl' }]).artifacts
    expect(spans(twice)).toEqual(spans(once))
    expect(summary).not.toHaveProperty('repeatedSpanIds')
  })
})

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { NormalizedSpan } from '../domain/span'
import { type DetectedFormat, FormatDetector } from './detect'
import { createJaegerReader } from './jaeger'
import { createOtlpReader } from './otlp'
import { splitJson } from './json-stream'
import type { TraceReader, TraceSink } from './trace-sink'
import { createZipkinReader, sharedServerSpanId } from './zipkin'

const data = join(import.meta.dirname, '..', '..', 'e2e', 'fixtures', 'data')
const read = (name: string) => readFileSync(join(data, name), 'utf8')

/** Runs a reader over text; applies re-parenting as the store does. */
function readSpans(text: string, create: (sink: TraceSink) => TraceReader): NormalizedSpan[] {
  const spans: NormalizedSpan[] = []
  const moves: Array<[string, string, string, string]> = []
  const reader = create({ span: (span) => spans.push(span), reparent: (...move) => moves.push(move) })
  splitJson(text, reader)
  reader.finish()
  for (const [traceId, from, to, service] of moves) {
    for (const span of spans) {
      if (span.traceId === traceId && span.parentSpanId === from && span.service === service && span.spanId !== to) span.parentSpanId = to
    }
  }
  return spans
}

type ZipkinSpan = { traceId: string; id: string; parentId?: string; kind?: string; shared?: boolean; localEndpoint?: { serviceName?: string } }

describe('Zipkin', () => {
  it('gives a shared server span its own id under its client, and moves the server-side children under it', () => {
    // Rewrite the real export the way B3-propagating tracers write RPCs: the server span reuses
    // the client's span id, with shared: true, and its children name that id as parent.
    const spans = JSON.parse(read('checkout.zipkin.json')) as ZipkinSpan[]
    const server = spans.find((span) => span.kind === 'SERVER' && spans.some((client) => client.id === span.parentId && client.kind === 'CLIENT'))!
    const clientId = server.parentId!
    const serverId = server.id
    for (const span of spans) if (span.parentId === serverId) span.parentId = clientId
    const client = spans.find((span) => span.id === clientId)!
    Object.assign(server, { id: clientId, parentId: client.parentId, shared: true })

    const read_ = readSpans(JSON.stringify(spans), createZipkinReader)
    const shared = read_.find((span) => span.spanId === sharedServerSpanId(clientId))!
    expect(shared.kind).toBe('server')
    expect(shared.parentSpanId).toBe(clientId)
    expect(read_.filter((span) => span.spanId === clientId)).toHaveLength(1)
    const children = read_.filter((span) => span.parentSpanId === shared.spanId)
    expect(children.length).toBeGreaterThan(0)
    for (const child of children) expect(child.service).toBe(shared.service)
  })

  it('reads an array of traces like an array of spans', () => {
    const spans = JSON.parse(read('checkout.zipkin.json')) as ZipkinSpan[]
    const byTrace = Object.values(Object.groupBy(spans, (span) => span.traceId))
    expect(detectFormat(JSON.stringify(byTrace))).toEqual({ format: 'zipkin' })
    const flat = readSpans(JSON.stringify(spans), createZipkinReader)
    const nested = readSpans(JSON.stringify(byTrace), createZipkinReader)
    const key = (span: NormalizedSpan) => span.spanId
    expect(nested.map(key).sort()).toEqual(flat.map(key).sort())
  })
})

describe('OTLP', () => {
  it('gives spans their resource and scope whichever order the keys come in', () => {
    type ScopeSpans = { scope?: unknown; spans: unknown[] }
    const request = JSON.parse(read('checkout.otlp.json')) as { resourceSpans: Array<{ resource: unknown; scopeSpans: ScopeSpans[] }> }
    const inOrder = readSpans(JSON.stringify(request), createOtlpReader)
    // Spans first, then their scope, then their resource.
    const reordered = {
      resourceSpans: request.resourceSpans.map(({ resource, scopeSpans }) => ({
        scopeSpans: scopeSpans.map(({ scope, spans }) => ({ spans, scope })),
        resource,
      })),
    }
    const late = readSpans(JSON.stringify(reordered), createOtlpReader)
    expect(late).toEqual(inOrder)
    expect(late.every((span) => span.scope?.name)).toBe(true)
  })
})

describe('Jaeger', () => {
  it('reads a bare trace object, with processes after spans and FOLLOWS_FROM as a parent', () => {
    const { data: traces } = JSON.parse(read('checkout.jaeger.json')) as { data: Array<{ spans: Array<Record<string, unknown>>; processes: unknown }> }
    const trace = traces[0]
    const reordered = { spans: trace.spans, traceID: (trace.spans[0] as { traceID: string }).traceID, processes: trace.processes }
    const child = trace.spans.find((span) => (span.references as unknown[]).length > 0)! as { references: Array<{ refType: string }> }
    child.references[0].refType = 'FOLLOWS_FROM'
    expect(detectFormat(JSON.stringify(reordered))).toEqual({ format: 'jaeger' })
    const spans = readSpans(JSON.stringify(reordered), createJaegerReader)
    expect(spans).toHaveLength(trace.spans.length)
    expect(spans.every((span) => span.service !== 'unknown_service')).toBe(true)
    expect(spans.filter((span) => span.parentSpanId).length).toBe(trace.spans.filter((span) => (span.references as unknown[]).length > 0).length)
  })

  it('takes a parent id of zeros for no parent, as OTLP and Zipkin do', () => {
    const { data: traces } = JSON.parse(read('checkout.jaeger.json')) as { data: Array<{ spans: Array<{ spanID: string; parentSpanID?: string; references: Array<{ spanID: string }> }> }> }
    const [byField, byReference] = traces[0].spans
    byField.references = []
    byField.parentSpanID = '0000000000000000'
    byReference.references[0].spanID = '0000000000000000'
    const spans = readSpans(JSON.stringify({ data: traces }), createJaegerReader)
    const parentOf = (spanId: string) => spans.find((span) => span.spanId === spanId)?.parentSpanId
    expect([parentOf(byField.spanID), parentOf(byReference.spanID)]).toEqual([null, null])
  })

  it('names a span whose process is missing', () => {
    const { data: traces } = JSON.parse(read('checkout.jaeger.json'))
    traces[0].processes = {}
    expect(() => readSpans(JSON.stringify({ data: traces }), createJaegerReader)).toThrow(/span #1: process "p\d+" is not in "processes"/)
  })
})

/** The format of a file that starts (or is) `head`. */
function detectFormat(head: string): DetectedFormat {
  const detector = new FormatDetector()
  return detector.push(head) ?? detector.finish()
}

describe('format detection', () => {
  it.each([
    ['checkout.otlp.json', { format: 'otlp' }],
    ['checkout.otlp.jsonl', { format: 'otlp' }],
    ['checkout.otlp-legacy.json', { format: 'otlp' }],
    ['checkout.jaeger.json', { format: 'jaeger' }],
    ['checkout.zipkin.json', { format: 'zipkin' }],
    ['checkout-session.rrweb.json', { format: 'rrweb', layout: 'array' }],
    ['checkout-session.object.json', { format: 'rrweb', layout: 'object' }],
    ['checkout-session.rrweb.ndjson', { format: 'rrweb', layout: 'lines' }],
    ['checkout-session.sentry-segments.json', { format: 'rrweb', layout: 'segments' }],
    ['checkout-session.posthog-export.json', { format: 'rrweb', layout: 'posthog' }],
  ])('recognizes %s from its content', (file, expected) => {
    expect(detectFormat(read(file).slice(0, 4096))).toEqual(expected)
  })

  it('recognizes events packed by @rrweb/packer, as an array or one per line', async () => {
    const { pack } = await import('@rrweb/packer')
    const events = JSON.parse(read('checkout-session.rrweb.json')) as Parameters<typeof pack>[0][]
    const packed = events.slice(0, 3).map((event) => JSON.stringify(pack(event)))
    expect(detectFormat(`[${packed.join(',')}]`)).toEqual({ format: 'rrweb', layout: 'array' })
    expect(detectFormat(packed.join('\n'))).toEqual({ format: 'rrweb', layout: 'lines' })
    expect(() => detectFormat('"just a string"')).toThrow(/a lone JSON value/)
  })

  it('says plainly that a file is not JSON, and that a markdown file is a runbook to import elsewhere', () => {
    expect(() => detectFormat('# Checkout returns 502\n\n1. Open the failing trace.\n')).toThrow(/a markdown file, not evidence: import runbooks with `casefile runbook import`, or drop them on the app/)
    expect(() => detectFormat('2026-12-07T06:35:00Z ERROR payment timeout')).toThrow(/a lone JSON value|not JSON/)
    expect(() => detectFormat('ERROR payment timeout at 06:35')).toThrow(/^not JSON: it starts with “ERROR payment timeout at”/)
    // A file feeding in pieces is judged on its first characters, before the rest arrives.
    expect(() => new FormatDetector().push('  \n# Runbook')).toThrow(/a markdown file/)
  })
})

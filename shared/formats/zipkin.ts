import type { Attributes, NormalizedSpan, SpanKind } from '../domain/span'
import { FormatError } from './errors'
import { hexId, isAbsentId } from './ids'
import { OTEL_STATUS_AND_SCOPE_TAGS, scopeFromTags, statusFromTags } from './otel-tags'
import { endNanos, exactNumbers, microsToNanos } from './time'
import type { TraceReader, TraceSink } from './trace-sink'

// Zipkin v2 JSON: an array of spans, or an array of traces (arrays of spans). Timestamps are
// microseconds and may be fractional, so they are read from their source text.

type RawSpan = Record<string, unknown>

const KINDS: Record<string, SpanKind> = { CLIENT: 'client', SERVER: 'server', PRODUCER: 'producer', CONSUMER: 'consumer' }
const TRACE_ID_LENGTHS = [16, 32]
const SPAN_ID_LENGTHS = [16]

const parseSpan = exactNumbers(new Set(['timestamp', 'duration']))

/** A stable id for the server half of a shared span, distinct from the client's. */
export function sharedServerSpanId(spanId: string): string {
  let hash = 0xcbf29ce484222325n
  for (const char of `shared:${spanId}`) {
    hash ^= BigInt(char.charCodeAt(0))
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return hash.toString(16).padStart(16, '0')
}

const endpointResource = (endpoint: unknown): { service: string; resource: Attributes } => {
  const e = (endpoint ?? {}) as Record<string, unknown>
  const service = typeof e.serviceName === 'string' && e.serviceName ? e.serviceName : 'unknown_service'
  const resource: Attributes = { 'service.name': service }
  if (typeof e.ipv4 === 'string') resource['host.ip'] = e.ipv4
  else if (typeof e.ipv6 === 'string') resource['host.ip'] = e.ipv6
  return { service, resource }
}

export function createZipkinReader(sink: TraceSink): TraceReader {
  let spanNumber = 0
  let arrays = 0
  // Resource objects shared between spans of one endpoint, so the store can deduplicate them.
  const resources = new Map<string, { service: string; resource: Attributes }>()

  const emit = (span: RawSpan) => {
    spanNumber++
    const where = `span #${spanNumber}`
    if (!span || typeof span !== 'object' || Array.isArray(span)) throw new FormatError(`${where} is not an object`)
    const traceId = hexId(span.traceId, 16, `${where}: traceId`, TRACE_ID_LENGTHS)
    const id = hexId(span.id, 8, `${where}: id`, SPAN_ID_LENGTHS)
    const parentId = isAbsentId(span.parentId) ? null : hexId(span.parentId, 8, `${where}: parentId`, SPAN_ID_LENGTHS)
    if (span.timestamp === undefined) throw new FormatError(`${where} (${id}) has no timestamp`)
    const startNs = microsToNanos(span.timestamp, `${where}: timestamp`)
    const endNs = endNanos(startNs, microsToNanos(span.duration ?? 0, `${where}: duration`), where)

    const endpointKey = JSON.stringify(span.localEndpoint ?? null)
    let endpoint = resources.get(endpointKey)
    if (!endpoint) resources.set(endpointKey, (endpoint = endpointResource(span.localEndpoint)))

    const tags = (span.tags && typeof span.tags === 'object' ? span.tags : {}) as Record<string, string>
    const attributes: Attributes = {}
    for (const [key, value] of Object.entries(tags)) if (!OTEL_STATUS_AND_SCOPE_TAGS.has(key)) attributes[key] = value
    const remote = (span.remoteEndpoint ?? {}) as Record<string, unknown>
    if (typeof remote.serviceName === 'string' && remote.serviceName && !('peer.service' in attributes)) {
      attributes['peer.service'] = remote.serviceName
    }
    const isError = 'error' in tags || tags['otel.status_code'] === 'ERROR'
    const errorText = tags['otel.status_description'] ?? (tags.error && tags.error !== 'true' ? tags.error : '')
    const kind = KINDS[String(span.kind)] ?? 'internal'

    // A shared SERVER span reuses its client's id; give it its own id under the client.
    const shared = span.shared === true && kind === 'server'
    const spanId = shared ? sharedServerSpanId(id) : id
    if (shared) sink.reparent(traceId, id, spanId, endpoint.service)

    sink.span({
      traceId,
      spanId,
      parentSpanId: shared ? id : parentId,
      service: endpoint.service,
      name: typeof span.name === 'string' ? span.name : '',
      kind,
      startNs,
      endNs,
      status: statusFromTags(tags, isError),
      statusMessage: typeof errorText === 'string' ? errorText : '',
      attributes,
      resource: endpoint.resource,
      scope: scopeFromTags(tags),
      events: Array.isArray(span.annotations)
        ? (span.annotations as RawSpan[]).map((annotation, i) => ({
            timeUnixNano: microsToNanos(annotation?.timestamp, `${where}: annotation #${i + 1} timestamp`).toString(),
            name: typeof annotation?.value === 'string' ? annotation.value : '',
            attributes: {},
          }))
        : [],
      links: [],
    } satisfies NormalizedSpan)
  }

  return {
    descend(path, kind) {
      if (path.length === 1) {
        if (kind !== 'array') throw new FormatError('expected a Zipkin v2 JSON array of spans')
        arrays++
        return true
      }
      // An array of traces: each element is itself an array of spans.
      return path.length === 2 && kind === 'array'
    },
    parse: (raw) => parseSpan(raw),
    value(path, value) {
      if (path.length === 1) throw new FormatError('expected a Zipkin v2 JSON array of spans')
      emit(value as RawSpan)
    },
    finish() {
      if (arrays === 0) throw new FormatError('no Zipkin spans found')
    },
  }
}

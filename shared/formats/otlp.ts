import type { Attributes, AttributeValue, NormalizedSpan, SpanKind, SpanStatus } from '../domain/span'
import { preview, FormatError } from './errors'
import { isAbsentId, otlpId } from './ids'
import type { JsonPath, SplitterHandlers } from './json-stream'
import { exactNumbers, nanos } from './time'
import type { TraceReader, TraceSink } from './trace-sink'

// OpenTelemetry OTLP/JSON: {resourceSpans:[{resource, scopeSpans:[{scope, spans:[…]}]}]}, also
// the legacy names (instrumentationLibrarySpans / instrumentationLibrary, and Tempo's `batches`),
// one request per line (the file exporter), hex or base64 ids, enum numbers or names.

const RESOURCE_LISTS = new Set(['resourceSpans', 'batches'])
const SCOPE_LISTS = new Set(['scopeSpans', 'instrumentationLibrarySpans'])
const SCOPE_KEYS = new Set(['scope', 'instrumentationLibrary'])

const KINDS: SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer']
const STATUSES: SpanStatus[] = ['unset', 'ok', 'error']

const enumValue = <T>(raw: unknown, names: T[], prefix: string, what: string): T => {
  if (raw === undefined || raw === null) return names[0]
  if (typeof raw === 'number' && names[raw] !== undefined) return names[raw]
  if (typeof raw === 'string') {
    const name = raw.startsWith(prefix) ? raw.slice(prefix.length).toLowerCase() : ''
    const found = names.find((candidate) => candidate === name)
    if (found) return found
  }
  throw new FormatError(`${what} ${preview(raw)} is not a known value`)
}

type AnyValue = Record<string, unknown>

function anyValue(value: unknown): AttributeValue {
  if (!value || typeof value !== 'object') return null
  const v = value as AnyValue
  if ('stringValue' in v) return String(v.stringValue)
  if ('boolValue' in v) return Boolean(v.boolValue)
  if ('intValue' in v) {
    const n = Number(v.intValue)
    return Number.isSafeInteger(n) ? n : String(v.intValue)
  }
  if ('doubleValue' in v) return Number(v.doubleValue)
  if ('bytesValue' in v) return String(v.bytesValue)
  if ('arrayValue' in v) {
    const values = (v.arrayValue as { values?: unknown[] } | undefined)?.values
    return Array.isArray(values) ? values.map(anyValue) : []
  }
  if ('kvlistValue' in v) return keyValues((v.kvlistValue as { values?: unknown } | undefined)?.values)
  return null
}

/** OTLP `[{key, value: AnyValue}]` as a plain object. */
function keyValues(list: unknown): Attributes {
  const out: Attributes = {}
  if (!Array.isArray(list)) return out
  for (const item of list) {
    if (item && typeof item === 'object' && typeof (item as { key?: unknown }).key === 'string') {
      out[(item as { key: string }).key] = anyValue((item as { value?: unknown }).value)
    }
  }
  return out
}

interface ResourceContext {
  attributes: Attributes
  service: string
}

interface ScopeContext {
  scope: NormalizedSpan['scope']
  seen: boolean
}

const parseSpanText = exactNumbers(new Set(['startTimeUnixNano', 'endTimeUnixNano', 'timeUnixNano']))
const HAS_BARE_NANOS = /UnixNano"\s*:\s*\d/

export function createOtlpReader(sink: TraceSink): TraceReader {
  let resource: ResourceContext | null = null
  // The scope of the scope list being read; `seen` once its "scope" key has come.
  let scope: ScopeContext = { scope: null, seen: false }
  // Spans seen before their resource or scope (writers put those first, but JSON does not promise it).
  let waiting: Array<{ raw: Record<string, unknown>; scope: ScopeContext }> = []
  let spanNumber = 0
  let documents = 0

  const isRoot = (path: JsonPath) => path.length === 1
  const isResource = (path: JsonPath) => path.length === 3 && RESOURCE_LISTS.has(path[1] as string)
  const isScope = (path: JsonPath) => path.length === 5 && isResource(path.slice(0, 3)) && SCOPE_LISTS.has(path[3] as string)

  const emit = (raw: Record<string, unknown>, context: ResourceContext, spanScope: NormalizedSpan['scope']) => {
    spanNumber++
    const where = `span #${spanNumber}`
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new FormatError(`${where} is not an object`)
    const traceId = otlpId(raw.traceId, 16, `${where}: traceId`)
    const spanId = otlpId(raw.spanId, 8, `${where}: spanId`)
    const parentSpanId = isAbsentId(raw.parentSpanId) ? null : otlpId(raw.parentSpanId, 8, `${where}: parentSpanId`)
    const startNs = nanos(raw.startTimeUnixNano, `${where}: startTimeUnixNano`)
    const endNs = nanos(raw.endTimeUnixNano, `${where}: endTimeUnixNano`)
    if (endNs < startNs) throw new FormatError(`${where} (${spanId}) ends before it starts`)
    const status = (raw.status ?? {}) as { code?: unknown; message?: unknown }
    sink.span({
      traceId,
      spanId,
      parentSpanId,
      service: context.service,
      name: typeof raw.name === 'string' ? raw.name : '',
      kind: enumValue(raw.kind, KINDS, 'SPAN_KIND_', `${where}: kind`),
      startNs,
      endNs,
      status: enumValue(status.code, STATUSES, 'STATUS_CODE_', `${where}: status.code`),
      statusMessage: typeof status.message === 'string' ? status.message : '',
      attributes: keyValues(raw.attributes),
      resource: context.attributes,
      scope: spanScope,
      events: Array.isArray(raw.events)
        ? raw.events.map((event: Record<string, unknown>, i: number) => ({
            timeUnixNano: nanos(event?.timeUnixNano, `${where}: event #${i + 1} timeUnixNano`).toString(),
            name: typeof event?.name === 'string' ? event.name : '',
            attributes: keyValues(event?.attributes),
          }))
        : [],
      links: Array.isArray(raw.links)
        ? raw.links.map((link: Record<string, unknown>, i: number) => ({
            traceId: otlpId(link?.traceId, 16, `${where}: link #${i + 1} traceId`),
            spanId: otlpId(link?.spanId, 8, `${where}: link #${i + 1} spanId`),
            attributes: keyValues(link?.attributes),
          }))
        : [],
    })
  }

  const handlers: SplitterHandlers = {
    descend(path, kind) {
      if (isRoot(path)) {
        if (kind !== 'object') throw new FormatError('expected an OTLP request object {"resourceSpans": [...]}')
        documents++
        return true
      }
      if (path.length === 2) return RESOURCE_LISTS.has(path[1] as string) && kind === 'array'
      if (isResource(path)) {
        resource = null
        return kind === 'object'
      }
      if (path.length === 4) return isResource(path.slice(0, 3)) && SCOPE_LISTS.has(path[3] as string) && kind === 'array'
      if (isScope(path)) {
        scope = { scope: null, seen: false }
        return kind === 'object'
      }
      return path.length === 6 && isScope(path.slice(0, 5)) && path[5] === 'spans' && kind === 'array'
    },
    parse(raw) {
      return HAS_BARE_NANOS.test(raw) ? parseSpanText(raw) : JSON.parse(raw)
    },
    value(path, value) {
      if (path.length === 7 && path[5] === 'spans') {
        if (resource && scope.seen) emit(value as Record<string, unknown>, resource, scope.scope)
        else waiting.push({ raw: value as Record<string, unknown>, scope })
      } else if (path.length === 4 && path[3] === 'resource' && isResource(path.slice(0, 3))) {
        const attributes = keyValues((value as { attributes?: unknown } | null)?.attributes)
        const service = attributes['service.name']
        resource = { attributes, service: typeof service === 'string' && service ? service : 'unknown_service' }
      } else if (path.length === 6 && SCOPE_KEYS.has(path[5] as string) && value && typeof value === 'object') {
        const { name, version } = value as { name?: unknown; version?: unknown }
        scope.scope = { name: typeof name === 'string' ? name : '', ...(typeof version === 'string' && version ? { version } : {}) }
        scope.seen = true
      } else if (path.length === 2 && RESOURCE_LISTS.has(path[1] as string)) {
        throw new FormatError(`"${path[1]}" is not an array`)
      }
    },
    close(path) {
      // A scope list's spans wait for its end when its scope had not come first; a resource's, for the resource's end.
      if (isScope(path)) scope.seen = true
      if ((isScope(path) && resource) || isResource(path)) {
        const context = resource ?? { attributes: {}, service: 'unknown_service' }
        for (const span of waiting) emit(span.raw, context, span.scope.scope)
        waiting = []
      }
      if (isResource(path)) resource = null
    },
  }
  return {
    ...handlers,
    finish() {
      if (documents === 0) throw new FormatError('no OTLP request found')
    },
  }
}

import type { Attributes, AttributeValue, NormalizedSpan, SpanKind, SpanLink } from '../domain/span'
import { preview, FormatError } from './errors'
import { hexId, isAbsentId } from './ids'
import type { JsonPath } from './json-stream'
import { OTEL_STATUS_AND_SCOPE_TAGS, scopeFromTags, statusFromTags } from './otel-tags'
import { endNanos, microsToNanos } from './time'
import type { TraceReader, TraceSink } from './trace-sink'

// Jaeger UI JSON: {data:[{traceID, spans:[…], processes:{p1:{serviceName, tags}}}]} or one
// trace object without `data`. Spans name their process by id, and `processes` may come after
// `spans`, so a trace's spans are resolved when its object closes. Identical duplicate spans
// (some exports repeat them) collapse in the store, which keeps one row per trace and span id.

type Tag = { key?: unknown; value?: unknown }
type RawSpan = Record<string, unknown>
type Process = { serviceName?: unknown; tags?: unknown }

const KINDS = new Set<SpanKind>(['server', 'client', 'producer', 'consumer', 'internal'])
/** Tags read into the span's own fields. */
const FIELD_TAGS = new Set(['span.kind', ...OTEL_STATUS_AND_SCOPE_TAGS])

const tagsToAttributes = (tags: unknown, skip?: Set<string>): Attributes => {
  const out: Attributes = {}
  if (!Array.isArray(tags)) return out
  for (const tag of tags as Tag[]) {
    if (typeof tag?.key === 'string' && !skip?.has(tag.key)) out[tag.key] = tag.value as AttributeValue
  }
  return out
}

export function createJaegerReader(sink: TraceSink): TraceReader {
  // Trace objects are at [doc, 'data', i] or, for a bare trace, at [doc].
  let traceDepth = 0
  let spans: RawSpan[] = []
  let processes: Record<string, Process> = {}
  let spanNumber = 0
  let traceCount = 0

  const isTrace = (path: JsonPath) => traceDepth > 0 && path.length === traceDepth

  const resolveResource = (span: RawSpan, where: string) => {
    const process = (span.process as Process | undefined) ?? processes[String(span.processID)]
    if (!process) throw new FormatError(`${where}: process ${preview(span.processID)} is not in "processes"`)
    const service = typeof process.serviceName === 'string' && process.serviceName ? process.serviceName : 'unknown_service'
    return { service, resource: { 'service.name': service, ...tagsToAttributes(process.tags) } }
  }

  const emit = (span: RawSpan, resources: Map<Process | string, { service: string; resource: Attributes }>) => {
    spanNumber++
    const where = `span #${spanNumber}`
    if (!span || typeof span !== 'object') throw new FormatError(`${where} is not an object`)
    const traceId = hexId(span.traceID, 16, `${where}: traceID`)
    const spanId = hexId(span.spanID, 8, `${where}: spanID`)

    const references = Array.isArray(span.references) ? (span.references as RawSpan[]) : []
    const parentRef =
      references.find((ref) => ref?.refType === 'CHILD_OF') ?? references.find((ref) => ref?.refType === 'FOLLOWS_FROM')
    const parent = parentRef ? parentRef.spanID : span.parentSpanID
    const parentSpanId = isAbsentId(parent) ? null : hexId(parent, 8, `${where}: ${parentRef ? 'reference spanID' : 'parentSpanID'}`)
    const links: SpanLink[] = references
      .filter((ref) => ref !== parentRef)
      .map((ref) => ({
        traceId: hexId(ref.traceID, 16, `${where}: reference traceID`),
        spanId: hexId(ref.spanID, 8, `${where}: reference spanID`),
        attributes: { 'jaeger.ref_type': String(ref.refType) },
      }))

    const startNs = microsToNanos(span.startTime, `${where}: startTime`)
    const duration = microsToNanos(span.duration ?? 0, `${where}: duration`)
    const tags = tagsToAttributes(span.tags)
    const kindTag = typeof tags['span.kind'] === 'string' ? (tags['span.kind'] as string).toLowerCase() : ''
    const isError = tags.error === true || tags.error === 'true' || tags['otel.status_code'] === 'ERROR'
    const processKey = (span.process as Process | undefined) ?? String(span.processID)
    let resolved = resources.get(processKey)
    if (!resolved) {
      resolved = resolveResource(span, where)
      resources.set(processKey, resolved)
    }

    sink.span({
      traceId,
      spanId,
      parentSpanId,
      service: resolved.service,
      name: typeof span.operationName === 'string' ? span.operationName : '',
      kind: KINDS.has(kindTag as SpanKind) ? (kindTag as SpanKind) : 'internal',
      startNs,
      endNs: endNanos(startNs, duration, where),
      status: statusFromTags(tags, isError),
      statusMessage: typeof tags['otel.status_description'] === 'string' ? (tags['otel.status_description'] as string) : '',
      attributes: tagsToAttributes(span.tags, FIELD_TAGS),
      resource: resolved.resource,
      scope: scopeFromTags(tags),
      events: Array.isArray(span.logs)
        ? (span.logs as RawSpan[]).map((log, i) => {
            const fields = tagsToAttributes(log?.fields)
            const { event, ...attributes } = fields
            return {
              timeUnixNano: microsToNanos(log?.timestamp, `${where}: log #${i + 1} timestamp`).toString(),
              name: typeof event === 'string' ? event : 'log',
              attributes,
            }
          })
        : [],
      links,
    } satisfies NormalizedSpan)
  }

  return {
    descend(path, kind) {
      if (path.length === 1) {
        if (kind !== 'object') throw new FormatError('expected a Jaeger JSON object {"data": [...]}')
        return true
      }
      if (path.length === 2 && path[1] === 'data') {
        if (kind !== 'array') throw new FormatError('"data" is not an array of traces')
        traceDepth = 3
        return true
      }
      if (path.length === 2 && path[1] === 'spans' && traceDepth !== 3) {
        traceDepth = 1 // a bare trace object
        return kind === 'array'
      }
      if (traceDepth === 3 && path.length === 3) {
        if (kind !== 'object') throw new FormatError(`trace #${Number(path[2]) + 1} is not an object`)
        return true
      }
      return traceDepth === 3 && path.length === 4 && path[3] === 'spans' && kind === 'array'
    },
    value(path, value) {
      const last = path[path.length - 1]
      if (typeof last === 'number' && path[path.length - 2] === 'spans') spans.push(value as RawSpan)
      else if (last === 'processes' && (path.length === 2 || path.length === 4)) {
        if (!value || typeof value !== 'object') throw new FormatError('"processes" is not an object')
        processes = value as Record<string, Process>
      }
    },
    close(path) {
      if (!isTrace(path)) return
      traceCount++
      const resources = new Map<Process | string, { service: string; resource: Attributes }>()
      for (const span of spans) emit(span, resources)
      spans = []
      processes = {}
    },
    finish() {
      if (traceCount === 0) throw new FormatError('no Jaeger trace found')
    },
  }
}

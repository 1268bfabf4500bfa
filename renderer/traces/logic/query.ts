import type { TraceListItem } from '../../../shared/domain/model'
import type { TraceData } from '../../../shared/traces/trace-data'
import { hasParentIn } from '../../../shared/traces/tree'

// The waterfall's search: words ANDed together.
//
//   checkout            service, operation or span id containing "checkout" (or, once the host
//                       has looked, an attribute, event or status message containing it)
//   service:payment     service containing "payment"          (also svc:); service:"x" is exact
//   op:charge           operation containing "charge"          (also name:); op:"GET" is exact
//   http.route=/v1/x    attribute (span, resource or event) equal to the value; quotes allowed;
//                       key= or key=* for any value
//   >50ms  dur>=1.5s    duration at least that long (ns, us/µs, ms, s, m)
//   error               spans in error                         (also is:error, status:error)
//   is:root             spans with no parent in the trace: its root, and where each piece of a
//                       trace in pieces starts (a parent lost, or never passed on)

export interface AttributeTerm {
  key: string
  value: string
}

/** A lowercased name to look for: contained, or (quoted in the query) equal. */
export interface NameTerm {
  value: string
  exact: boolean
}

export interface SpanQuery {
  /** Lowercased words matched against service, operation or span id. */
  words: string[]
  services: NameTerm[]
  operations: NameTerm[]
  attributes: AttributeTerm[]
  /** Minimum duration, ns; 0 for none. */
  minDurationNs: number
  /** Maximum duration, ns; Infinity for none. */
  maxDurationNs: number
  errorsOnly: boolean
  /** Only spans whose parent is not in the trace (is:root). */
  rootsOnly: boolean
  /** Words that looked like a term but did not parse (e.g. "dur>abc"). */
  invalid: string[]
}

/** The search terms for exactly this service (and operation). */
export const exactTerms = (service: string, operation?: string): string =>
  operation === undefined ? `service:"${service}"` : `service:"${service}" op:"${operation}"`

export const EMPTY_QUERY: SpanQuery = { words: [], services: [], operations: [], attributes: [], minDurationNs: 0, maxDurationNs: Infinity, errorsOnly: false, rootsOnly: false, invalid: [] }

const UNITS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, min: 60e9 }

/** "50ms" → 50_000_000; a bare number is ms. null when it does not parse. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?|\.\d+)\s*(ns|us|µs|ms|s|m|min)?$/i.exec(text.trim())
  if (!match) return null
  return Number(match[1]) * UNITS[(match[2] ?? 'ms').toLowerCase()]
}

/** Splits on spaces outside double quotes; quotes are removed. */
export const tokenize = (text: string): string[] => rawTokens(text).map(unquote)

const unquote = (token: string) => token.replace(/"/g, '')

/** Splits on spaces outside double quotes, keeping the quotes. */
function rawTokens(text: string): string[] {
  const tokens: string[] = []
  let current = ''
  let quoted = false
  let started = false
  for (const char of text) {
    if (char === '"') {
      quoted = !quoted
      current += char
      started = true
    } else if (!quoted && /\s/.test(char)) {
      if (started) tokens.push(current)
      current = ''
      started = false
    } else {
      current += char
      started = true
    }
  }
  if (started) tokens.push(current)
  return tokens
}

export function parseQuery(text: string): SpanQuery {
  const query: SpanQuery = { ...EMPTY_QUERY, words: [], services: [], operations: [], attributes: [], invalid: [] }
  for (const raw of rawTokens(text)) {
    const token = unquote(raw)
    const lower = token.toLowerCase()
    if (lower === 'error' || lower === 'errors' || lower === 'is:error' || lower === 'status:error') {
      query.errorsOnly = true
      continue
    }
    if (lower === 'is:root') {
      query.rootsOnly = true
      continue
    }
    const duration = /^(?:dur(?:ation)?)?([<>]=?)(.+)$/i.exec(token)
    if (duration) {
      const ns = parseDuration(duration[2])
      if (ns === null) query.invalid.push(token)
      else if (duration[1].startsWith('>')) query.minDurationNs = Math.max(query.minDurationNs, ns)
      else query.maxDurationNs = Math.min(query.maxDurationNs, ns)
      continue
    }
    const field = /^(service|svc|op|operation|name):(.*)$/i.exec(raw)
    if (field) {
      const exact = field[2].length >= 2 && field[2].startsWith('"') && field[2].endsWith('"')
      const value = unquote(field[2]).toLowerCase()
      if (!value) query.invalid.push(token)
      else if (/^(service|svc)$/i.test(field[1])) query.services.push({ value, exact })
      else query.operations.push({ value, exact })
      continue
    }
    const equals = token.indexOf('=')
    if (equals > 0) {
      query.attributes.push({ key: token.slice(0, equals), value: token.slice(equals + 1) })
      continue
    }
    if (lower) query.words.push(lower)
  }
  return query
}

export const isEmptyQuery = (query: SpanQuery) =>
  query.words.length === 0 &&
  query.services.length === 0 &&
  query.operations.length === 0 &&
  query.attributes.length === 0 &&
  query.minDurationNs === 0 &&
  query.maxDurationNs === Infinity &&
  !query.errorsOnly &&
  !query.rootsOnly

/** Lowercased service and operation names, computed once per trace for matching. */
export interface QueryNames {
  services: string[]
  names: string[]
}

export const queryNames = (trace: TraceData): QueryNames => ({
  services: trace.services.map((name) => name.toLowerCase()),
  names: trace.names.map((name) => name.toLowerCase()),
})

/** Whether a lowercased service or operation name is the one a term names (quoted: equal; else containing it). */
const nameMatches = (term: NameTerm, name: string) => (term.exact ? name === term.value : name.includes(term.value))

/**
 * Whether span `i` matches everything in `query` except attribute terms; `inText` says whether a
 * word is in the span's attributes, events or status message (known once the host has looked).
 */
export function matchesColumns(trace: TraceData, names: QueryNames, query: SpanQuery, i: number, inText?: (word: string) => boolean): boolean {
  if (query.errorsOnly && !trace.error[i]) return false
  if (query.rootsOnly && hasParentIn(trace, i)) return false
  if (query.minDurationNs > 0 && trace.duration[i] < query.minDurationNs) return false
  if (trace.duration[i] > query.maxDurationNs) return false
  const service = names.services[trace.service[i]]
  const name = names.names[trace.name[i]]
  if (!query.services.every((term) => nameMatches(term, service))) return false
  if (!query.operations.every((term) => nameMatches(term, name))) return false
  for (const word of query.words) {
    if (!service.includes(word) && !name.includes(word) && !trace.spanId[i].startsWith(word) && !inText?.(word)) return false
  }
  return true
}

/** A span's attributes as text, as attribute terms compare them. */
export type AttributeLookup = (key: string) => string[]

/** Whether every attribute term finds its value among a span's (string forms, case-insensitive). */
export function matchesAttributes(terms: AttributeTerm[], lookup: AttributeLookup): boolean {
  return terms.every(({ key, value }) => {
    const wanted = value.toLowerCase()
    if (wanted === '' || wanted === '*') return lookup(key).length > 0
    return lookup(key).some((candidate) => candidate.toLowerCase() === wanted)
  })
}

/** The string form an attribute value is compared by: strings as they are, the rest as JSON. */
export const attributeText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value) ?? String(value))

/**
 * Whether a trace of the list matches `query`, read as the waterfall's search reads it but of the
 * trace as a whole: words in its root's name or service, any of its services or its id;
 * service: any of its services; op: its root operation; durations and error of the trace.
 * Attribute terms need the spans: the list leaves them to the waterfall (see `unusedInList`).
 */
export function matchesTrace(item: TraceListItem, query: SpanQuery): boolean {
  if (query.errorsOnly && item.errors === 0) return false
  if (item.durationNs < query.minDurationNs || item.durationNs > query.maxDurationNs) return false
  const services = item.services.map((service) => service.toLowerCase())
  const root = item.rootName.toLowerCase()
  if (!query.services.every((term) => services.some((service) => nameMatches(term, service)))) return false
  if (!query.operations.every((term) => nameMatches(term, root))) return false
  const rootService = item.rootService.toLowerCase()
  return query.words.every((word) => root.includes(word) || rootService.includes(word) || services.some((service) => service.includes(word)) || item.traceId.startsWith(word))
}

/** The terms of `query` the trace list cannot apply (attribute ones, is:root), as typed. */
export const unusedInList = (query: SpanQuery): string[] => [
  ...query.attributes.map(({ key, value }) => `${key}=${value}`),
  ...(query.rootsOnly ? ['is:root'] : []),
]

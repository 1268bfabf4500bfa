import { EventType, IncrementalSource, MouseInteractions } from '@rrweb/types'
import type { ConsoleLevel, IdlePeriod, MarkerCounts, SessionMarker } from '../domain/model'
import { FormatError } from './errors'
import type { JsonPath, SplitterHandlers } from './json-stream'
import { unpackEvent } from './rrweb-packed'
import { LATEST_NANOS } from './time'

// rrweb recordings: a JSON array of events (plain or compressed by @rrweb/packer), an object with
// an `events` array (as replay products export), or one event per line. Markers and W3C trace context are extracted here so
// the replay pane never has to scan the whole recording.

const CONSOLE_PLUGIN = 'rrweb/console@1'
const NETWORK_PLUGIN = 'rrweb/network@1'
const TRACEPARENT = /\b00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}\b/gi

export interface RrwebEvent {
  type: number
  timestamp: number
  data?: Record<string, unknown>
}

export interface SessionSink {
  /** One event, with its exact source text for chunked storage. */
  event(event: RrwebEvent, raw: string): void
  marker(marker: SessionMarker): void
}

export interface SessionReader extends SplitterHandlers {
  finish(): SessionStats
}

export interface SessionStats {
  events: number
  firstMs: number
  lastMs: number
  markers: MarkerCounts
  traceIds: string[]
  idle: IdlePeriod[]
}

/**
 * A recording is idle between two moments of activity further apart than this (rrweb's own
 * player skips from the same gap).
 */
export const IDLE_GAP_MS = 10_000

/**
 * Activity: the user doing something (moving, clicking, scrolling, typing: rrweb's user
 * interactions), or what a viewer must not be skipped past (a page load, a console error, a
 * failed request).
 */
const isActivity = (event: RrwebEvent, markers: readonly SessionMarker[]) =>
  (event.type === EventType.IncrementalSnapshot && isUserInteraction(event.data?.source)) ||
  markers.some((marker) => marker.kind === 'navigation' || marker.failed || (marker.kind === 'console' && marker.level === 'error'))

const isUserInteraction = (source: unknown) => typeof source === 'number' && source > IncrementalSource.Mutation && source <= IncrementalSource.Input

/** The latest time the workspace stores, in ms. */
const LATEST_MS = Number(LATEST_NANOS / 1_000_000n)

const truncate = (text: string, max = 200) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

/** Console plugin arguments arrive JSON-encoded ("\"text\""); show them as the page logged them. */
const consoleText = (args: unknown): string =>
  (Array.isArray(args) ? args : [args])
    .map((arg) => {
      if (typeof arg !== 'string') return JSON.stringify(arg)
      try {
        const decoded = JSON.parse(arg)
        return typeof decoded === 'string' ? decoded : arg
      } catch {
        return arg
      }
    })
    .join(' ')

const LEVELS: Record<string, ConsoleLevel> = { debug: 'debug', info: 'info', log: 'log', warn: 'warn', error: 'error', assert: 'error' }

type Payload = Record<string, unknown>

/** A request described by a custom event or the network plugin: {method, url, status, error}. */
function requestMarker(at: number, request: Payload): SessionMarker | null {
  const status = Number(request.status ?? request.statusCode)
  const error = request.error ?? request.errorMessage
  if (request.url === undefined && request.method === undefined && !Number.isFinite(status) && !error) return null
  const failed = (Number.isFinite(status) && status >= 500) || (error !== undefined && error !== null && error !== false && error !== '')
  const outcome = Number.isFinite(status) ? ` → ${status}` : ''
  const reason = error ? ` (${typeof error === 'string' ? error : JSON.stringify(error)})` : ''
  const label = `${String(request.method ?? 'request').toUpperCase()} ${String(request.url ?? request.name ?? '')}${outcome}${reason}`
  const context = [...JSON.stringify(request).matchAll(TRACEPARENT)][0]
  const duration = Number(request.durationMs ?? request.duration)
  return {
    kind: 'request',
    timeMs: at,
    label: truncate(label.trim()),
    level: null,
    failed,
    traceId: context ? context[1].toLowerCase() : null,
    spanId: context ? context[2].toLowerCase() : null,
    durationMs: Number.isFinite(duration) && duration >= 0 ? duration : null,
  }
}

/** The markers one event stands for (the network plugin batches several requests). */
function markersOf(event: RrwebEvent): SessionMarker[] {
  const data = event.data ?? {}
  const at = event.timestamp
  const plain = { level: null, failed: false, traceId: null, spanId: null, durationMs: null }
  const marker = (kind: SessionMarker['kind'], label: string): SessionMarker[] => [{ ...plain, kind, timeMs: at, label: truncate(label) }]
  switch (event.type) {
    case EventType.Meta:
      return marker('navigation', typeof data.href === 'string' ? data.href : 'page load')
    case EventType.IncrementalSnapshot:
      if (data.source === IncrementalSource.MouseInteraction && data.type === MouseInteractions.Click) {
        return marker('click', `Click at ${Math.round(Number(data.x) || 0)}, ${Math.round(Number(data.y) || 0)}`)
      }
      return []
    case EventType.Custom: {
      const payload = data.payload
      const request = payload && typeof payload === 'object' && !Array.isArray(payload) ? requestMarker(at, payload as Payload) : null
      if (request) return [{ ...request, label: truncate(`${String(data.tag ?? 'request')}: ${request.label}`) }]
      return marker('custom', `${String(data.tag ?? 'custom')} ${JSON.stringify(payload ?? '')}`)
    }
    case EventType.Plugin: {
      const payload = (data.payload ?? {}) as Payload
      if (data.plugin === CONSOLE_PLUGIN) {
        const level = LEVELS[String(payload.level)] ?? 'log'
        return [{ ...plain, kind: 'console', timeMs: at, label: truncate(consoleText(payload.payload)), level }]
      }
      if (data.plugin === NETWORK_PLUGIN && Array.isArray(payload.requests)) {
        return (payload.requests as Payload[]).flatMap((request) => {
          const found = request && typeof request === 'object' ? requestMarker(Number(request.startTime) || at, request) : null
          return found ? [found] : []
        })
      }
      return []
    }
    default:
      return []
  }
}

const count = (counts: MarkerCounts, marker: SessionMarker) => {
  if (marker.kind === 'click') counts.clicks++
  else if (marker.kind === 'navigation') counts.navigations++
  else if (marker.kind === 'console' && marker.level === 'error') counts.consoleErrors++
  else if (marker.kind === 'custom' || marker.kind === 'request') counts.custom++
}

/** How events are laid out: a JSON array, an object's `events` array, or one per line. */
export type RrwebLayout = 'array' | 'object' | 'lines'

export function createRrwebReader(sink: SessionSink, layout: RrwebLayout): SessionReader {
  let events = 0
  let firstMs = Infinity
  let lastMs = -Infinity
  const markers: MarkerCounts = { clicks: 0, navigations: 0, consoleErrors: 0, custom: 0 }
  const traceIds = new Set<string>()
  const idle: IdlePeriod[] = []
  let activeMs: number | null = null
  const activeAt = (at: number) => {
    if (activeMs !== null && at - activeMs > IDLE_GAP_MS) idle.push({ fromMs: activeMs, toMs: at })
    activeMs = at
  }
  // rrweb's periodic checkouts repeat the Meta event of the page in view: not a navigation.
  let lastHref: unknown
  let lastType = -1
  const isCheckout = (event: RrwebEvent) =>
    event.type === EventType.Meta && event.data?.href === lastHref && lastType !== EventType.DomContentLoaded && lastType !== EventType.Load

  const take = (value: unknown, raw: string) => {
    if (typeof value === 'string') {
      value = unpackEvent(value, `event #${events + 1}`)
      raw = JSON.stringify(value)
    }
    const event = value as RrwebEvent
    if (
      !event ||
      typeof event !== 'object' ||
      !Number.isInteger(event.type) ||
      EventType[event.type] === undefined ||
      typeof event.timestamp !== 'number' ||
      !Number.isFinite(event.timestamp)
    ) {
      throw new FormatError(`event #${events + 1} is not an rrweb event (it needs a numeric "type" and "timestamp")`)
    }
    if (event.timestamp < 0 || event.timestamp > LATEST_MS) {
      throw new FormatError(`event #${events + 1}: timestamp ${event.timestamp} is not a time (epoch milliseconds, 1970 to 2262)`)
    }
    events++
    firstMs = Math.min(firstMs, event.timestamp)
    lastMs = Math.max(lastMs, event.timestamp)
    sink.event(event, raw)
    const marked = isCheckout(event) ? [] : markersOf(event)
    for (const marker of marked) {
      count(markers, marker)
      sink.marker(marker)
    }
    // The recording's start counts as activity: a first minute of nothing is idle too.
    if (activeMs === null || isActivity(event, marked)) activeAt(event.timestamp)
    if (event.type === EventType.Meta) lastHref = event.data?.href
    lastType = event.type
    if (event.type === EventType.Custom || event.type === EventType.Plugin) {
      for (const match of raw.matchAll(TRACEPARENT)) {
        const traceId = match[1].toLowerCase()
        if (!/^0+$/.test(traceId)) traceIds.add(traceId)
      }
    }
  }

  const isEvent = (path: JsonPath) =>
    layout === 'lines' ? path.length === 1 : layout === 'array' ? path.length === 2 : path.length === 3 && path[1] === 'events'

  return {
    descend(path: JsonPath, kind) {
      if (layout === 'array') return path.length === 1 && kind === 'array'
      if (layout === 'object') return (path.length === 1 && kind === 'object') || (path.length === 2 && path[1] === 'events' && kind === 'array')
      return false
    },
    value(path, value, raw) {
      if (isEvent(path)) take(value, raw)
    },
    finish() {
      if (events === 0) throw new FormatError('the recording has no rrweb events')
      // Up to the end: a long last stretch of nothing is idle too.
      activeAt(lastMs)
      return { events, firstMs, lastMs, markers, traceIds: [...traceIds].sort(), idle }
    },
  }
}

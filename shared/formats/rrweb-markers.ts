import { EventType, IncrementalSource, MouseInteractions } from '@rrweb/types'
import type { ConsoleLevel, SessionMarker } from '../domain/model'
import type { RrwebEvent } from './rrweb'

// What an rrweb event stands for on the replay's timeline: clicks, page loads, console messages
// and requests, from rrweb's own events and plugins and from what replay products add to them
// (Sentry's breadcrumb and span frames, PostHog's network entries).

const CONSOLE_PLUGIN = 'rrweb/console@1'
const NETWORK_PLUGIN = 'rrweb/network@1'

/** W3C trace context in any text: trace id and span id. */
export const TRACEPARENT = /\b00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}\b/gi

/** No real recording is older: a smaller "time" is relative to something (a page's load). */
const YEAR_2000_MS = 946_684_800_000

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

/** Console levels as rrweb's plugin and Sentry's breadcrumbs name them. */
const LEVELS: Record<string, ConsoleLevel> = {
  debug: 'debug',
  info: 'info',
  log: 'log',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  fatal: 'error',
  assert: 'error',
}

type Payload = Record<string, unknown>

const isPayload = (value: unknown): value is Payload => value !== null && typeof value === 'object' && !Array.isArray(value)

const PLAIN = { level: null, failed: false, traceId: null, spanId: null, durationMs: null }

/** What a request marker was read from, so a request logged twice can be told (request-twins.ts). */
export interface RequestSeen {
  url: string
  method: string | null
  status: number | null
  /** When it ran, as far as its record says: a page's log line has one moment, a product's entry a span. */
  fromMs: number
  toMs: number
  /** Logged by the replay product (its network entry or span), not by the page. */
  byProduct: boolean
}

/** A marker, and for a request what it was read from. */
export type FoundMarker = SessionMarker & { seen?: RequestSeen }

/** `url` as the page would write it: its path, when on the page's own origin. */
function shownUrl(url: string, pageHref: string | undefined): string {
  if (!pageHref || !/^https?:\/\//i.test(url)) return url
  try {
    const [target, page] = [new URL(url), new URL(pageHref)]
    return target.origin === page.origin ? `${target.pathname}${target.search}` : url
  } catch {
    return url
  }
}

/**
 * A request described by a custom event or the network plugin: {method, url, status, error}. On
 * the timeline where the page learnt its outcome: a product's record (`byProduct`) says when it
 * started, and is placed at its end; a page logs it once done.
 */
function requestMarker(at: number, request: Payload, byProduct: boolean, pageHref: string | undefined): FoundMarker | null {
  const status = Number(request.status ?? request.statusCode ?? request.responseStatus)
  const error = request.error ?? request.errorMessage
  if (request.url === undefined && request.method === undefined && !Number.isFinite(status) && !error) return null
  const failed = (Number.isFinite(status) && status >= 500) || (error !== undefined && error !== null && error !== false && error !== '')
  const outcome = Number.isFinite(status) && status > 0 ? ` → ${status}` : ''
  const reason = error ? ` (${typeof error === 'string' ? error : JSON.stringify(error)})` : ''
  const url = String(request.url ?? request.name ?? '')
  const label = `${String(request.method ?? request.initiatorType ?? 'request').toUpperCase()} ${shownUrl(url, pageHref)}${outcome}${reason}`
  const context = [...JSON.stringify(request).matchAll(TRACEPARENT)][0]
  const duration = Number(request.durationMs ?? request.duration)
  const durationMs = Number.isFinite(duration) && duration >= 0 ? duration : null
  return {
    kind: 'request',
    timeMs: Math.round(byProduct ? at + (durationMs ?? 0) : at),
    label: truncate(label.trim()),
    level: null,
    failed,
    traceId: context ? context[1].toLowerCase() : null,
    spanId: context ? context[2].toLowerCase() : null,
    durationMs,
    seen: {
      url,
      method: typeof request.method === 'string' ? request.method.toUpperCase() : null,
      status: Number.isFinite(status) && status > 0 ? status : null,
      fromMs: byProduct ? at : at - (durationMs ?? 0),
      toMs: byProduct ? at + (durationMs ?? 0) : at,
      byProduct,
    },
  }
}

/**
 * When a network plugin entry started: its epoch `timestamp`, or a `startTime` that is one, or
 * one relative to the page's `timeOrigin` (as performance entries are, and PostHog sends them).
 */
function networkEntryTime(entry: Payload, eventAt: number): number {
  const epoch = (value: unknown) => (typeof value === 'number' && value > YEAR_2000_MS ? value : null)
  const start = Number(entry.startTime)
  const origin = epoch(entry.timeOrigin)
  return epoch(entry.timestamp) ?? epoch(start) ?? (origin !== null && Number.isFinite(start) ? origin + start : eventAt)
}

/** Requests the page made (fetch, XHR, a document), not the images, styles and scripts it loaded, unless those failed. */
const PAGE_REQUESTS = new Set(['fetch', 'xmlhttprequest', 'navigation'])

function networkMarkers(entries: unknown[], eventAt: number, pageHref: string | undefined): FoundMarker[] {
  return entries.flatMap((entry) => {
    if (!isPayload(entry)) return []
    const found = requestMarker(networkEntryTime(entry, eventAt), entry, true, pageHref)
    const initiator = entry.initiatorType
    return found && (found.failed || typeof initiator !== 'string' || PAGE_REQUESTS.has(initiator)) ? [found] : []
  })
}

/** Sentry's replay breadcrumbs: console messages become console markers; its own bookkeeping (ui.*, replay.*) is left out. */
function sentryBreadcrumb(at: number, frame: Payload): SessionMarker[] {
  const category = String(frame.category ?? '')
  const message = typeof frame.message === 'string' ? frame.message : ''
  if (category === 'console') return [{ ...PLAIN, kind: 'console', timeMs: at, label: truncate(message), level: LEVELS[String(frame.level)] ?? 'log' }]
  if (category.startsWith('ui.') || category.startsWith('replay.')) return []
  return [{ ...PLAIN, kind: 'custom', timeMs: at, label: truncate(`${category}${message ? `: ${message}` : ''}`) }]
}

/** Sentry's replay span frames: its fetch and XHR spans are requests; page timings, memory and resources are left out. */
function sentrySpan(at: number, frame: Payload, pageHref: string | undefined): FoundMarker[] {
  if (frame.op !== 'resource.fetch' && frame.op !== 'resource.xhr') return []
  const data = isPayload(frame.data) ? frame.data : {}
  const start = Number(frame.startTimestamp) * 1000
  const end = Number(frame.endTimestamp) * 1000
  const request = requestMarker(start > YEAR_2000_MS ? start : at, {
    method: data.method ?? 'GET',
    url: frame.description,
    statusCode: data.statusCode,
    ...(Number.isFinite(end - start) ? { durationMs: end - start } : {}),
  }, true, pageHref)
  return request ? [request] : []
}

function customMarkers(at: number, tag: unknown, payload: unknown, pageHref: string | undefined): FoundMarker[] {
  if (isPayload(payload)) {
    if (tag === 'breadcrumb') return sentryBreadcrumb(at, payload)
    if (tag === 'performanceSpan') return sentrySpan(at, payload, pageHref)
    // Sentry's recording options; PostHog's own bookkeeping ($recording_started, $posthog_config…).
    if (tag === 'options' || (typeof tag === 'string' && tag.startsWith('$'))) return []
    const request = requestMarker(at, payload, false, pageHref)
    if (request) return [{ ...request, label: truncate(`${String(tag ?? 'request')}: ${request.label}`) }]
  }
  return [{ ...PLAIN, kind: 'custom', timeMs: at, label: truncate(`${String(tag ?? 'custom')} ${JSON.stringify(payload ?? '')}`) }]
}

/** The markers one event stands for (the network plugin batches several requests); `pageHref`: the page in view. */
export function markersOf(event: RrwebEvent, pageHref?: string): FoundMarker[] {
  const data = event.data ?? {}
  const at = event.timestamp
  const marker = (kind: SessionMarker['kind'], label: string): SessionMarker[] => [{ ...PLAIN, kind, timeMs: at, label: truncate(label) }]
  switch (event.type) {
    case EventType.Meta:
      return marker('navigation', typeof data.href === 'string' ? data.href : 'page load')
    case EventType.IncrementalSnapshot:
      if (data.source === IncrementalSource.MouseInteraction && data.type === MouseInteractions.Click) {
        return marker('click', `Click at ${Math.round(Number(data.x) || 0)}, ${Math.round(Number(data.y) || 0)}`)
      }
      return []
    case EventType.Custom:
      return customMarkers(at, data.tag, data.payload, pageHref)
    case EventType.Plugin: {
      const payload = isPayload(data.payload) ? data.payload : {}
      if (data.plugin === CONSOLE_PLUGIN) {
        return [{ ...PLAIN, kind: 'console', timeMs: at, label: truncate(consoleText(payload.payload)), level: LEVELS[String(payload.level)] ?? 'log' }]
      }
      if (data.plugin === NETWORK_PLUGIN && Array.isArray(payload.requests)) return networkMarkers(payload.requests, at, pageHref)
      return []
    }
    default:
      return []
  }
}

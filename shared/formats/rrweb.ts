import { EventType, IncrementalSource } from '@rrweb/types'
import type { IdlePeriod, MarkerCounts, SessionMarker } from '../domain/model'
import { FormatError } from './errors'
import type { JsonPath, SplitterHandlers } from './json-stream'
import { markersOf, TRACEPARENT } from './rrweb-markers'
import { RequestSieve } from './request-twins'
import { decompressPosthogEvent, isPosthogCompressed } from './posthog-compressed'
import { unpackEvent } from './rrweb-packed'
import { LATEST_NANOS } from './time'

// rrweb recordings, in the layouts RrwebLayout lists, events plain, packed by @rrweb/packer or
// gzipped in part by PostHog's recorder. Markers (rrweb-markers.ts), idle stretches and W3C trace
// context are extracted here so the replay pane never has to scan the whole recording.

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
  /** PostHog's export of a session in several browser windows: how many (each read apart, see createRrwebReader). */
  browserWindows?: number
}

/** A recording is idle between two moments of activity further apart than this (the gap rrweb's own player skips from). */
const IDLE_GAP_MS = 10_000

/**
 * Activity: the user doing something (moving, clicking, scrolling, typing: rrweb's user
 * interactions), or what a viewer must not be skipped past (a page load, a console error, a
 * failed request).
 */
const isActivity = (event: RrwebEvent, markers: readonly SessionMarker[]) =>
  (event.type === EventType.IncrementalSnapshot && isUserInteraction(event.data?.source)) ||
  markers.some((marker) => marker.kind === 'navigation' || marker.failed || (marker.kind === 'console' && marker.level === 'error'))

const isUserInteraction = (source: unknown) => typeof source === 'number' && source > IncrementalSource.Mutation && source <= IncrementalSource.Input

/** Times below this are seconds, not milliseconds: as ms they would be before 1974; as seconds, before the year 5138. */
const SECONDS_BEFORE_MS = 1e11

/** The latest time the workspace stores, in ms. */
const LATEST_MS = Number(LATEST_NANOS / 1_000_000n)

const count = (counts: MarkerCounts, marker: SessionMarker) => {
  if (marker.kind === 'click') counts.clicks++
  else if (marker.kind === 'navigation') counts.navigations++
  else if (marker.kind === 'console' && marker.level === 'error') counts.consoleErrors++
  else if (marker.kind === 'custom' || marker.kind === 'request') counts.custom++
}

/**
 * How events are laid out: a JSON array; an object's `events` array; one per line; an array of
 * segments, each an array of events (Sentry's API); PostHog's export, `data.snapshots` (or, in
 * its first version, `data.snapshotsByWindowId`, one array per window).
 */
export type RrwebLayout = 'array' | 'object' | 'lines' | 'segments' | 'posthog'

/**
 * Reads the events of a recording into `sink`. A PostHog export of several browser windows holds
 * several recordings (each window's DOM is a page of its own, not to be mixed on one timeline):
 * `browserWindow` says which one to read, counting from 0 in the order they first appear.
 */
export function createRrwebReader(sink: SessionSink, layout: RrwebLayout, browserWindow = 0): SessionReader {
  let events = 0
  let firstMs = Infinity
  let lastMs = -Infinity
  const markers: MarkerCounts = { clicks: 0, navigations: 0, consoleErrors: 0, custom: 0 }
  const requests = new RequestSieve((marker) => {
    count(markers, marker)
    sink.marker(marker)
  })
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
    } else if (isPosthogCompressed(value)) {
      value = decompressPosthogEvent(value, `event #${events + 1}`)
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
    // Sentry writes its span frames' times in seconds.
    if (event.type === EventType.Custom && event.timestamp > 0 && event.timestamp < SECONDS_BEFORE_MS) {
      event.timestamp = Math.round(event.timestamp * 1000)
      raw = JSON.stringify(event)
    }
    if (event.timestamp < 0 || event.timestamp > LATEST_MS) {
      throw new FormatError(`event #${events + 1}: timestamp ${event.timestamp} is not a time (epoch milliseconds, 1970 to 2262)`)
    }
    events++
    firstMs = Math.min(firstMs, event.timestamp)
    lastMs = Math.max(lastMs, event.timestamp)
    sink.event(event, raw)
    const marked = isCheckout(event) ? [] : markersOf(event, typeof lastHref === 'string' ? lastHref : undefined)
    requests.take(event, marked)
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

  // Events tagged with no window go with the first one.
  const windowIds: string[] = []
  const inOtherWindow = (path: JsonPath, value: unknown) => {
    if (layout !== 'posthog') return false
    const tagged = path.length === 5 ? path[3] : value !== null && typeof value === 'object' ? (value as { windowId?: unknown }).windowId : undefined
    if (typeof tagged !== 'string') return browserWindow !== 0
    let index = windowIds.indexOf(tagged)
    if (index < 0) index = windowIds.push(tagged) - 1
    return index !== browserWindow
  }

  const isEvent = (path: JsonPath) => {
    switch (layout) {
      case 'lines':
        return path.length === 1
      case 'array':
        return path.length === 2
      case 'object':
        return path.length === 3 && path[1] === 'events'
      case 'segments':
        return path.length === 3
      case 'posthog':
        return path[1] === 'data' && ((path.length === 4 && path[2] === 'snapshots') || (path.length === 5 && path[2] === 'snapshotsByWindowId'))
    }
  }

  return {
    descend(path: JsonPath, kind) {
      switch (layout) {
        case 'lines':
          return false
        case 'array':
          return path.length === 1 && kind === 'array'
        case 'object':
          return (path.length === 1 && kind === 'object') || (path.length === 2 && path[1] === 'events' && kind === 'array')
        case 'segments':
          return path.length <= 2 && kind === 'array'
        case 'posthog':
          if (path.length === 1 || (path.length === 2 && path[1] === 'data')) return kind === 'object'
          if (path.length === 3 && path[2] === 'snapshots') return kind === 'array'
          if (path.length === 3 && path[2] === 'snapshotsByWindowId') return kind === 'object'
          return path.length === 4 && path[2] === 'snapshotsByWindowId' && kind === 'array'
      }
    },
    value(path, value, raw) {
      if (isEvent(path) && !inOtherWindow(path, value)) take(value, raw)
    },
    finish() {
      if (events === 0) throw new FormatError('the recording has no rrweb events')
      requests.finish()
      // Up to the end: a long last stretch of nothing is idle too.
      activeAt(lastMs)
      const windows = windowIds.length > 1 ? { browserWindows: windowIds.length } : {}
      return { events, firstMs, lastMs, markers, traceIds: [...traceIds].sort(), idle, ...windows }
    },
  }
}

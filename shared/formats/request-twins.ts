import { EventType } from '@rrweb/types'
import type { SessionMarker } from '../domain/model'
import type { FoundMarker, RequestSeen } from './rrweb-markers'
import type { RrwebEvent } from './rrweb'

// A replay product records the page's requests itself (PostHog's network entries), and a page
// that logs its own requests (a custom event carrying the trace context) then lists each one
// twice. The product also records its own calls home, which are not the page's requests. This
// sieve keeps one marker per request, the one carrying trace context, and drops the product's
// own calls. A product sends its entries in batches, so requests wait a little for their twin.

/** How long, on the recording's clock, a request waits for its twin. */
const HOLD_MS = 10_000
/** How far apart two records of one request may place it (a log line comes just after the response). */
const SLACK_MS = 1_000
/** PostHog's ingestion hosts: calls there are PostHog's own, whatever its config said. */
const POSTHOG_INGESTION = /(^|\.)i\.posthog\.com$/

const parsedUrl = (url: string): URL | null => {
  try {
    return new URL(url, 'relative:/')
  } catch {
    return null
  }
}

/** Same path and query; same host too when both name one (a page logs paths, a product full URLs). */
function sameUrl(a: string, b: string): boolean {
  const [left, right] = [parsedUrl(a), parsedUrl(b)]
  if (!left || !right) return a === b
  const bothAbsolute = left.protocol !== 'relative:' && right.protocol !== 'relative:'
  return left.pathname === right.pathname && left.search === right.search && (!bothAbsolute || left.host === right.host)
}

function sameRequest(a: RequestSeen, b: RequestSeen): boolean {
  if (a.byProduct === b.byProduct) return false
  if (a.status !== null && b.status !== null && a.status !== b.status) return false
  if (a.method !== null && b.method !== null && a.method !== b.method) return false
  return a.fromMs - SLACK_MS <= b.toMs && b.fromMs - SLACK_MS <= a.toMs && sameUrl(a.url, b.url)
}

/** Of a request's two markers, the one to keep: with trace context, else the page's own. */
function keeper(held: FoundMarker, twin: FoundMarker): FoundMarker {
  const traced = [held, twin].filter((marker) => marker.traceId !== null)
  const kept = traced.length === 1 ? traced[0] : held.seen!.byProduct ? twin : held
  const other = kept === held ? twin : held
  return kept.durationMs === null && other.durationMs !== null ? { ...kept, durationMs: other.durationMs } : kept
}

const withoutSeen = ({ seen: _seen, ...marker }: FoundMarker): SessionMarker => marker

export class RequestSieve {
  private held: Array<{ marker: FoundMarker; takenAt: number }> = []
  private readonly productHosts: string[] = []
  private latestMs = -Infinity

  constructor(private readonly emit: (marker: SessionMarker) => void) {}

  /** One event's markers. */
  take(event: RrwebEvent, markers: readonly FoundMarker[]): void {
    this.notePostHogHosts(event)
    this.latestMs = Math.max(this.latestMs, event.timestamp)
    for (const marker of markers) {
      if (!marker.seen) this.emit(marker)
      else this.hold(marker)
    }
    this.release(this.latestMs - HOLD_MS)
  }

  /** The recording is read: the requests still waiting go out. */
  finish(): void {
    this.release(Infinity)
  }

  private hold(marker: FoundMarker): void {
    const twin = this.held.find((held) => sameRequest(held.marker.seen!, marker.seen!))
    if (twin) twin.marker = keeper(twin.marker, marker)
    else this.held.push({ marker, takenAt: this.latestMs })
  }

  /** Sends on the requests taken before `before` (held in the order taken). */
  private release(before: number): void {
    let due = 0
    while (due < this.held.length && this.held[due].takenAt < before) due++
    if (due === 0) return
    for (const { marker } of this.held.splice(0, due)) if (!this.isProductOwn(marker.seen!)) this.emit(withoutSeen(marker))
  }

  private isProductOwn(seen: RequestSeen): boolean {
    if (!seen.byProduct) return false
    const url = parsedUrl(seen.url)
    if (url && POSTHOG_INGESTION.test(url.hostname)) return true
    return this.productHosts.some((host) => seen.url === host || seen.url.startsWith(host.endsWith('/') ? host : `${host}/`))
  }

  /** PostHog's config event names where it sends its calls. */
  private notePostHogHosts(event: RrwebEvent): void {
    if (event.type !== EventType.Custom || event.data?.tag !== '$posthog_config') return
    const config = (event.data.payload as { config?: Record<string, unknown> } | undefined)?.config
    for (const host of [config?.api_host, config?.flags_api_host]) {
      if (typeof host === 'string' && /^https?:\/\//.test(host) && !this.productHosts.includes(host)) this.productHosts.push(host)
    }
  }
}

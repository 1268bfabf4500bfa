import { describe, expect, it } from 'vitest'
import type { SessionMarker } from '../domain/model'
import { RequestSieve } from './request-twins'
import { markersOf } from './rrweb-markers'
import type { RrwebEvent } from './rrweb'

const T0 = 1_796_607_690_000
const pageLog = (at: number, url: string, status: number): RrwebEvent => ({ type: 5, timestamp: at, data: { tag: 'fetch', payload: { method: 'GET', url, status, durationMs: 40 } } })
const productEntries = (at: number, ...requests: Array<{ name: string; startTime: number; duration: number; responseStatus: number }>): RrwebEvent => ({
  type: 6,
  timestamp: at,
  data: { plugin: 'rrweb/network@1', payload: { requests: requests.map((request) => ({ initiatorType: 'fetch', ...request })) } },
})

function sift(events: RrwebEvent[]): SessionMarker[] {
  const kept: SessionMarker[] = []
  const sieve = new RequestSieve((marker) => kept.push(marker))
  for (const event of events) sieve.take(event, markersOf(event))
  sieve.finish()
  return kept
}

describe('requests recorded twice', () => {
  it('keeps two real calls to one URL, each once, when the product logged both as well', () => {
    const kept = sift([
      pageLog(T0 + 50, '/api/cart', 200),
      pageLog(T0 + 3_050, '/api/cart', 200),
      productEntries(T0 + 4_000, { name: 'http://shop.test/api/cart', startTime: T0 + 10, duration: 40, responseStatus: 200 }, { name: 'http://shop.test/api/cart', startTime: T0 + 3_010, duration: 40, responseStatus: 200 }),
    ])
    expect(kept.map((marker) => [marker.timeMs, marker.label])).toEqual([
      [T0 + 50, 'fetch: GET /api/cart → 200'],
      [T0 + 3_050, 'fetch: GET /api/cart → 200'],
    ])
  })

  it('keeps both when they differ in status, and a product entry without a twin', () => {
    const kept = sift([pageLog(T0 + 50, '/api/cart', 200), productEntries(T0 + 100, { name: 'http://shop.test/api/cart', startTime: T0 + 10, duration: 40, responseStatus: 503 })])
    expect(kept.map((marker) => marker.label).sort()).toEqual(['FETCH http://shop.test/api/cart → 503', 'fetch: GET /api/cart → 200'])
  })

  it('places a request recorded only by the product where its answer came, with its duration', () => {
    const [kept] = sift([productEntries(T0 + 900, { name: 'http://shop.test/api/cart', startTime: T0 + 100.4, duration: 250.3, responseStatus: 200 })])
    expect(kept).toMatchObject({ timeMs: T0 + 351, durationMs: 250.3 })
  })

  it("leaves out calls to PostHog's ingestion hosts", () => {
    const kept = sift([productEntries(T0, { name: 'https://us.i.posthog.com/flags/?v=2', startTime: T0, duration: 12, responseStatus: 200 })])
    expect(kept).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { buildTraceData } from '../../../shared/traces/build-trace'
import type { TraceListItem } from '../../../shared/domain/model'
import { clockLabel, epochMsAt, formatNs, offsetAtEpochMs, traceClock } from './clock'
import { matchesAttributes, matchesColumns, matchesTrace, parseDuration, parseQuery, queryNames, tokenize, unusedInList } from './query'
import { nextSort, sortTraces, suggestComparison } from './sortTraces'
import { digitsFor, tickStep, timeTicks } from './ticks'
import { clampWindow, panWindow, windowAround, windowShowing, zoomWindow } from './viewport'
import { recycleKeys, rowWindow, scrollToShow } from './virtual'

describe('row window', () => {
  const options = { rowHeight: 20, overscan: 4, chunk: 8 }
  it('covers the viewport plus overscan, snapped to chunks', () => {
    expect(rowWindow(0, 200, 1000, options)).toEqual({ start: 0, end: 16 })
    expect(rowWindow(2000, 200, 1000, options)).toEqual({ start: 96, end: 120 })
    expect(rowWindow(19_900, 200, 1000, options)).toEqual({ start: 984, end: 1000 })
  })
  it('stays the same while scrolling inside a chunk', () => {
    expect(rowWindow(2000, 200, 1000, options)).toEqual(rowWindow(2030, 200, 1000, options))
  })
  it('handles no rows and odd input', () => {
    expect(rowWindow(0, 200, 0, options)).toEqual({ start: 0, end: 0 })
    expect(rowWindow(-50, 200, 5, options)).toEqual({ start: 0, end: 5 })
  })
  it('keeps the keys of rows that stay and gives those scrolled out to those scrolled in', () => {
    const first = recycleKeys(new Map(), 0, 16)
    expect([...first.values()]).toEqual([...Array(16).keys()])
    const scrolled = recycleKeys(first, 8, 24)
    for (let row = 8; row < 16; row++) expect(scrolled.get(row)).toBe(first.get(row))
    // Rows 16-23 took rows 0-7's keys: no new elements, no key in use twice.
    expect(new Set(scrolled.values())).toEqual(new Set([...Array(16).keys()]))
    // A taller viewport adds keys; a jump far away reuses them all.
    const taller = recycleKeys(scrolled, 8, 32)
    expect(new Set(taller.values()).size).toBe(24)
    expect(new Set(recycleKeys(taller, 500, 516).values()).size).toBe(16)
    expect([...recycleKeys(taller, 500, 516).values()].every((key) => key < 24)).toBe(true)
  })
  it('scrolls the least to show a row', () => {
    expect(scrollToShow(10, 0, 200, 20, 0)).toBe(20)
    expect(scrollToShow(10, 100, 200, 20, 0)).toBe(100)
    expect(scrollToShow(2, 100, 200, 20, 0)).toBe(40)
  })
})

describe('time window', () => {
  const bounds = { start: 0, end: 1000 }
  it('zooms around the anchor', () => {
    expect(zoomWindow(bounds, 0.5, 0.5, bounds, 10)).toEqual({ start: 250, end: 750 })
    expect(zoomWindow(bounds, 0.5, 0, bounds, 10)).toEqual({ start: 0, end: 500 })
    expect(zoomWindow({ start: 250, end: 750 }, 4, 0.5, bounds, 10)).toEqual(bounds)
  })
  it('never goes narrower than the minimum nor outside the bounds', () => {
    expect(zoomWindow(bounds, 1e-9, 0.5, bounds, 10)).toEqual({ start: 495, end: 505 })
    expect(panWindow({ start: 800, end: 900 }, 5, bounds, 10)).toEqual({ start: 900, end: 1000 })
    expect(clampWindow({ start: -50, end: 50 }, bounds, 10)).toEqual({ start: 0, end: 100 })
  })
  it('moves to show a span', () => {
    expect(windowShowing({ start: 0, end: 100 }, 20, 30, bounds, 10)).toEqual({ start: 0, end: 100 })
    expect(windowShowing({ start: 0, end: 100 }, 500, 520, bounds, 10)).toEqual({ start: 430, end: 530 })
  })
  it('zooms in on a span with room around it', () => {
    expect(windowAround(400, 600, bounds, 10)).toEqual({ start: 360, end: 640 })
    expect(windowAround(500, 500, bounds, 10)).toEqual({ start: 490, end: 510 })
    expect(windowAround(0, 200, bounds, 10)).toEqual({ start: 0, end: 280 })
    // Most of the trace: still zoomed in, just less.
    expect(windowAround(450, 950, bounds, 10)).toEqual({ start: 300, end: 1000 })
    expect(windowAround(0, 1000, bounds, 10)).toEqual(bounds)
  })
})

describe('trace clock', () => {
  // 2025-11-25 06:34:50.304 125 678 UTC
  const base = '1764052490304125678'
  it('keeps nanoseconds exact', () => {
    const clock = traceClock(base)
    expect(clock.baseNs).toBe(34 * 60e9 + 50.304125678e9)
    expect(clockLabel(clock, 0, 9).slice(-13)).toBe(':50.304125678')
    expect(clockLabel(clock, 1_000_000, 3).slice(-7)).toBe(':50.305')
    expect(clockLabel(clock, 0, 6).slice(-10)).toBe(':50.304125')
    expect(epochMsAt(clock, 0)).toBeCloseTo(1764052490304.125678, 6)
    // epoch ms in a double are good to a fraction of a microsecond
    expect(offsetAtEpochMs(clock, 1764052490305.125678)).toBeCloseTo(1e6, -3)
  })
  it('applies the artifact clock offset', () => {
    expect(clockLabel(traceClock(base, 1000), 0).slice(-6)).toBe('51.304')
  })
  it('formats durations', () => {
    expect(formatNs(850)).toBe('850 ns')
    expect(formatNs(12_345)).toBe('12.3 µs')
    expect(formatNs(1_240_000)).toBe('1.24 ms')
    expect(formatNs(354_413_000)).toBe('354 ms')
    expect(formatNs(1_250_000_000)).toBe('1.25 s')
    expect(formatNs(125e9)).toBe('2 min 05 s')
    expect(formatNs(2_000_000)).toBe('2 ms')
  })
})

describe('axis ticks', () => {
  const clock = traceClock('1764052490304125678')
  it('picks round steps', () => {
    expect(tickStep(1e9, 1000, 80)).toBe(1e8)
    expect(tickStep(354e6, 500, 72)).toBe(1e8)
    expect(digitsFor(5e5)).toBe(6)
    expect(digitsFor(50)).toBe(9)
  })
  it('lands on round wall-clock times, full label where the second changes', () => {
    const ticks = timeTicks({ start: 0, end: 20e6 }, 800, clock)
    expect(ticks.length).toBeGreaterThan(3)
    for (const tick of ticks) {
      expect(tick.x).toBeGreaterThanOrEqual(0)
      expect(tick.x).toBeLessThanOrEqual(1)
    }
    expect(ticks[0].full).toBe(true)
    // 2 ms apart, from the first even millisecond after .304125678
    expect(ticks[0].label).toMatch(/^\d{2}:\d{2}:50\.306$/)
    // (80 px on: the full time before it takes that room, so this one shows its line only.)
    expect(ticks[1]).toMatchObject({ label: '', full: false })
    expect(ticks[2].label).toBe('.310')
    const across = timeTicks({ start: 600e6, end: 800e6 }, 800, clock)
    const second = across.find((tick) => tick.label.endsWith(':51.000'))
    expect(second?.full).toBe(true)
  })
  it('leaves out a label a full time before it would run into', () => {
    // A 354 ms trace on a narrow axis: ticks every 100 ms, 85 px apart; the full time takes more.
    const ticks = timeTicks({ start: 0, end: 354e6 }, 300, clock)
    const shown = ticks.filter((tick) => tick.label !== '')
    expect(shown[0].full).toBe(true)
    for (let i = 1; i < shown.length; i++) expect((shown[i].x - shown[i - 1].x) * 300).toBeGreaterThanOrEqual(shown[i - 1].label.length * 6.5)
    expect(ticks.length).toBeGreaterThan(shown.length)
  })

  it('shows microseconds when zoomed in', () => {
    const ticks = timeTicks({ start: 0, end: 20_000 }, 800, clock)
    expect(ticks[0].label).toMatch(/^\d{2}:\d{2}:50\.304130$/)
  })
})

describe('span query', () => {
  it('parses words, fields, attributes, durations and errors', () => {
    const query = parseQuery('checkout service:Pay op:charge http.route="/v1/a b" >50ms error')
    expect(query.words).toEqual(['checkout'])
    expect(query.services).toEqual([{ value: 'pay', exact: false }])
    expect(query.operations).toEqual([{ value: 'charge', exact: false }])
    expect(parseQuery('op:"GET /a b"').operations).toEqual([{ value: 'get /a b', exact: true }])
    expect(query.attributes).toEqual([{ key: 'http.route', value: '/v1/a b' }])
    expect(query.minDurationNs).toBe(50e6)
    expect(query.errorsOnly).toBe(true)
    expect(parseQuery('dur>=1.5s').minDurationNs).toBe(1.5e9)
    expect(parseQuery('>abc').invalid).toEqual(['>abc'])
    expect(parseQuery('dur<2s').maxDurationNs).toBe(2e9)
    expect(parseDuration('200us')).toBe(200e3)
    expect(parseDuration('7')).toBe(7e6)
    expect(tokenize('a "b c"  d')).toEqual(['a', 'b c', 'd'])
  })
  it('matches spans by their columns', () => {
    const trace = buildTraceData([
      { service: 'checkout-service', name: 'POST /v1/orders', start: 0, duration: 100e6, error: true, children: [{ service: 'payment-service', name: 'charge', start: 1, duration: 10e6 }] },
    ])
    const names = queryNames(trace)
    const match = (text: string) => [0, 1].filter((i) => matchesColumns(trace, names, parseQuery(text), i))
    expect(match('checkout')).toEqual([0])
    expect(match('service:payment')).toEqual([1])
    expect(match('>50ms')).toEqual([0])
    expect(match('<50ms')).toEqual([1])
    expect(match('>5ms <=10ms')).toEqual([1])
    expect(match('error')).toEqual([0])
    expect(match('POST orders')).toEqual([0])
    expect(match('op:charg')).toEqual([1])
    expect(match('op:"charg"')).toEqual([])
    expect(match('service:"payment-service" op:"charge"')).toEqual([1])
    expect(match('')).toEqual([0, 1])
  })
  it('finds where each piece of a trace in pieces starts (is:root)', () => {
    // The gateway's call to checkout-service was lost: the spans below it start a tree of their own.
    const trace = buildTraceData([
      { service: 'api-gateway', name: 'POST /api/checkout', start: 0, duration: 100e6 },
      { service: 'payment-service', name: 'charge', start: 10e6, duration: 20e6, children: [{ service: 'payment-service', name: 'SELECT', start: 11e6, duration: 1e6 }] },
    ])
    const names = queryNames(trace)
    const match = (text: string) => [0, 1, 2].filter((i) => matchesColumns(trace, names, parseQuery(text), i))
    expect(match('is:root')).toEqual([0, 1])
    expect(match('is:root service:payment')).toEqual([1])
    expect(unusedInList(parseQuery('is:root checkout'))).toEqual(['is:root'])
  })
  it('matches attributes by their text', () => {
    const attributes: Record<string, string[]> = { 'http.status_code': ['503'], 'order.id': ['A-1'] }
    const lookup = (key: string) => attributes[key] ?? []
    expect(matchesAttributes(parseQuery('http.status_code=503').attributes, lookup)).toBe(true)
    expect(matchesAttributes(parseQuery('order.id=a-1 http.status_code=503').attributes, lookup)).toBe(true)
    expect(matchesAttributes(parseQuery('http.status_code=500').attributes, lookup)).toBe(false)
    expect(matchesAttributes(parseQuery('order.id=').attributes, lookup)).toBe(true)
    expect(matchesAttributes(parseQuery('missing=*').attributes, lookup)).toBe(false)
  })
})

describe('trace list order', () => {
  const item = (traceId: string, errors: number, startNs: string, durationNs = 1): TraceListItem => ({
    artifactId: 1,
    artifactIds: [1],
    pieces: 1,
    traceId,
    services: [],
    rootService: 'svc',
    rootName: traceId,
    startNs,
    durationNs,
    spans: 1,
    errors,
  })
  const traces = [item('a', 0, '900'), item('b', 2, '100'), item('c', 0, '1000', 5), item('d', 1, '50')]
  it('puts errors first, then the newest', () => {
    expect(sortTraces(traces, { key: 'errors', descending: true }).map((t) => t.traceId)).toEqual(['b', 'd', 'c', 'a'])
  })
  it('sorts by start exactly, even across decimal lengths', () => {
    expect(sortTraces(traces, { key: 'start', descending: false }).map((t) => t.traceId)).toEqual(['d', 'b', 'a', 'c'])
  })
  it('flips the same column and starts others in their natural direction', () => {
    expect(nextSort({ key: 'errors', descending: true }, 'errors')).toEqual({ key: 'errors', descending: false })
    expect(nextSort({ key: 'errors', descending: true }, 'duration')).toEqual({ key: 'duration', descending: true })
    expect(nextSort({ key: 'errors', descending: true }, 'root')).toEqual({ key: 'root', descending: false })
  })
})

describe('trace list filter', () => {
  const trace = (rootName: string, services: string[], durationNs: number, errors: number, traceId = 'ab12'.repeat(8)): TraceListItem => ({
    artifactId: 1,
    artifactIds: [1],
    pieces: 1,
    traceId,
    services,
    rootService: services[0],
    rootName,
    startNs: '1',
    durationNs,
    spans: 3,
    errors,
  })
  const checkout = trace('POST /api/checkout', ['api-gateway', 'payment-service'], 354e6, 6)
  const cart = trace('GET /api/cart', ['api-gateway', 'cart-service'], 60e6, 0, 'cd34'.repeat(8))
  const shown = (text: string) => [checkout, cart].filter((item) => matchesTrace(item, parseQuery(text))).map((item) => item.rootName)

  it('reads the waterfall search of each trace as a whole: its root, services, id, duration and errors', () => {
    expect(shown('checkout')).toEqual(['POST /api/checkout'])
    expect(shown('payment')).toEqual(['POST /api/checkout'])
    expect(shown('service:api-gateway')).toEqual(['POST /api/checkout', 'GET /api/cart'])
    expect(shown('service:"cart"')).toEqual([])
    expect(shown('op:GET')).toEqual(['GET /api/cart'])
    expect(shown('>100ms')).toEqual(['POST /api/checkout'])
    expect(shown('<100ms')).toEqual(['GET /api/cart'])
    expect(shown('error')).toEqual(['POST /api/checkout'])
    expect(shown('cd34')).toEqual(['GET /api/cart'])
    expect(shown('gateway >1s')).toEqual([])
  })

  it('leaves attribute terms to the waterfall, and says so', () => {
    const query = parseQuery('http.route=/v1/x cart')
    expect(unusedInList(query)).toEqual(['http.route=/v1/x'])
    expect(shown('http.route=/v1/x cart')).toEqual(['GET /api/cart'])
  })
})

describe('comparison suggestion', () => {
  const item = (traceId: string, errors: number, rootName: string, rootService = 'gateway'): TraceListItem => ({
    artifactId: 1,
    artifactIds: [1],
    pieces: 1,
    traceId,
    services: [],
    rootService,
    rootName,
    startNs: '1',
    durationNs: 1,
    spans: 1,
    errors,
  })
  it('prefers a healthy trace of the same operation, then of the same service, then any', () => {
    const failing = item('f', 3, 'POST /checkout')
    expect(suggestComparison(failing, [failing, item('a', 0, 'GET /cart'), item('b', 0, 'POST /checkout')])?.traceId).toBe('b')
    expect(suggestComparison(failing, [failing, item('c', 0, 'GET /x', 'other'), item('a', 0, 'GET /cart')])?.traceId).toBe('a')
    expect(suggestComparison(failing, [failing, item('d', 2, 'POST /checkout')])?.traceId).toBe('d')
    expect(suggestComparison(failing, [failing])).toBeUndefined()
  })
})

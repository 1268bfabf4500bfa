import { describe, expect, it } from 'vitest'
import type { SessionMarker } from '../../shared/domain/model'
import { clusterMarkers, formatElapsed, formatElapsedTenths, listEntries, markerStops, nextMarker, previousMarker, scrubberMarkers, stepSpeed } from './timeline'

const marker = (kind: SessionMarker['kind'], timeMs: number, extra: Partial<SessionMarker> = {}): SessionMarker => ({
  kind,
  timeMs,
  label: `${kind} at ${timeMs}`,
  level: null,
  failed: false,
  traceId: null,
  spanId: null,
  durationMs: null,
  ...extra,
})

const markers = [
  marker('navigation', 0),
  marker('click', 100),
  marker('console', 200, { level: 'log' }),
  marker('console', 300, { level: 'error' }),
  marker('request', 400),
  marker('request', 500, { failed: true }),
  marker('custom', 600),
]

describe('scrubber markers', () => {
  it('shows clicks, navigations, console errors, failed requests and custom events', () => {
    expect(scrubberMarkers(markers).map((shown) => [shown.kind, shown.timeMs])).toEqual([
      ['navigation', 0],
      ['click', 100],
      ['error', 300],
      ['failed', 500],
      ['custom', 600],
    ])
  })
})

describe('list entries', () => {
  it('lists console messages by level, requests (failed apart) and custom events', () => {
    expect(listEntries(markers).map((entry) => [entry.category, entry.timeMs])).toEqual([
      ['log', 200],
      ['error', 300],
      ['request', 400],
      ['failed', 500],
      ['custom', 600],
    ])
  })
})

describe('marker navigation', () => {
  const shown = scrubberMarkers(markers)
  it('finds the next marker after the playhead', () => {
    expect(nextMarker(shown, 100)?.timeMs).toBe(300)
    expect(nextMarker(shown, 150)?.timeMs).toBe(300)
    expect(nextMarker(shown, 600)).toBeNull()
  })
  it('makes markers a moment apart one stop, at the first of them', () => {
    const close = [marker('request', 17_576, { failed: true }), marker('console', 17_579, { level: 'error' }), marker('click', 17_580)]
    expect(markerStops([marker('click', 17_171), ...close, marker('navigation', 18_000)]).map((stop) => stop.timeMs)).toEqual([17_171, 17_576, 18_000])
    // The page a click opened, 191 ms later, is a stop of its own.
    expect(markerStops([marker('click', 6_840), marker('navigation', 7_031)]).map((stop) => stop.timeMs)).toEqual([6_840, 7_031])
    expect(previousMarker(markerStops([marker('click', 17_171), ...close]), 17_580)?.timeMs).toBe(17_576)
  })
  it('finds the previous marker before the playhead', () => {
    expect(previousMarker(shown, 300)?.timeMs).toBe(100)
    expect(previousMarker(shown, 301)?.timeMs).toBe(300)
    expect(previousMarker(shown, 0)).toBeNull()
  })
})

describe('speeds and times', () => {
  it('steps through 1×, 2×, 4× and 8×, stopping at the ends', () => {
    expect(stepSpeed(1, 1)).toBe(2)
    expect(stepSpeed(4, 1)).toBe(8)
    expect(stepSpeed(8, 1)).toBe(8)
    expect(stepSpeed(2, -1)).toBe(1)
    expect(stepSpeed(1, -1)).toBe(1)
  })
  it('formats elapsed time', () => {
    expect(formatElapsed(0)).toBe('0:00')
    expect(formatElapsed(17_580)).toBe('0:17')
    expect(formatElapsed(3_723_000)).toBe('1:02:03')
    expect(formatElapsedTenths(17_579)).toBe('0:17.5')
  })
})

describe('marker clusters', () => {
  const shown = scrubberMarkers(markers) // at 0, 100, 300, 500, 600 on a 0..600 recording
  it('keeps markers apart when there is room', () => {
    expect(clusterMarkers(shown, 0, 600, 600).map((cluster) => cluster.markers.length)).toEqual([1, 1, 1, 1, 1])
  })
  it('groups markers too close to tell apart, led by the most telling one', () => {
    const clusters = clusterMarkers(shown, 0, 600, 30) // 5 px per 100 ms
    expect(clusters.map((cluster) => [cluster.timeMs, cluster.kind, cluster.markers.length])).toEqual([
      [0, 'navigation', 2],
      [300, 'error', 1],
      [500, 'failed', 2],
    ])
    // A click then an error 1 px later: the error leads.
    const close = scrubberMarkers([marker('click', 100), marker('console', 102, { level: 'error' })])
    expect(clusterMarkers(close, 0, 600, 600).map((cluster) => [cluster.timeMs, cluster.kind, cluster.markers.length])).toEqual([[102, 'error', 2]])
  })
})

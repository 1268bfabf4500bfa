import { describe, expect, it } from 'vitest'
import { suggestSessionOffset } from './alignment'

const request = (traceId: string, endMs: number, durationMs: number | null = 400) => ({ traceId, endMs, durationMs })
const trace = (traceId: string, startMs: number, endMs: number) => ({ traceId, startMs, endMs })

describe('session clock offset', () => {
  it('is zero when every trace already lies inside its request', () => {
    expect(suggestSessionOffset([request('a', 1_400), request('b', 5_400)], [trace('a', 1_010, 1_390), trace('b', 5_050, 5_300)])).toEqual({
      offsetMs: 0,
      linked: 2,
      consistent: true,
    })
  })

  it('moves a browser clock running 7 s ahead back onto the servers', () => {
    // Requests end at 8,400 and 12,400 on the browser's clock; the servers saw them at ~1,000 and ~5,000.
    const suggestion = suggestSessionOffset([request('a', 8_400), request('b', 12_400)], [trace('a', 1_010, 1_390), trace('b', 5_050, 5_300)])!
    expect(suggestion.consistent).toBe(true)
    expect(suggestion.offsetMs).toBeGreaterThanOrEqual(-7_010)
    expect(suggestion.offsetMs).toBeLessThanOrEqual(-6_950)
  })

  it('settles on a compromise when no single offset fits, and says so', () => {
    const suggestion = suggestSessionOffset([request('a', 1_400), request('b', 5_400)], [trace('a', 1_010, 1_390), trace('b', 9_050, 9_300)])!
    expect(suggestion.consistent).toBe(false)
    expect(suggestion.linked).toBe(2)
  })

  it('uses the end alone when the duration is unknown, and needs at least one linked trace', () => {
    expect(suggestSessionOffset([request('a', 1_000, null)], [trace('a', 1_200, 1_300)])).toEqual({ offsetMs: 300, linked: 1, consistent: true })
    expect(suggestSessionOffset([request('x', 1_000)], [trace('a', 1_200, 1_300)])).toBeNull()
  })
})

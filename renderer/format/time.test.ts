import { describe, expect, it } from 'vitest'
import { formatClockMs } from './time'

describe('formatClockMs', () => {
  it('rounds to the millisecond, so the clock and a finding made at that moment read the same', () => {
    const base = new Date(2026, 11, 6, 14, 3, 12, 344).getTime()
    expect(formatClockMs(base + 0.7)).toBe('14:03:12.345')
    expect(formatClockMs(base + 0.2)).toBe('14:03:12.344')
    // Rounding carries into the second.
    expect(formatClockMs(new Date(2026, 11, 6, 14, 3, 12, 999).getTime() + 0.6)).toBe('14:03:13.000')
  })
})

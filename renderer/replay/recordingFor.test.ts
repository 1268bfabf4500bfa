import { describe, expect, it } from 'vitest'
import { recordingFor } from './recordingFor'

const checkout = { id: 1, startMs: 1_000, endMs: 18_000, clockOffsetMs: 0 }
const later = { id: 2, startMs: 121_000, endMs: 138_000, clockOffsetMs: 0 }
const shifted = { id: 3, startMs: 500_000, endMs: 510_000, clockOffsetMs: -300_000 }

describe('recordingFor', () => {
  it('shows the recording a move lands in, staying on the shown one while it covers the moment', () => {
    expect(recordingFor([checkout, later], later, { timeMs: 7_000 })).toBe(checkout)
    expect(recordingFor([checkout, later], later, { timeMs: 125_000 })).toBe(later)
    // On the incident's clock: its offset counts.
    expect(recordingFor([checkout, shifted], checkout, { timeMs: 205_000 })).toBe(shifted)
    // Nowhere: it stays.
    expect(recordingFor([checkout, later], later, { timeMs: 60_000 })).toBe(later)
  })

  it('takes the recording asked for by id (a followed driver shows that one)', () => {
    const overlapping = { id: 4, startMs: 1_000, endMs: 18_000, clockOffsetMs: 0 }
    expect(recordingFor([checkout, overlapping], checkout, { timeMs: 5_000, recordingId: 4 })).toBe(overlapping)
    expect(recordingFor([checkout, overlapping], overlapping, { timeMs: 5_000, recordingId: 99 })).toBe(overlapping)
  })
})

import { describe, expect, it } from 'vitest'
import { barOf, durationPlace, labelEnd, labelSlots, TOGGLE_SIZE } from './rowGeometry'

// The row geometry the canvas draws by and the transparent elements over it are placed by.

describe('barOf', () => {
  it('places a span on the track at the window scale, at least a pixel wide', () => {
    // Window from 1000 ns, 0.5 px per ns, 400 px of track.
    expect(barOf(1100, 200, 1000, 0.5, 400)).toEqual({ left: 50, right: 150, off: undefined })
    expect(barOf(1100, 0, 1000, 0.5, 400)).toEqual({ left: 50, right: 51, off: undefined })
  })

  it('keeps a span outside the window just off the track edge, and says which side it is on', () => {
    expect(barOf(0, 100, 1000, 0.5, 400)).toEqual({ left: -2, right: -1, off: 'left' })
    expect(barOf(5000, 100, 1000, 0.5, 400)).toEqual({ left: 402, right: 403, off: 'right' })
    // Longer than the window on both sides: across the whole track.
    expect(barOf(0, 10_000, 1000, 0.5, 400)).toEqual({ left: -2, right: 402, off: undefined })
  })
})

describe('durationPlace', () => {
  const track = 400
  it('puts the duration after the bar when it fits there', () => {
    expect(durationPlace({ left: 10, right: 100, off: undefined }, 40, track)).toEqual({ x: 104, side: 'right' })
  })

  it('puts it before a bar that ends near the track end', () => {
    expect(durationPlace({ left: 200, right: 390, off: undefined }, 40, track)).toEqual({ x: 196, side: 'left' })
  })

  it('puts it inside a bar that leaves no room on either side', () => {
    expect(durationPlace({ left: 5, right: 398, off: undefined }, 40, track)).toEqual({ x: 394, side: 'inside' })
  })
})

describe('labelSlots', () => {
  it('indents by depth and puts the name after the expander and swatch', () => {
    const top = labelSlots(0, 12, { error: false, finding: false, peer: false })
    const deep = labelSlots(3, 12, { error: false, finding: false, peer: false })
    expect(deep.toggle - top.toggle).toBe(36)
    expect(top.swatch).toBeGreaterThanOrEqual(top.toggle + TOGGLE_SIZE)
    expect(top.text).toBeGreaterThan(top.swatch)
    expect([top.error, top.finding, top.peer]).toEqual([null, null, null])
  })

  it('lines up the marks a span has between swatch and name, in order, each pushing the name right', () => {
    const plain = labelSlots(1, 12, { error: false, finding: false, peer: false })
    const marked = labelSlots(1, 12, { error: true, finding: true, peer: true })
    expect(marked.error).toBe(plain.text)
    expect(marked.finding!).toBeGreaterThan(marked.error!)
    expect(marked.peer!).toBeGreaterThan(marked.finding!)
    expect(marked.text).toBeGreaterThan(marked.peer!)
  })
})

describe('labelEnd', () => {
  it('gives the names the whole column when there is nothing to show at its end', () => {
    expect(labelEnd(300, 0, false)).toEqual({ skew: null, hidden: null, textEnd: 292 })
  })

  it('keeps the skew mark and the hidden count at the column end, taking their room from the names', () => {
    const end = labelEnd(300, 1234, true)
    expect(end.skew).not.toBeNull()
    expect(end.hidden!.left + end.hidden!.width).toBeLessThan(end.skew!)
    expect(end.textEnd).toBeLessThan(end.hidden!.left)
    // A wider count takes more room.
    expect(labelEnd(300, 7, false).textEnd).toBeGreaterThan(labelEnd(300, 1234, false).textEnd)
  })
})

import { clockLabel, type TraceClock } from './clock'
import type { TimeWindow } from './viewport'

// Ticks of the waterfall's time axis: round wall-clock times (…, .300, .305, .310 …), labelled
// with the full time where the second changes and with the fraction elsewhere.

export interface Tick {
  /** ns from the trace's base. */
  offset: number
  /** 0 … 1 across the window. */
  x: number
  /** Empty where the label before it takes the room. */
  label: string
  /** The label carries the full time (hh:mm:ss.fff), not just the fraction. */
  full: boolean
}

const SECOND = 1e9
/** Room a label takes on the axis: its characters (10.5 px monospace), its padding and a gap. */
const labelPx = (label: string) => label.length * 6.5 + 10
const STEPS: number[] = []
for (let power = 1; power < SECOND; power *= 10) STEPS.push(power, power * 2, power * 5)
STEPS.push(SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND)
for (const minutes of [1, 2, 5, 10, 15, 30, 60, 120, 360, 720, 1440]) STEPS.push(minutes * 60 * SECOND)

/** The smallest round step (ns) that keeps ticks at least `minPx` apart. */
export function tickStep(windowNs: number, widthPx: number, minPx: number): number {
  const needed = (windowNs / Math.max(1, widthPx)) * minPx
  return STEPS.find((step) => step >= needed) ?? STEPS[STEPS.length - 1]
}

/** Fraction digits a step needs: ms, µs or ns. */
export const digitsFor = (step: number): 3 | 6 | 9 => (step >= 1e6 ? 3 : step >= 1e3 ? 6 : 9)

/** Ticks for `window` on an axis `widthPx` wide, at least `minPx` apart. */
export function timeTicks(window: TimeWindow, widthPx: number, clock: TraceClock, minPx = 72): Tick[] {
  const windowNs = window.end - window.start
  if (!(windowNs > 0) || widthPx <= 0) return []
  // Full labels are wider: space ticks so they fit when fractions alone would not.
  const digits = digitsFor(tickStep(windowNs, widthPx, minPx))
  const step = tickStep(windowNs, widthPx, digits === 3 ? minPx : minPx * 1.25)
  const fractionDigits = digitsFor(step)
  const first = Math.ceil((clock.baseNs + window.start) / step) * step
  const ticks: Tick[] = []
  let previousSecond = Number.NaN
  for (let at = first; at <= clock.baseNs + window.end + 1e-6; at += step) {
    const offset = at - clock.baseNs
    const full = clockLabel(clock, offset, fractionDigits)
    const second = Math.floor(at / SECOND)
    const isFull = ticks.length === 0 || second !== previousSecond || step >= SECOND
    previousSecond = second
    ticks.push({ offset, x: (offset - window.start) / windowNs, label: isFull ? full : full.slice(full.indexOf('.')), full: isFull })
    if (ticks.length > 400) break
  }
  // A full label is wider than the step may leave room for: the ticks it would run into keep
  // their line, not their label.
  let freeFrom = Number.NEGATIVE_INFINITY
  for (const tick of ticks) {
    const px = tick.x * widthPx
    if (px < freeFrom) tick.label = ''
    else freeFrom = px + labelPx(tick.label)
  }
  return ticks
}

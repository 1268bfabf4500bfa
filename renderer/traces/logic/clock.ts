// Wall-clock times of a trace, exact to the nanosecond. Span times are ns offsets from the
// trace's base (an epoch-ns decimal beyond 2^53); here they become offsets from a nearby whole
// hour, which a double holds exactly, so ticks land on round wall-clock times.

const HOUR_NS = 3_600_000_000_000n

export interface TraceClock {
  /** A whole hour (epoch ms, UTC) at or before the trace's base, on the incident's clock. */
  originMs: number
  /** The trace's base, ns after originMs. */
  baseNs: number
}

/** The clock for a trace starting at `baseNs` (epoch ns), shifted by its artifact's clock offset. */
export function traceClock(baseNs: string, offsetMs = 0): TraceClock {
  const base = BigInt(baseNs) + BigInt(Math.round(offsetMs * 1e6))
  const hour = base / HOUR_NS
  return { originMs: Number(hour * 3_600_000n), baseNs: Number(base - hour * HOUR_NS) }
}

/** Epoch ms (fractional) of a trace offset, for comparing with the incident clock. */
export const epochMsAt = (clock: TraceClock, offsetNs: number): number => clock.originMs + (clock.baseNs + offsetNs) / 1e6

/** The trace offset (ns) of an epoch-ms time on the incident clock. */
export const offsetAtEpochMs = (clock: TraceClock, epochMs: number): number => (epochMs - clock.originMs) * 1e6 - clock.baseNs

const pad = (value: number, width = 2) => String(value).padStart(width, '0')

/** "06:34:50.304", with 6 or 9 fraction digits for µs or ns precision (local time). */
export function clockLabel(clock: TraceClock, offsetNs: number, digits: 3 | 6 | 9 = 3): string {
  const fromOrigin = Math.round(clock.baseNs + offsetNs)
  const wholeMs = Math.floor(fromOrigin / 1e6)
  const date = new Date(clock.originMs + wholeMs)
  const subMs = fromOrigin - wholeMs * 1e6
  let fraction = pad(date.getMilliseconds(), 3)
  if (digits === 6) fraction += pad(Math.floor(subMs / 1000), 3)
  if (digits === 9) fraction += pad(Math.floor(subMs), 6)
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${fraction}`
}

/** "2025-11-25" (local) of a trace offset. */
export function dateLabel(clock: TraceClock, offsetNs: number): string {
  const date = new Date(epochMsAt(clock, offsetNs))
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

const trim = (value: number, digits: number) => {
  const text = value.toFixed(digits)
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text
}
const significant = (value: number) => trim(value, value < 10 ? 2 : value < 100 ? 1 : 0)

/** A duration in ns as "850 ns", "12.3 µs", "1.24 ms", "354 ms", "1.25 s", "2 min 05 s". */
export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) return '—'
  const abs = Math.abs(ns)
  const sign = ns < 0 ? '−' : ''
  if (abs < 1000) return `${sign}${trim(abs, abs < 10 ? 1 : 0)} ns`
  if (abs < 1e6) return `${sign}${significant(abs / 1e3)} µs`
  if (abs < 1e9) return `${sign}${significant(abs / 1e6)} ms`
  if (abs < 60e9) return `${sign}${significant(abs / 1e9)} s`
  const seconds = Math.round(abs / 1e9)
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${sign}${minutes} min ${pad(seconds % 60)} s`
  return `${sign}${Math.floor(minutes / 60)} h ${pad(minutes % 60)} min`
}

/** Exact difference of two epoch-ns decimals, as a number of ns. */
export const nsBetween = (from: string, to: string): number => Number(BigInt(to) - BigInt(from))

import { preview, FormatError } from './errors'

const DIGITS = /^\d+$/
const DECIMAL = /^(\d+)(?:\.(\d+))?$/

/**
 * Epoch nanoseconds given as a decimal string or a safe integer. Never passes a larger value
 * through a JS number: readers parse such fields with {@link exactNumbers} so they arrive as text.
 */
export function nanos(raw: unknown, what: string): bigint {
  if (typeof raw === 'string' && DIGITS.test(raw)) return inRange(BigInt(raw), raw, what)
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) return BigInt(raw)
  throw new FormatError(`${what} ${preview(raw)} is not a nanosecond timestamp`)
}

/** Microseconds (Jaeger, Zipkin), possibly fractional, as exact nanoseconds. */
export function microsToNanos(raw: unknown, what: string): bigint {
  const text = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw
  const match = typeof text === 'string' ? DECIMAL.exec(text) : null
  if (!match) throw new FormatError(`${what} ${preview(raw)} is not a microsecond timestamp`)
  const fraction = (match[2] ?? '').slice(0, 3).padEnd(3, '0')
  return inRange(BigInt(match[1]) * 1000n + BigInt(fraction), raw, what)
}

/** The latest time the workspace stores (a signed 64-bit count of nanoseconds: April 2262). */
export const LATEST_NANOS = 2n ** 63n - 1n

/** A span's end from its start and duration (Jaeger, Zipkin), within what the workspace stores. */
export const endNanos = (startNs: bigint, durationNs: bigint, what: string): bigint => inRange(startNs + durationNs, `${startNs + durationNs}`, `${what} ends at`)

function inRange(ns: bigint, raw: unknown, what: string): bigint {
  if (ns > LATEST_NANOS) throw new FormatError(`${what} ${preview(raw)} is after the year 2262, past any real timestamp`)
  return ns
}

/**
 * JSON.parse that keeps the source text of the numbers under the named keys, so timestamps
 * above 2^53 (or with more digits than a double holds) are not rounded.
 */
export function exactNumbers(keys: ReadonlySet<string>): (raw: string) => unknown {
  return (raw) =>
    JSON.parse(raw, function (key, value, context?: { source?: string }) {
      return typeof value === 'number' && keys.has(key) && context?.source ? context.source : value
    })
}

export const nanosToMs = (ns: bigint): number => Number(ns / 1000n) / 1000

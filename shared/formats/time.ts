import { describe, FormatError } from './errors'

const DIGITS = /^\d+$/
const DECIMAL = /^(\d+)(?:\.(\d+))?$/

/**
 * Epoch nanoseconds given as a decimal string or a safe integer. Never passes a larger value
 * through a JS number: readers parse such fields with {@link exactNumbers} so they arrive as text.
 */
export function nanos(raw: unknown, what: string): bigint {
  if (typeof raw === 'string' && DIGITS.test(raw)) return BigInt(raw)
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) return BigInt(raw)
  throw new FormatError(`${what} ${describe(raw)} is not a nanosecond timestamp`)
}

/** Microseconds (Jaeger, Zipkin), possibly fractional, as exact nanoseconds. */
export function microsToNanos(raw: unknown, what: string): bigint {
  const text = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw
  const match = typeof text === 'string' ? DECIMAL.exec(text) : null
  if (!match) throw new FormatError(`${what} ${describe(raw)} is not a microsecond timestamp`)
  const fraction = (match[2] ?? '').slice(0, 3).padEnd(3, '0')
  return BigInt(match[1]) * 1000n + BigInt(fraction)
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

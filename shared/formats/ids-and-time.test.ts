import { describe, expect, it } from 'vitest'
import { hexId, otlpId } from './ids'
import { endNanos, exactNumbers, microsToNanos, nanos } from './time'

describe('ids', () => {
  it('accept OTLP hex in either case and base64 (protobuf JSON mapping) as the same lowercase id', () => {
    expect(otlpId('5B8EFFF798038103D269B633813FC60C', 16, 'traceId')).toBe('5b8efff798038103d269b633813fc60c')
    expect(otlpId(Buffer.from('5b8efff798038103d269b633813fc60c', 'hex').toString('base64'), 16, 'traceId')).toBe('5b8efff798038103d269b633813fc60c')
    expect(otlpId(Buffer.from('eee19b7ec3c1b174', 'hex').toString('base64'), 8, 'spanId')).toBe('eee19b7ec3c1b174')
  })

  it.each([['abc'], ['5b8efff798038103d269b633813fc60'], [42], ['zz8efff798038103d269b633813fc60c']])('reject the OTLP trace id %j', (raw) => {
    expect(() => otlpId(raw, 16, 'span #3: traceId')).toThrow(/^span #3: traceId .* is not 32 hex digits or base64 of 16 bytes$/)
  })

  it('widen 64-bit Jaeger/Zipkin trace ids and restore dropped leading zeros', () => {
    expect(hexId('463ac35c9f6413ad', 16, 'traceID')).toBe('0000000000000000463ac35c9f6413ad')
    expect(hexId('3ac35c9f6413ad', 8, 'spanID')).toBe('003ac35c9f6413ad')
    expect(() => hexId('3ac35c9f6413ad', 8, 'id', [16])).toThrow('id "3ac35c9f6413ad" is not 16 hex digits')
  })
})

describe('time', () => {
  it('keeps nanoseconds above 2^53 exact', () => {
    expect(nanos('1764050000123456789', 't')).toBe(1764050000123456789n)
    expect(() => nanos(1764050000123456789, 't')).toThrow(/is not a nanosecond timestamp/)
    const parse = exactNumbers(new Set(['startTimeUnixNano']))
    expect(parse('{"startTimeUnixNano":1764050000123456789,"n":1.5}')).toEqual({ startTimeUnixNano: '1764050000123456789', n: 1.5 })
  })

  it('turns fractional microseconds into exact nanoseconds', () => {
    expect(microsToNanos('1764050000123456.789', 'timestamp')).toBe(1764050000123456789n)
    expect(microsToNanos(1764050000123456, 'timestamp')).toBe(1764050000123456000n)
    expect(() => microsToNanos(-5, 'duration')).toThrow(/not a microsecond timestamp/)
    // Beyond what the workspace stores (signed 64-bit nanoseconds) is no real time.
    expect(() => nanos('18446744073709551615', 'span 3: startTimeUnixNano')).toThrow('span 3: startTimeUnixNano "18446744073709551615" is after the year 2262, past any real timestamp')
    expect(nanos('9223372036854775807', 't')).toBe(9223372036854775807n)
    expect(() => microsToNanos('99999999999999999999', 'timestamp')).toThrow(/after the year 2262/)
    expect(() => endNanos(9223372036854775000n, 1000n, 'span 1')).toThrow(/span 1 ends at .* after the year 2262/)
  })
})

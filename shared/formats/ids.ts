import { preview, FormatError } from './errors'

const HEX = /^[0-9a-fA-F]+$/
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

const base64ToHex = (text: string): string | null => {
  if (!BASE64.test(text)) return null
  const bytes = typeof Buffer !== 'undefined' ? Buffer.from(text, 'base64') : Uint8Array.from(atob(text), (c) => c.charCodeAt(0))
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/**
 * An OTLP id: hex (either case) of exactly `bytes` bytes, or base64 of them (the protobuf JSON
 * mapping). Returns lowercase hex.
 */
export function otlpId(raw: unknown, bytes: 8 | 16, what: string): string {
  if (typeof raw === 'string') {
    if (raw.length === bytes * 2 && HEX.test(raw)) return raw.toLowerCase()
    if (raw.length === Math.ceil(bytes / 3) * 4) {
      const hex = base64ToHex(raw)
      if (hex && hex.length === bytes * 2) return hex
    }
  }
  throw new FormatError(`${what} ${preview(raw)} is not ${bytes * 2} hex digits or base64 of ${bytes} bytes`)
}

/**
 * A Jaeger or Zipkin id: hex of at most `bytes` bytes; some tools drop leading zeros, and 64-bit
 * trace ids are widened to 128 bits. `lengths` lists the digit counts the format allows.
 */
export function hexId(raw: unknown, bytes: 8 | 16, what: string, lengths?: number[]): string {
  if (typeof raw === 'string' && HEX.test(raw) && raw.length <= bytes * 2 && (!lengths || lengths.includes(raw.length))) {
    return raw.toLowerCase().padStart(bytes * 2, '0')
  }
  const expected = lengths ? lengths.join(' or ') : `1 to ${bytes * 2}`
  throw new FormatError(`${what} ${preview(raw)} is not ${expected} hex digits`)
}

/** Parent ids: absent, empty or all zeros mean "no parent". */
export const isAbsentId = (raw: unknown): boolean => raw === undefined || raw === null || raw === '' || (typeof raw === 'string' && /^0+$/.test(raw))

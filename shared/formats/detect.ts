import { FormatError } from './errors'
import { JsonSplitter, JsonSyntaxError } from './json-stream'
import type { RrwebLayout } from './rrweb'

export type DetectedFormat = { format: 'rrweb'; layout: RrwebLayout } | { format: 'otlp' } | { format: 'jaeger' } | { format: 'zipkin' }

/** How much of a file's start detection needs. */
export const DETECT_HEAD_BYTES = 256 * 1024

const STOP = Symbol('stop')

/** Shape of the first JSON document's start: its root kind and the keys seen near the top. */
interface Outline {
  root?: 'object' | 'array' | 'scalar'
  keys: Set<string>
  first?: 'object' | 'array' | 'scalar'
  firstKeys: Set<string>
}

function outline(head: string): Outline {
  const shape: Outline = { keys: new Set(), firstKeys: new Set() }
  const note = (path: readonly (string | number)[], kind: 'object' | 'array' | 'scalar'): boolean => {
    if (path[0] !== 0) throw STOP
    if (path.length === 1) {
      shape.root = kind
      return kind !== 'scalar'
    }
    if (shape.root === 'object' && path.length === 2) shape.keys.add(String(path[1]))
    else if (shape.root === 'array' && path.length === 2) {
      if (path[1] !== 0) throw STOP
      shape.first = kind
      return kind === 'object'
    } else if (shape.root === 'array' && path.length === 3) shape.firstKeys.add(String(path[2]))
    return false
  }
  const splitter = new JsonSplitter({
    descend: (path, kind) => note(path, kind),
    value: (path, value) => void note(path, value !== null && typeof value === 'object' ? (Array.isArray(value) ? 'array' : 'object') : 'scalar'),
  })
  try {
    splitter.push(head)
  } catch (error) {
    if (error === STOP) return shape
    if (error instanceof JsonSyntaxError) throw new FormatError(error.message)
    throw error
  }
  return shape
}

const KNOWN = 'expected rrweb events, OTLP/JSON, Jaeger JSON or Zipkin v2 JSON'

/** Recognizes a file's format from the start of its content, never from its name. */
export function detectFormat(head: string): DetectedFormat {
  const shape = outline(head)
  const has = (keys: Set<string>, ...names: string[]) => names.every((name) => keys.has(name))
  if (shape.root === 'object') {
    if (shape.keys.has('resourceSpans') || shape.keys.has('batches')) return { format: 'otlp' }
    // An rrweb event has "data" too: tell it apart by its "type" before taking "data" for Jaeger's.
    if (shape.keys.has('type') && (shape.keys.has('timestamp') || shape.keys.has('data'))) return { format: 'rrweb', layout: 'lines' }
    if (shape.keys.has('data')) return { format: 'jaeger' }
    if (has(shape.keys, 'traceID', 'spans') || has(shape.keys, 'spans', 'processes')) return { format: 'jaeger' }
    if (shape.keys.has('events')) return { format: 'rrweb', layout: 'object' }
    const keys = [...shape.keys].slice(0, 5).join(', ')
    throw new FormatError(`unrecognized format: a JSON object with ${keys ? `keys ${keys}` : 'no keys'} (${KNOWN})`)
  }
  if (shape.root === 'array') {
    if (shape.first === 'array') return { format: 'zipkin' }
    // @rrweb/packer turns each event into a compressed string.
    if (shape.first === 'scalar' && /^\s*\[\s*"x/.test(head)) return { format: 'rrweb', layout: 'array' }
    if (shape.first === 'object') {
      if (shape.firstKeys.has('traceId')) return { format: 'zipkin' }
      if (shape.firstKeys.has('type') && (shape.firstKeys.has('timestamp') || shape.firstKeys.has('data'))) {
        return { format: 'rrweb', layout: 'array' }
      }
    }
    if (shape.first === undefined && /^\s*\[\s*\]\s*$/.test(head)) throw new FormatError('the file holds an empty array')
    throw new FormatError(`unrecognized format: a JSON array whose first element is not a span or an rrweb event (${KNOWN})`)
  }
  if (shape.root === 'scalar') throw new FormatError(`unrecognized format: a lone JSON value (${KNOWN})`)
  throw new FormatError('the file contains no JSON')
}

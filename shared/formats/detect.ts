import { FormatError } from './errors'
import { JsonSplitter, JsonSyntaxError } from './json-stream'
import type { RrwebLayout } from './rrweb'

export type DetectedFormat = { format: 'rrweb'; layout: RrwebLayout } | { format: 'otlp' } | { format: 'jaeger' } | { format: 'zipkin' }

/** How much of a file's start is read before detection is first tried. */
export const DETECT_HEAD_BYTES = 256 * 1024
/** How much detection reads at most, looking for the keys that tell a format (they may follow a big value). */
export const DETECT_MAX_BYTES = 64 * 1024 * 1024

const STOP = Symbol('stop')

/** Shape of the first JSON document's start: its root kind and the keys seen near the top. */
interface Outline {
  root?: 'object' | 'array' | 'scalar'
  keys: Set<string>
  first?: 'object' | 'array' | 'scalar'
  firstKeys: Set<string>
}

/**
 * Outlines the start of a file fed in pieces. It is complete once it has seen past the part that
 * tells a format (the first document's root keys, or an array's first element); before that, more
 * of the file may still bring a telling key.
 */
class Outliner {
  readonly shape: Outline = { keys: new Set(), firstKeys: new Set() }
  complete = false
  private readonly splitter = new JsonSplitter({
    descend: (path, kind) => this.note(path, kind),
    value: (path, value) => void this.note(path, value !== null && typeof value === 'object' ? (Array.isArray(value) ? 'array' : 'object') : 'scalar'),
  })

  push(text: string): void {
    if (this.complete) return
    try {
      this.splitter.push(text)
    } catch (error) {
      if (error === STOP) this.complete = true
      else if (error instanceof JsonSyntaxError) throw new FormatError(error.message)
      else throw error
    }
  }

  private note(path: readonly (string | number)[], kind: 'object' | 'array' | 'scalar'): boolean {
    const shape = this.shape
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
}

/** Recognizes a file's format from its start, fed in pieces until `decided` (or the file ends). */
export class FormatDetector {
  private readonly outliner = new Outliner()
  private head = ''

  push(text: string): void {
    this.head += text
    this.outliner.push(text)
  }

  /** Everything pushed so far: what the format's reader starts from. */
  get text(): string {
    return this.head
  }

  /** Whether more of the file could not change the answer. */
  get decided(): boolean {
    return this.outliner.complete || this.head.length >= DETECT_MAX_BYTES
  }

  format(): DetectedFormat {
    return formatOf(this.outliner.shape, this.head)
  }
}

/** Recognizes a file's format from the start of its content, never from its name. */
export function detectFormat(head: string): DetectedFormat {
  const detector = new FormatDetector()
  detector.push(head)
  return detector.format()
}

const KNOWN = 'expected rrweb events, OTLP/JSON, Jaeger JSON or Zipkin v2 JSON'

function formatOf(shape: Outline, head: string): DetectedFormat {
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
  // Events packed by @rrweb/packer, one per line.
  if (shape.root === 'scalar' && /^\s*"x/.test(head)) return { format: 'rrweb', layout: 'lines' }
  if (shape.root === 'scalar') throw new FormatError(`unrecognized format: a lone JSON value (${KNOWN})`)
  throw new FormatError('the file contains no JSON')
}

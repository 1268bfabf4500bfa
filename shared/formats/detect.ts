import { FormatError } from './errors'
import { JsonSplitter, JsonSyntaxError } from './json-stream'
import type { RrwebLayout } from './rrweb'

export type DetectedFormat = { format: 'rrweb'; layout: RrwebLayout } | { format: 'otlp' } | { format: 'jaeger' } | { format: 'zipkin' }

/** How much of a file's start is read before detection is first tried. */
export const DETECT_HEAD_BYTES = 256 * 1024
/** How much of a file's start detection holds at most, looking for the keys that tell a format (they may follow a big value). */
const DETECT_MAX_CHARS = 64 * 1024 * 1024

const STOP = Symbol('stop')

type Kind = 'object' | 'array' | 'scalar'

/** Shape of the first JSON document's start: its root kind and the keys seen near the top. */
interface Outline {
  root?: Kind
  /** A root object's keys, and the kind of each one's value. */
  keys: Map<string, Kind>
  /** A root array's first element. */
  first?: Kind
  /** The keys of the first object in a root array: its first element's, or (an array of arrays) that one's first element's. */
  firstKeys: Set<string>
}

const kindOf = (value: unknown) => (value !== null && typeof value === 'object' ? (Array.isArray(value) ? 'array' : 'object') : 'scalar')

/**
 * Outlines the start of a file fed in pieces. It is complete once it has seen past the part that
 * tells a format (the first document, or an array's first element).
 */
class Outliner {
  readonly shape: Outline = { keys: new Map(), firstKeys: new Set() }
  complete = false
  private readonly splitter = new JsonSplitter({
    descend: (path, kind) => this.note(path, kind),
    value: (path, value) => void this.note(path, kindOf(value)),
    // Only a value's kind matters here: a big one is not parsed.
    parse: (raw) => (raw.startsWith('{') ? {} : raw.startsWith('[') ? [] : null),
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

  private note(path: readonly (string | number)[], kind: Kind): boolean {
    const shape = this.shape
    if (path[0] !== 0) throw STOP
    if (path.length === 1) {
      shape.root = kind
      return kind !== 'scalar'
    }
    if (shape.root === 'object') {
      shape.keys.set(String(path[1]), kind)
      return false
    }
    // A root array: its first element, and an array's first element in turn; past them, done.
    if (path[1] !== 0 || (shape.first === 'array' && path.length === 3 && path[2] !== 0)) throw STOP
    if (path.length === 2) shape.first = kind
    else if (shape.first === 'object' || path.length === 4) shape.firstKeys.add(String(path.at(-1)))
    return path.length === 2 ? kind !== 'scalar' : path.length === 3 && shape.first === 'array' && kind === 'object'
  }
}

/**
 * Recognizes a file's format from its start, never from its name. Fed the file in pieces, it
 * answers as soon as the start read so far tells the format; only a start that tells nothing yet
 * (the telling keys after a big first value) makes it read on.
 */
export class FormatDetector {
  private readonly outliner = new Outliner()
  private head = ''

  /** Feeds the next piece; the format once it is known, or null to be fed more. */
  push(text: string): DetectedFormat | null {
    if (this.head.trim() === '') notJson(this.head + text)
    this.head += text
    this.outliner.push(text)
    try {
      return formatOf(this.outliner.shape, this.head)
    } catch (error) {
      if (error instanceof FormatError && !this.outliner.complete && this.head.length < DETECT_MAX_CHARS) return null
      throw error
    }
  }

  /** At the end of the file: the format, or why there is none. */
  finish(): DetectedFormat {
    return formatOf(this.outliner.shape, this.head)
  }

  /** Everything fed so far: what the format's reader starts from. */
  get text(): string {
    return this.head
  }
}

const KNOWN = 'expected rrweb events, OTLP/JSON, Jaeger JSON or Zipkin v2 JSON'

/** Stops at once at a file that is not JSON at all (a runbook, a log): said plainly, not as a JSON error. */
function notJson(start: string): void {
  const first = /\S/.exec(start.replace(/^\uFEFF/, ''))?.[0]
  if (first === undefined || '{["-0123456789tfn'.includes(first)) return
  if (/^\uFEFF?\s*(#{1,6}\s|---\s*$)/m.test(start.slice(0, 200))) {
    throw new FormatError('a markdown file, not evidence: import runbooks with `casefile runbook import`, or drop them on the app as .md files')
  }
  throw new FormatError(`not JSON: it starts with “${start.trimStart().slice(0, 24).replace(/\s+/g, ' ')}” (${KNOWN})`)
}

function formatOf(shape: Outline, head: string): DetectedFormat {
  const has = (keys: { has(key: string): boolean }, ...names: string[]) => names.every((name) => keys.has(name))
  const isEvent = (keys: { has(key: string): boolean }) => keys.has('type') && (keys.has('timestamp') || keys.has('data'))
  if (shape.root === 'object') {
    if (shape.keys.has('resourceSpans') || shape.keys.has('batches')) return { format: 'otlp' }
    // An rrweb event has "data" too: tell it apart by its "type" before taking "data" for Jaeger's.
    if (isEvent(shape.keys)) return { format: 'rrweb', layout: 'lines' }
    // PostHog's recording export: {"version", "data": {"snapshots": [...]}}; Jaeger's "data" is an array.
    if (shape.keys.has('version') && shape.keys.get('data') === 'object') return { format: 'rrweb', layout: 'posthog' }
    if (shape.keys.has('data')) return { format: 'jaeger' }
    if (has(shape.keys, 'traceID', 'spans') || has(shape.keys, 'spans', 'processes')) return { format: 'jaeger' }
    if (shape.keys.has('events')) return { format: 'rrweb', layout: 'object' }
    const keys = [...shape.keys.keys()].slice(0, 5).map((key) => JSON.stringify(key)).join(', ')
    throw new FormatError(`unrecognized format: a JSON object with ${keys ? `the keys ${keys}` : 'no keys'} (${KNOWN})`)
  }
  if (shape.root === 'array') {
    // An array of arrays: Zipkin's traces, or a recording's segments (as Sentry's API gives them).
    if (shape.first === 'array') return isEvent(shape.firstKeys) ? { format: 'rrweb', layout: 'segments' } : { format: 'zipkin' }
    // @rrweb/packer turns each event into a compressed string.
    if (shape.first === 'scalar' && /^\s*\[\s*"x/.test(head)) return { format: 'rrweb', layout: 'array' }
    if (shape.first === 'object') {
      if (shape.firstKeys.has('traceId')) return { format: 'zipkin' }
      if (isEvent(shape.firstKeys)) return { format: 'rrweb', layout: 'array' }
    }
    if (shape.first === undefined && /^\s*\[\s*\]\s*$/.test(head)) throw new FormatError('the file holds an empty array')
    throw new FormatError(`unrecognized format: a JSON array whose first element is not a span or an rrweb event (${KNOWN})`)
  }
  // Events packed by @rrweb/packer, one per line.
  if (shape.root === 'scalar' && /^\s*"x/.test(head)) return { format: 'rrweb', layout: 'lines' }
  if (shape.root === 'scalar') throw new FormatError(`unrecognized format: a lone JSON value (${KNOWN})`)
  throw new FormatError('the file contains no JSON')
}

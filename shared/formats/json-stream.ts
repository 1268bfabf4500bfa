// Incremental JSON splitter: walks the outer structure of one or more JSON documents fed in
// chunks, descends only into the containers the caller asks for, and hands every other value
// over whole, parsed by JSON.parse. Importers use it to read files of hundreds of MB element by
// element without holding the text in memory; parsing each element with the engine's own
// JSON.parse keeps the cost close to a plain JSON.parse of the whole file (a token-level
// streaming parser in JS is several times slower). JSON Lines is just several documents in a row.

export type PathSegment = string | number
export type JsonPath = readonly PathSegment[]

export interface SplitterHandlers {
  /** Return true to walk into the object or array starting at `path` instead of taking it whole. */
  descend(path: JsonPath, kind: 'object' | 'array'): boolean
  /** A value taken whole. `raw` is its exact source text. */
  value(path: JsonPath, value: unknown, raw: string): void
  /** A container that was walked into has closed. */
  close?(path: JsonPath, kind: 'object' | 'array'): void
  /** Parses a taken value; defaults to JSON.parse. */
  parse?(raw: string): unknown
}

export class JsonSyntaxError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'JsonSyntaxError'
  }
}

interface Frame {
  kind: 'object' | 'array'
  path: PathSegment[]
  /** Index of the next array element. */
  index: number
  /** The key whose value comes next (objects). */
  key: string
  /** What the walker expects next inside this container. */
  expect: 'first' | 'key' | 'colon' | 'value' | 'separator'
}

/** State of a value being taken whole that has not ended yet in the buffered text. */
interface Capture {
  path: PathSegment[]
  start: number
  scan: number
  depth: number
  /** Where the body of the string being scanned starts, or -1 outside strings. */
  stringBody: number
  scalar: boolean
}

const QUOTE = 34
const BACKSLASH = 92
const OPEN_BRACE = 123
const CLOSE_BRACE = 125
const OPEN_BRACKET = 91
const CLOSE_BRACKET = 93
const COMMA = 44
const COLON = 58

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff

/**
 * Index of the quote closing a string whose body starts at `body`, searching from `from`
 * (>= body, when resuming), or -1 if it is not in `text` yet.
 */
function findStringEnd(text: string, body: number, from = body): number {
  let i = from
  for (;;) {
    const quote = text.indexOf('"', i)
    if (quote < 0) return -1
    let slashes = 0
    for (let j = quote - 1; j >= body && text.charCodeAt(j) === BACKSLASH; j--) slashes++
    if (slashes % 2 === 0) return quote
    i = quote + 1
  }
}

export class JsonSplitter {
  private buffer = ''
  private pos = 0
  /** Offset in the whole input of buffer[0], for error messages. */
  private consumed = 0
  private frames: Frame[] = []
  private documents = 0
  private capture: Capture | null = null

  constructor(private readonly handlers: SplitterHandlers) {}

  /** Number of top-level documents seen so far. */
  get documentCount(): number {
    return this.documents
  }

  push(chunk: string): void {
    const keepFrom = this.capture ? this.capture.start : this.pos
    this.buffer = this.buffer.slice(keepFrom) + chunk
    this.consumed += keepFrom
    this.pos -= keepFrom
    if (this.capture) {
      this.capture.scan -= keepFrom
      if (this.capture.stringBody >= 0) this.capture.stringBody -= keepFrom
      this.capture.start = 0
    }
    this.run(false)
  }

  /** Signals the end of input; throws if a document is incomplete. */
  end(): void {
    this.run(true)
    if (this.capture || this.frames.length > 0) {
      throw this.error('unexpected end of input (the file is truncated)', this.buffer.length)
    }
  }

  private error(message: string, at: number): JsonSyntaxError {
    const offset = this.consumed + at
    return new JsonSyntaxError(`${message} at byte ${offset}`)
  }

  private unexpected(at: number): JsonSyntaxError {
    const char = this.buffer[at]
    const shown = char === undefined ? 'end of input' : `character ${JSON.stringify(char)}`
    return this.error(`invalid JSON: unexpected ${shown}`, at)
  }

  private run(final: boolean): void {
    const text = this.buffer
    for (;;) {
      if (this.capture) {
        if (!this.finishCapture(final)) return
        continue
      }
      let pos = this.pos
      while (pos < text.length && isSpace(text.charCodeAt(pos))) pos++
      this.pos = pos
      if (pos >= text.length) return
      const c = text.charCodeAt(pos)
      const frame = this.frames[this.frames.length - 1]

      if (!frame) {
        this.beginValue([this.documents++], pos)
        continue
      }

      switch (frame.expect) {
        case 'first':
        case 'separator': {
          if (c === (frame.kind === 'object' ? CLOSE_BRACE : CLOSE_BRACKET)) {
            this.frames.pop()
            this.pos = pos + 1
            this.handlers.close?.(frame.path, frame.kind)
            continue
          }
          if (frame.expect === 'separator') {
            if (c !== COMMA) throw this.unexpected(pos)
            this.pos = pos + 1
            frame.expect = frame.kind === 'object' ? 'key' : 'value'
            continue
          }
          frame.expect = frame.kind === 'object' ? 'key' : 'value'
          continue
        }
        case 'key': {
          if (c !== QUOTE) throw this.unexpected(pos)
          const end = findStringEnd(text, pos + 1)
          if (end < 0) {
            if (final) throw this.error('unexpected end of input (the file is truncated)', text.length)
            return
          }
          const body = text.slice(pos + 1, end)
          frame.key = body.includes('\\') ? (JSON.parse(text.slice(pos, end + 1)) as string) : body
          frame.expect = 'colon'
          this.pos = end + 1
          continue
        }
        case 'colon':
          if (c !== COLON) throw this.unexpected(pos)
          this.pos = pos + 1
          frame.expect = 'value'
          continue
        case 'value': {
          const segment = frame.kind === 'object' ? frame.key : frame.index++
          frame.expect = 'separator'
          this.beginValue([...frame.path, segment], pos)
          continue
        }
      }
    }
  }

  private beginValue(path: PathSegment[], pos: number): void {
    const c = this.buffer.charCodeAt(pos)
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      const kind = c === OPEN_BRACE ? 'object' : 'array'
      if (this.handlers.descend(path, kind)) {
        this.frames.push({ kind, path, index: 0, key: '', expect: 'first' })
        this.pos = pos + 1
        return
      }
      this.capture = { path, start: pos, scan: pos + 1, depth: 1, stringBody: -1, scalar: false }
      return
    }
    if (c === CLOSE_BRACE || c === CLOSE_BRACKET || c === COMMA || c === COLON) throw this.unexpected(pos)
    const stringBody = c === QUOTE ? pos + 1 : -1
    this.capture = { path, start: pos, scan: pos + (c === QUOTE ? 1 : 0), depth: 0, stringBody, scalar: true }
  }

  /** Scans the pending capture; returns false when more input is needed. */
  private finishCapture(final: boolean): boolean {
    const capture = this.capture!
    const text = this.buffer
    let end = -1
    if (capture.scalar) {
      if (capture.stringBody >= 0) {
        const close = findStringEnd(text, capture.stringBody, capture.scan)
        if (close >= 0) end = close + 1
        else capture.scan = text.length
      } else {
        let i = capture.scan
        while (i < text.length) {
          const c = text.charCodeAt(i)
          if (isSpace(c) || c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET) break
          i++
        }
        capture.scan = i
        if (i < text.length || final) end = i
      }
    } else {
      let i = capture.scan
      let depth = capture.depth
      let stringBody = capture.stringBody
      while (i < text.length) {
        if (stringBody >= 0) {
          const close = findStringEnd(text, stringBody, i)
          if (close < 0) {
            i = text.length
            break
          }
          stringBody = -1
          i = close + 1
          continue
        }
        const c = text.charCodeAt(i)
        if (c === QUOTE) stringBody = i + 1
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          depth--
          if (depth === 0) {
            end = i + 1
            break
          }
        }
        i++
      }
      capture.scan = i
      capture.depth = depth
      capture.stringBody = stringBody
    }
    if (end < 0) {
      if (final) throw this.error('unexpected end of input (the file is truncated)', text.length)
      return false
    }
    const raw = text.slice(capture.start, end)
    let value: unknown
    try {
      value = this.handlers.parse ? this.handlers.parse(raw) : JSON.parse(raw)
    } catch (error) {
      throw this.error(`invalid JSON in the value starting here (${(error as Error).message})`, capture.start)
    }
    this.capture = null
    this.pos = end
    this.handlers.value(capture.path, value, raw)
    return true
  }
}

/** Feeds a whole string through a splitter; for small inputs and tests. */
export function splitJson(text: string, handlers: SplitterHandlers): number {
  const splitter = new JsonSplitter(handlers)
  splitter.push(text)
  splitter.end()
  return splitter.documentCount
}

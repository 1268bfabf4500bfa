import { closeSync, openSync, readSync } from 'node:fs'

const READ_CHUNK_BYTES = 1 << 20
/** A longer line is a minified document, not JSON Lines: not worth holding in memory. */
const MAX_LINE_CHARS = 64 << 20

/** The file's lines, numbered from 1, read a chunk at a time; stops at a line longer than MAX_LINE_CHARS. */
function* linesOf(path: string): Generator<{ number: number; text: string }> {
  const fd = openSync(path, 'r')
  try {
    const decoder = new TextDecoder('utf-8')
    const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES)
    let pending = ''
    let number = 0
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null)
      pending += decoder.decode(buffer.subarray(0, n), { stream: n > 0 })
      let newline: number
      while ((newline = pending.indexOf('\n')) >= 0) {
        yield { number: ++number, text: pending.slice(0, newline) }
        pending = pending.slice(newline + 1)
      }
      if (n === 0) break
      if (pending.length > MAX_LINE_CHARS) return
    }
    if (pending !== '') yield { number: ++number, text: pending }
  } finally {
    closeSync(fd)
  }
}

type LineVerdict = { kind: 'object' } | { kind: 'other' } | { kind: 'bad'; reason: string }

function judge(line: string): LineVerdict {
  try {
    const parsed: unknown = JSON.parse(line)
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? { kind: 'object' } : { kind: 'other' }
  } catch (error) {
    return { kind: 'bad', reason: (error as Error).message }
  }
}

/**
 * In a JSON Lines file the splitter sees one stream of documents: a line cut short swallows the
 * lines after it, and the error surfaces far away (often as "truncated" at the end). After a
 * syntax error this names the line at fault: the first non-blank line that is not a JSON document
 * by itself. The file counts as JSON Lines when the line before the bad one, or else the one
 * after it, is a whole object on its own line (a pretty-printed document's lines never are);
 * otherwise it returns undefined and the splitter's message stands. Only the error path pays
 * for it: the file is read again, a line at a time.
 */
export function findBadJsonLine(path: string): string | undefined {
  let previousWasObject = false
  let bad: { number: number; reason: string } | undefined
  for (const line of linesOf(path)) {
    if (line.text.trim() === '') continue
    const verdict = judge(line.text)
    if (bad) return verdict.kind === 'object' ? badLineMessage(bad) : undefined
    if (verdict.kind === 'bad') {
      bad = { number: line.number, reason: verdict.reason }
      if (previousWasObject) return badLineMessage(bad)
    } else if (verdict.kind === 'other') return undefined
    else previousWasObject = true
  }
  return undefined
}

function badLineMessage(bad: { number: number; reason: string }): string {
  if (/Unexpected end of JSON input|Unterminated string/.test(bad.reason)) {
    return `line ${bad.number} ends before its JSON document does (in JSON Lines, each line holds one whole document)`
  }
  return `line ${bad.number} is not valid JSON (${bad.reason})`
}

import type * as Y from 'yjs'

/**
 * Turns `ytext` into `next` with one splice: the part between the common start and the common end
 * is replaced. A textarea reports whole values; one splice per input keeps what the other side
 * typed elsewhere in the text, which is all a merge needs.
 */
export function spliceTo(ytext: Y.Text, next: string): void {
  const current = ytext.toString()
  if (current === next) return
  let start = 0
  const shorter = Math.min(current.length, next.length)
  while (start < shorter && current.charCodeAt(start) === next.charCodeAt(start)) start++
  let end = 0
  while (end < shorter - start && current.charCodeAt(current.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++
  const ydoc = ytext.doc
  const apply = () => {
    if (current.length - start - end > 0) ytext.delete(start, current.length - start - end)
    if (next.length - start - end > 0) ytext.insert(start, next.slice(start, next.length - end))
  }
  if (ydoc) ydoc.transact(apply, SPLICE_ORIGIN)
  else apply()
}

/** The transaction origin of local splices. */
export const SPLICE_ORIGIN = 'casefile:local'

/** One Y.Text change as Yjs describes it: retain, insert or delete runs in order. */
export type TextDelta = ReadonlyArray<{ retain?: number; insert?: unknown; delete?: number }>

/**
 * Where a caret at `index` goes when `delta` changes the text around it: text inserted or deleted
 * before it moves it, a deleted stretch around it collapses it to where the stretch was, and text
 * the other person types exactly at it goes after it (the caret stays put).
 */
export function shiftIndex(delta: TextDelta, index: number): number {
  let oldAt = 0
  let newAt = 0
  for (const op of delta) {
    if (op.retain !== undefined) {
      if (index < oldAt + op.retain) break
      oldAt += op.retain
      newAt += op.retain
    } else if (op.insert !== undefined) {
      if (oldAt === index) return newAt
      newAt += typeof op.insert === 'string' ? op.insert.length : 1
    } else if (op.delete !== undefined) {
      if (index < oldAt + op.delete) return newAt
      oldAt += op.delete
    }
  }
  return newAt + (index - oldAt)
}

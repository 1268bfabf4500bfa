import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { shiftIndex, spliceTo, type TextDelta } from './textEdit'

/** The delta of turning `ytext` into `next` with `spliceTo`, as a remote editor would observe it. */
function splice(from: string, next: string): { delta: TextDelta; text: string } {
  const doc = new Y.Doc()
  const ytext = doc.getText('t')
  ytext.insert(0, from)
  let delta: TextDelta = []
  ytext.observe((event) => (delta = event.delta as TextDelta))
  spliceTo(ytext, next)
  return { delta, text: ytext.toString() }
}

describe('a textarea value spliced into a shared text', () => {
  it('changes only the stretch between what stayed the same at both ends', () => {
    expect(splice('1. Check payments.', '1. Check payments and fraud.')).toEqual({ delta: [{ retain: 17 }, { insert: ' and fraud' }], text: '1. Check payments and fraud.' })
    expect(splice('abcdef', 'abXYef')).toEqual({ delta: [{ retain: 2 }, { delete: 2 }, { insert: 'XY' }], text: 'abXYef' })
    expect(splice('same', 'same').delta).toEqual([])
    // A repeated letter typed: one insert, not a rewrite.
    expect(splice('aa', 'aaa').delta).toEqual([{ retain: 2 }, { insert: 'a' }])
  })

  it('keeps a caret on the same words when the other person edits around it', () => {
    const text = 'Call the DBA. Promote the replica.'
    const caret = text.indexOf('Promote')
    const inserted = splice(text, `Since 14:02: ${text}`)
    expect(inserted.text.slice(shiftIndex(inserted.delta, caret)).startsWith('Promote')).toBe(true)
    const deleted = splice(text, 'Promote the replica.')
    expect(shiftIndex(deleted.delta, caret)).toBe(0)
    // Inside a deleted stretch: where the stretch was.
    expect(shiftIndex(deleted.delta, 3)).toBe(0)
    // After the change: untouched text before it stays where it is.
    const after = splice(text, `${text} Then call the bank.`)
    expect(shiftIndex(after.delta, caret)).toBe(caret)
    // Typed exactly at the caret by the other person: it goes after the caret.
    const atCaret = splice(text, `${text.slice(0, caret)}Now: ${text.slice(caret)}`)
    expect(shiftIndex(atCaret.delta, caret)).toBe(caret)
  })
})

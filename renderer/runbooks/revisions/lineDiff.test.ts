import { describe, expect, it } from 'vitest'
import { diffStats, lineDiff } from './lineDiff'

describe('the revision diff', () => {
  it('marks kept, removed and added lines with their line numbers on each side', () => {
    const lines = lineDiff('# T\n1. Check.\n2. Fail over.\n', '# T\n1. Check.\n2. Fail over to the backup.\n3. Tell #payments.')
    expect(lines).toEqual([
      { kind: 'same', text: '# T', oldLine: 1, newLine: 1 },
      { kind: 'same', text: '1. Check.', oldLine: 2, newLine: 2 },
      { kind: 'removed', text: '2. Fail over.', oldLine: 3, newLine: null },
      { kind: 'added', text: '2. Fail over to the backup.', oldLine: null, newLine: 3 },
      { kind: 'added', text: '3. Tell #payments.', oldLine: null, newLine: 4 },
    ])
    expect(diffStats(lines)).toEqual({ added: 2, removed: 1 })
  })

  it('finds nothing changed in the same text, whatever its last newline', () => {
    expect(diffStats(lineDiff('a\nb\n', 'a\nb'))).toEqual({ added: 0, removed: 0 })
  })
})

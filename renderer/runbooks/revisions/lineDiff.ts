import { diffLines } from 'diff'

export interface DiffLine {
  kind: 'same' | 'added' | 'removed'
  text: string
  /** Line number in the old text (absent for an added line). */
  oldLine: number | null
  /** Line number in the new text (absent for a removed line). */
  newLine: number | null
}

/** The lines of `before` and `after`, marked as kept, removed or added, in reading order. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const lines: DiffLine[] = []
  let oldLine = 1
  let newLine = 1
  // A missing newline at the end is no change a reader would care about.
  for (const part of diffLines(before, after, { ignoreNewlineAtEof: true, stripTrailingCr: true })) {
    if (part.value === '') continue
    const texts = part.value.replace(/\n$/, '').split('\n')
    for (const text of texts) {
      if (part.added) lines.push({ kind: 'added', text, oldLine: null, newLine: newLine++ })
      else if (part.removed) lines.push({ kind: 'removed', text, oldLine: oldLine++, newLine: null })
      else lines.push({ kind: 'same', text, oldLine: oldLine++, newLine: newLine++ })
    }
  }
  return lines
}

/** How many lines were added and removed. */
export function diffStats(lines: readonly DiffLine[]): { added: number; removed: number } {
  return { added: lines.filter((line) => line.kind === 'added').length, removed: lines.filter((line) => line.kind === 'removed').length }
}

import type { RunbookStepRecord } from '../../../shared/runbooks/model'
import { assignStepIds, stepRanges } from '../../../shared/runbooks/steps'

/** A run of the preview: text between steps, or one step with the id it has (or will keep) once saved. */
export type PreviewSegment =
  | { kind: 'text'; key: string; markdown: string }
  | { kind: 'step'; key: string; markdown: string; ordinal: number; title: string; /** null: a step the next save will add. */ stepId: string | null }

type SavedStep = Pick<RunbookStepRecord, 'id' | 'ordinal' | 'title' | 'text'>

/**
 * Cuts the draft into its steps and what lies between them, so the preview can show each step's
 * stable id and backlinks right under it. Ids come from matching the draft's steps to the saved
 * ones the way a save would, so an edited step keeps its id (and its backlinks) while typing.
 */
export function previewSegments(draft: string, saved: readonly SavedStep[]): PreviewSegment[] {
  const lines = draft.split('\n')
  const ranges = stepRanges(draft)
  const text = (start: number, end: number) => lines.slice(start, end).join('\n')
  const ids = assignStepIds(
    saved,
    ranges.map(({ ordinal, title, start, end }) => ({ ordinal, title, text: text(start, end).trim() })),
    () => '',
  ).map((step) => step.id || null)

  const segments: PreviewSegment[] = []
  let line = 0
  const addText = (end: number) => {
    const markdown = text(line, end)
    if (markdown.trim()) segments.push({ kind: 'text', key: `text-${line}`, markdown })
  }
  ranges.forEach((range, i) => {
    addText(range.start)
    const markdown = numberedAs(text(range.start, range.end), range.ordinal)
    segments.push({ kind: 'step', key: ids[i] ?? `new-${range.ordinal}`, markdown, ordinal: range.ordinal, title: range.title, stepId: ids[i] })
    line = range.end
  })
  addText(lines.length)
  return segments
}

/**
 * A numbered item shows its step's number: steps count on across lists the text restarts at 1
 * (as findings and the link dialog name them, "step 3"). A ## section is as written.
 */
const numberedAs = (markdown: string, ordinal: number): string => markdown.replace(/^(\s*)\d{1,9}([.)])/, `$1${ordinal}$2`)

import type { Finding } from '../../../shared/findings/model'
import { stepRanges } from '../../../shared/runbooks/steps'

// Runbook text written from a finding: a new step that cites it, appended in the runbook's own
// style (a `##` section, or the next numbered item), or a new runbook whose first step it is.

type FindingText = Pick<Finding, 'title' | 'notes'>

/** Notes kept short, and unable to start headings of their own inside the step. */
function notesBody(notes: string): string[] {
  const trimmed = notes.trim()
  if (!trimmed) return []
  const short = trimmed.length > 600 ? `${trimmed.slice(0, 600).trimEnd()}…` : trimmed
  return short.split('\n').map((line) => line.replace(/^(\s*)#/, '$1\\#'))
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()

function usesSections(markdown: string): boolean {
  const lines = markdown.split('\n')
  const [first] = stepRanges(markdown)
  return first !== undefined && /^\s{0,3}##\s/.test(lines[first.start])
}

/** `markdown` with a step written from `finding` added at the end. */
export function appendStepFromFinding(markdown: string, finding: FindingText): string {
  const notes = notesBody(finding.notes)
  const base = markdown.replace(/\s+$/, '')
  const separator = base ? '\n\n' : ''
  if (usesSections(markdown)) {
    return `${base}${separator}## ${oneLine(finding.title)}\n${notes.length ? `\n${notes.join('\n')}\n` : ''}`
  }
  const number = `${stepRanges(markdown).length + 1}.`
  const indent = ' '.repeat(number.length + 1)
  const body = notes.map((line) => (line ? indent + line : line))
  return `${base}${separator}${number} ${oneLine(finding.title)}\n${body.length ? `\n${body.join('\n')}\n` : ''}`
}

/**
 * A new runbook's markdown: titled after the finding (numbered on, "Title (2)", past the titles in
 * `taken`: a runbook's title is its own), its first step written from it.
 */
export function runbookFromFinding(finding: FindingText, taken: ReadonlySet<string> = new Set()): string {
  const title = oneLine(finding.title)
  let free = title
  for (let n = 2; taken.has(free); n++) free = `${title} (${n})`
  return appendStepFromFinding(`# ${free}\n`, finding)
}

import { FindingInput, type Finding } from '../../shared/findings/model'
import { type Anchors, hasAnchor } from './anchors'
import type { Severity } from './severity'

// The add/edit form's state, what is wrong with it, and the finding it saves.

export interface FindingDraft {
  title: string
  notes: string
  severity: Severity
  /** As typed: comma-separated. */
  tagsText: string
  author: string
  anchors: Anchors
}

export const DEFAULT_SEVERITY: Severity = 'medium'

export function newDraft(anchors: Anchors, author: string): FindingDraft {
  return { title: '', notes: '', severity: DEFAULT_SEVERITY, tagsText: '', author, anchors }
}

export function draftOf(finding: Finding): FindingDraft {
  const { title, notes, severity, tags, author, anchors } = finding
  return { title, notes, severity, tagsText: tags.join(', '), author, anchors }
}

/**
 * "db, #Timeout ,db,, payments" → ["db", "timeout", "payments"]: trimmed, lower case, without a
 * leading #, empty and repeated ones dropped (so one tag is never two in the filters).
 */
export function parseTags(text: string): string[] {
  const tags = new Set<string>()
  for (const part of text.split(',')) {
    const tag = part.trim().replace(/^#+/, '').trim().toLowerCase()
    if (tag) tags.add(tag)
  }
  return [...tags]
}

export interface DraftProblems {
  title?: string
  anchors?: string
  tags?: string
  author?: string
}

const TAG_LIMIT = 20
const TAG_LENGTH = 50
const AUTHOR_LENGTH = 100

/** What keeps the draft from being saved, by field; empty when it can be. */
export function draftProblems(draft: FindingDraft): DraftProblems {
  const problems: DraftProblems = {}
  if (!draft.title.trim()) problems.title = 'A finding needs a title.'
  if (!hasAnchor(draft.anchors)) problems.anchors = 'Anchor it to something: a moment of the replay, a span, a service or a call.'
  const tags = parseTags(draft.tagsText)
  if (tags.length > TAG_LIMIT) problems.tags = `At most ${TAG_LIMIT} tags.`
  else if (tags.some((tag) => tag.length > TAG_LENGTH)) problems.tags = `Tags are at most ${TAG_LENGTH} characters.`
  if (draft.author.trim().length > AUTHOR_LENGTH) problems.author = `At most ${AUTHOR_LENGTH} characters.`
  return problems
}

/**
 * Whether two drafts differ in title, tags, severity or author, and in notes and anchors where
 * asked: what Esc would throw away, or what someone else changed meanwhile.
 */
export function draftsDiffer(from: FindingDraft, to: FindingDraft, { notes, anchors }: { notes: boolean; anchors: boolean }): boolean {
  return (
    from.title !== to.title ||
    from.tagsText !== to.tagsText ||
    from.severity !== to.severity ||
    from.author !== to.author ||
    (notes && from.notes !== to.notes) ||
    (anchors && JSON.stringify(from.anchors) !== JSON.stringify(to.anchors))
  )
}

export const hasProblems = (problems: DraftProblems): boolean => Object.keys(problems).length > 0

/** The finding the draft saves, checked against the contract. */
export function draftInput(draft: FindingDraft): FindingInput {
  return FindingInput.parse({
    title: draft.title.trim(),
    notes: draft.notes,
    severity: draft.severity,
    tags: parseTags(draft.tagsText),
    author: draft.author.trim(),
    anchors: draft.anchors,
  })
}

/**
 * The draft as Markdown, for the clipboard: what a guest keeps of a finding the pairing host can
 * no longer take (the session ended), to paste into their own workspace or a chat.
 */
export function draftMarkdown(draft: FindingDraft): string {
  const { timeMs, traceId, spanId, node, edge } = draft.anchors
  const facts = [draft.severity, draft.author.trim(), parseTags(draft.tagsText).join(', ')].filter(Boolean).join(' · ')
  const anchors = [
    timeMs === null ? null : `moment ${new Date(timeMs).toISOString()}`,
    spanId === null ? null : `span ${spanId}${traceId === null ? '' : ` (trace ${traceId})`}`,
    node === null ? null : `service ${node}`,
    edge === null ? null : `call ${edge}`,
  ].filter((anchor) => anchor !== null)
  const lines = [`### ${draft.title.trim() || 'Untitled finding'}`, '', facts]
  if (anchors.length > 0) lines.push('', `Anchored to: ${anchors.join('; ')}`)
  if (draft.notes.trim()) lines.push('', draft.notes.trim())
  return `${lines.join('\n')}\n`
}

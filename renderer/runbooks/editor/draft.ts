import type { Runbook } from '../../../shared/runbooks/model'

/** What the editor holds before it is saved. */
export interface RunbookDraft {
  markdown: string
  owner: string
  /** Tags as typed: comma separated. */
  tags: string
  /** The updatedAt of the saved runbook this draft was edited from (none for a new runbook). */
  basedOn?: number
}

export const NEW_RUNBOOK_MARKDOWN = '# New runbook\n\nWhat this runbook is for, and when to reach for it.\n\n1. First step.\n2. Second step.\n'

export const draftOf = (runbook: Runbook | null): RunbookDraft =>
  runbook
    ? { markdown: runbook.markdown, owner: runbook.owner, tags: runbook.tags.join(', '), basedOn: runbook.updatedAt }
    : { markdown: NEW_RUNBOOK_MARKDOWN, owner: '', tags: '' }

/** Tags as the API takes them: trimmed, non-empty, each once. */
export const parseTags = (text: string): string[] => [...new Set(text.split(',').map((tag) => tag.trim()).filter(Boolean))]

/** Whether saving the draft would change the runbook (a new runbook always would). */
export function isDirty(draft: RunbookDraft, saved: Runbook | null): boolean {
  if (!saved) return true
  return draft.markdown !== saved.markdown || draft.owner.trim() !== saved.owner || parseTags(draft.tags).join('\n') !== saved.tags.join('\n')
}

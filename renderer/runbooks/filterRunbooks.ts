import type { RunbookSummary } from '../../shared/runbooks/model'

/**
 * Whether a runbook of the list matches what is typed into its filter: every word (any case) in
 * its title, its owner or one of its tags (`#tag` for a tag alone).
 */
export function matchesRunbook(runbook: RunbookSummary, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean)
  const tags = runbook.tags.map((tag) => tag.toLowerCase())
  const text = `${runbook.title}\n${runbook.owner}`.toLowerCase()
  return words.every((word) => (word.startsWith('#') && word.length > 1 ? tags.some((tag) => tag.startsWith(word.slice(1))) : text.includes(word) || tags.some((tag) => tag.includes(word))))
}

import { runbookTitle } from './steps'

// Runbooks kept as markdown files: brought in by `casefile runbook import` or dropped on the app.

export const isRunbookFile = (name: string): boolean => /\.(md|markdown)$/i.test(name)

/** The title a runbook file gives when it has no # heading: its name without folders and extension. */
export const fallbackTitleOf = (path: string): string => (path.split(/[\\/]/).pop() ?? path).replace(/\.(md|markdown)$/i, '')

/**
 * A runbook is found again by its title, so two files of one title would silently be one runbook,
 * the second replacing the first: says which two, or null.
 */
export function titleClash(files: ReadonlyArray<{ name: string; markdown: string }>): string | null {
  const byTitle = new Map<string, string>()
  for (const { name, markdown } of files) {
    const title = runbookTitle(markdown) ?? fallbackTitleOf(name)
    const other = byTitle.get(title)
    if (other !== undefined) return `${name}: has the title “${title}”, as ${other} does; give one of them another # heading`
    byTitle.set(title, name)
  }
  return null
}

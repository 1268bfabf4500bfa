import type { DroppedCitation } from './model'
import { plainTitle, runbookOwner, runbookTitle } from './steps'

// Runbooks kept as markdown files: brought in by `casefile runbook import` or dropped on the app,
// written by `casefile runbook export` and the editor's download. What the app keeps beside the
// text (an owner the text does not name, tags) travels in YAML-style front matter.

export const isRunbookFile = (name: string): boolean => /\.(md|markdown)$/i.test(name)

/** The title a runbook file gives when it has no # heading: its name without folders and extension. */
export const fallbackTitleOf = (path: string): string => (path.split(/[\\/]/).pop() ?? path).replace(/\.(md|markdown)$/i, '')

/** A cited step an imported file removed, as the CLI and the app say it: "step 2 (“Fail over”), cited by 1 finding, is gone". */
export const droppedCitationText = ({ ordinal, title, findings }: DroppedCitation): string =>
  `step ${ordinal} (“${plainTitle(title)}”), cited by ${findings} ${findings === 1 ? 'finding' : 'findings'}, is gone`

/**
 * A runbook is found again by its title, so two files of one title would silently be one runbook,
 * the second replacing the first: says which two, or null.
 */
export function titleClash(files: ReadonlyArray<{ name: string; markdown: string }>): string | null {
  const byTitle = new Map<string, string>()
  for (const { name, markdown } of files) {
    const title = runbookTitle(readRunbookFile(markdown).markdown) ?? fallbackTitleOf(name)
    const other = byTitle.get(title)
    if (other !== undefined) return `${name}: has the title “${title}”, as ${other} does; give one of them another # heading`
    byTitle.set(title, name)
  }
  return null
}

/** A runbook file read: its text, and the owner and tags its front matter gives (if it has any). */
export interface RunbookFile {
  markdown: string
  owner?: string
  tags?: string[]
}

const FRONT_MATTER = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/
const FIELD = /^([A-Za-z_][\w-]*):[ \t]*(.*)$/
const ITEM = /^[ \t]*-[ \t]+(.*)$/

/** A front matter value as written: "quoted" (JSON-style), 'quoted', or bare. */
function unquoted(value: string): string {
  const text = value.trim()
  if (/^".*"$/.test(text)) {
    try {
      return String(JSON.parse(text))
    } catch {
      return text.slice(1, -1)
    }
  }
  return /^'.*'$/.test(text) ? text.slice(1, -1).replace(/''/g, "'") : text
}

const listOf = (value: string) =>
  (/^\[.*\]$/.test(value.trim()) ? value.trim().slice(1, -1) : value)
    .split(',')
    .map(unquoted)
    .filter(Boolean)

/**
 * Reads a runbook file: front matter (`---` lines around `key: value` lines) gives its owner and
 * tags (`tags: a, b`, `tags: [a, b]` or one `- a` line each); the text is what follows, or all of
 * it when the front matter has other keys too. A file opening on a rule followed by anything but
 * such lines has no front matter.
 */
export function readRunbookFile(content: string): RunbookFile {
  const match = FRONT_MATTER.exec(content.replace(/^\uFEFF/, ''))
  if (!match) return { markdown: content }
  const fields = new Map<string, string[]>()
  let last: string[] | null = null
  for (const line of (match[1] ?? '').split(/\r?\n/)) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue
    const field = FIELD.exec(line)
    const item = ITEM.exec(line)
    if (field) {
      last = field[2].trim() ? [field[2]] : []
      fields.set(field[1].toLowerCase(), last)
    } else if (item && last) last.push(item[1])
    else return { markdown: content }
  }
  const owner = fields.get('owner')
  const tags = fields.get('tags')
  // Front matter of another tool's (a title, ids) stays in the text, as written.
  const ours = [...fields.keys()].every((key) => key === 'owner' || key === 'tags')
  return {
    markdown: ours ? content.replace(/^\uFEFF/, '').slice(match[0].length).replace(/^\r?\n/, '') : content,
    ...(owner ? { owner: unquoted(owner.join(' ')) } : {}),
    ...(tags ? { tags: tags.flatMap(listOf) } : {}),
  }
}

/** Quoted when YAML would read it otherwise (a colon, a comma, brackets, quotes, a leading mark). */
const quoted = (value: string) => (/^[\w.@/ -]*$/.test(value) && !/^[-\s]|\s$/.test(value) ? value : JSON.stringify(value))

/**
 * The file a runbook is written to: its text, after front matter for what the app keeps beside it
 * (an owner the text's "Owner:" line does not give, its tags), so another workspace imports them too.
 */
export function runbookFileText(markdown: string, owner: string, tags: readonly string[]): string {
  const fields = [
    ...(owner && runbookOwner(markdown) !== owner ? [`owner: ${quoted(owner)}`] : []),
    ...(tags.length > 0 ? [`tags: [${tags.map(quoted).join(', ')}]`] : []),
  ]
  return fields.length === 0 ? markdown : `---\n${fields.join('\n')}\n---\n\n${markdown}`
}

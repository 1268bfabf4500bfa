import MarkdownIt from 'markdown-it'

// Runbook steps: the `##` sections of a runbook, or, when it has none, its top-level numbered
// list items. Each step keeps a stable id across edits so findings can cite "step 3" and still
// point at the same step after other steps are added, removed, reworded or reordered.

export interface StepText {
  ordinal: number
  title: string
  /** The step's markdown. */
  text: string
}

export interface RunbookStep extends StepText {
  id: string
}

const markdown = new MarkdownIt()

/** The first `#` heading, the runbook's title. */
export function runbookTitle(source: string): string | null {
  const tokens = markdown.parse(source, {})
  const open = tokens.findIndex((token) => token.type === 'heading_open' && token.tag === 'h1')
  return open >= 0 ? tokens[open + 1].content.trim() || null : null
}

/**
 * The owner a runbook names in its opening lines (before its first step), as `Owner: team-checkout.`
 * often does: the words after "Owner:" up to the end of that sentence.
 */
export function runbookOwner(source: string): string | null {
  const tokens = markdown.parse(source, {})
  const firstStep = tokens.findIndex((token) => token.level === 0 && (token.type === 'ordered_list_open' || (token.type === 'heading_open' && token.tag === 'h2')))
  for (const token of tokens.slice(0, firstStep < 0 ? undefined : firstStep)) {
    if (token.type !== 'inline') continue
    const owner = /^owner:\s*(.+?)(?:\.(?:\s|$)|$)/im.exec(token.content)?.[1].trim()
    if (owner) return plainTitle(owner).slice(0, 100)
  }
  return null
}

/** A step title (inline markdown) as a reader sees it: its text, without emphasis marks, link targets or code ticks. */
export function plainTitle(title: string): string {
  const [inline] = markdown.parseInline(title, {})
  const words = (tokens: typeof inline.children): string =>
    (tokens ?? [])
      .map((token) => (token.type === 'text' || token.type === 'code_inline' ? token.content : token.type === 'softbreak' || token.type === 'hardbreak' ? ' ' : token.type === 'image' ? words(token.children) : ''))
      .join('')
  return inline ? words(inline.children).trim() : title
}

/** Where a step sits in the source: lines `start` (inclusive) to `end` (exclusive). */
export interface StepRange {
  ordinal: number
  title: string
  start: number
  end: number
}

/** The steps' titles and line ranges, in order (the preview places each step's id and backlinks by them). */
export function stepRanges(source: string): StepRange[] {
  const tokens = markdown.parse(source, {})
  const lineCount = source.split('\n').length
  const sections = tokens.flatMap((token, i) => (token.type === 'heading_open' && token.tag === 'h2' && token.level === 0 ? [i] : []))
  if (sections.length > 0) {
    // A section runs to the next heading of level 1 or 2.
    const bounds = tokens.flatMap((token) => (token.type === 'heading_open' && (token.tag === 'h1' || token.tag === 'h2') && token.map ? [token.map[0]] : []))
    return sections.map((i, ordinal) => {
      const start = tokens[i].map![0]
      const end = bounds.find((line) => line > start) ?? lineCount
      // "## 2. Check the acquirer": the number is the step's place, which the app shows itself.
      return { ordinal: ordinal + 1, title: tokens[i + 1].content.trim().replace(/^\d+[.)]\s+(?=\S)/, ''), start, end }
    })
  }
  const items: StepRange[] = []
  const lists: string[] = []
  tokens.forEach((token, i) => {
    if (token.type === 'ordered_list_open' || token.type === 'bullet_list_open') lists.push(token.type)
    if (token.type === 'ordered_list_close' || token.type === 'bullet_list_close') lists.pop()
    if (token.type === 'list_item_open' && lists.length === 1 && lists[0] === 'ordered_list_open' && token.map) {
      const title = tokens.slice(i).find((t) => t.type === 'inline')?.content.trim() ?? ''
      items.push({ ordinal: items.length + 1, title: title.split('\n')[0], start: token.map[0], end: token.map[1] })
    }
  })
  return items
}

export function extractSteps(source: string): StepText[] {
  const lines = source.split('\n')
  return stepRanges(source).map(({ ordinal, title, start, end }) => ({ ordinal, title, text: lines.slice(start, end).join('\n').trim() }))
}

/** A step's text without its list number or heading marks, whitespace folded, for comparison. */
const normalized = (step: StepText) =>
  step.text
    .replace(/^\s*(\d+[.)]|#{1,6})\s+/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()

const words = (text: string) => new Set(text.split(/[^\p{L}\p{N}]+/u).filter(Boolean))

/**
 * How alike two steps' words are: their Jaccard index, or, when one step's words are mostly in
 * the other (a step extended or trimmed), a little less than that containment.
 */
function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1
  let shared = 0
  for (const word of a) if (b.has(word)) shared++
  const jaccard = shared / (a.size + b.size - shared)
  const containment = shared / Math.max(1, Math.min(a.size, b.size))
  return Math.max(jaccard, 0.8 * containment)
}

/** Below this word overlap a reworded step counts as a new step. */
const SAME_STEP = 0.4

/**
 * Gives the steps of a new version the ids of the steps they continue: unchanged text first
 * (wherever it moved), then the same title, then the most similar wording; the rest are new.
 */
export function assignStepIds(previous: readonly RunbookStep[], next: readonly StepText[], newId: () => string): RunbookStep[] {
  const ids: Array<string | null> = next.map(() => null)
  const free = new Set(previous.map((_, i) => i))
  const claim = (match: (old: RunbookStep, step: StepText) => boolean) => {
    next.forEach((step, n) => {
      if (ids[n] !== null) return
      for (const o of free) {
        if (match(previous[o], step)) {
          ids[n] = previous[o].id
          free.delete(o)
          return
        }
      }
    })
  }
  claim((old, step) => normalized(old) === normalized(step))
  claim((old, step) => old.title.trim() !== '' && old.title.trim().toLowerCase() === step.title.trim().toLowerCase())

  const pairs: Array<{ n: number; o: number; score: number }> = []
  next.forEach((step, n) => {
    if (ids[n] !== null) return
    const mine = words(normalized(step))
    for (const o of free) pairs.push({ n, o, score: similarity(mine, words(normalized(previous[o]))) })
  })
  pairs.sort((a, b) => b.score - a.score || Math.abs(a.n - a.o) - Math.abs(b.n - b.o))
  for (const { n, o, score } of pairs) {
    if (score < SAME_STEP) break
    if (ids[n] === null && free.has(o)) {
      ids[n] = previous[o].id
      free.delete(o)
    }
  }
  return next.map((step, n) => ({ ...step, id: ids[n] ?? newId() }))
}

// Matching names typed in the command palette: every word of the query must appear in the name
// (case- and accent-insensitive); names starting with the query, then with a word of it, rank first.

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()

/** A rank for `name` against `query` (higher is better), or null when it does not match. */
export function matchRank(name: string, query: string): number | null {
  const words = fold(query).split(/\s+/).filter(Boolean)
  if (words.length === 0) return 0
  const folded = fold(name)
  if (!words.every((word) => folded.includes(word))) return null
  const whole = words.join(' ')
  if (folded.startsWith(whole)) return 3
  if (folded.split(/[^\p{L}\p{N}]+/u).some((part) => part.startsWith(words[0]))) return 2
  return 1
}

/** The items whose name matches, best first (stable among equals), at most `limit`. */
export function bestMatches<T>(items: readonly T[], nameOf: (item: T) => string, query: string, limit: number): T[] {
  return items
    .map((item, index) => ({ item, index, rank: matchRank(nameOf(item), query) }))
    .filter((entry): entry is { item: T; index: number; rank: number } => entry.rank !== null)
    .sort((a, b) => b.rank - a.rank || a.index - b.index)
    .slice(0, limit)
    .map((entry) => entry.item)
}

/**
 * The step a runbook search hit is about: the one holding the most words of the query (as the
 * search matches them: word prefixes, accents aside), the first of equals; undefined when none does.
 */
export function stepMatching<S extends { id: string; text: string }>(steps: readonly S[], query: string): string | undefined {
  const words = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean)
  let best: { id: string; count: number } | undefined
  for (const step of steps) {
    const parts = fold(step.text).split(/[^\p{L}\p{N}]+/u)
    const count = words.filter((word) => parts.some((part) => part.startsWith(word))).length
    if (count > 0 && count > (best?.count ?? 0)) best = { id: step.id, count }
  }
  return best?.id
}

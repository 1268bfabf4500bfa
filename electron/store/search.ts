import type Database from 'better-sqlite3'
import type { SearchHit } from '../../shared/runbooks/model'
import { queryWords, withoutWordBreaks } from './search-words'

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * Search text as an FTS5 query: every word must match as the start of a word ("deploy" finds
 * "deployment", "fail" finds "failed"), so results come as you type.
 */
export function ftsQuery(text: string): string | null {
  const words = queryWords(text)
  if (words.length === 0) return null
  return words.map((word) => `"${word}"*`).join(' ')
}

// Snippet markers that cannot occur in text, swapped for <mark> after escaping.
const OPEN = '\u0002'
const CLOSE = '\u0003'

/**
 * A snippet of markdown (runbooks, notes) as a reader sees the text: without heading marks, code
 * fences, code ticks or emphasis stars. The snippet is a cut of a few words, so this is done on
 * the words, not by parsing a document it is not.
 */
export function readableSnippet(snippet: string): string {
  return snippet
    .replace(/`{3,}[\w-]*/g, ' ')
    .replace(/(^|\s)#{1,6}(?=\s)/g, '$1')
    .replace(/`|\*{1,3}(?=\S)|(?<=\S)\*{1,3}/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Runbooks and findings matching `text`, best first (bm25, titles weigh more than bodies). */
export function search(db: Database.Database, text: string, limit = 50): SearchHit[] {
  const query = ftsQuery(text)
  if (!query) return []
  const rows = db
    .prepare(
      `SELECT s.kind, s.ref_id AS id, s.title, snippet(search_index, -1, '${OPEN}', '${CLOSE}', '…', 16) AS snippet, f.incident_id AS incidentId
       FROM search_index s LEFT JOIN findings f ON s.kind = 'finding' AND f.id = s.ref_id
       WHERE search_index MATCH ? ORDER BY bm25(search_index, 0, 0, 8.0, 1.0) LIMIT ?`,
    )
    .all(query, limit) as Array<{ kind: SearchHit['kind']; id: number; title: string; snippet: string; incidentId: number | null }>
  return rows.map(({ incidentId, ...row }) => ({
    ...row,
    ...(incidentId === null ? {} : { incidentId }),
    id: Number(row.id),
    title: withoutWordBreaks(row.title),
    snippet: escapeHtml(readableSnippet(withoutWordBreaks(row.snippet))).replaceAll(OPEN, '<mark>').replaceAll(CLOSE, '</mark>'),
  }))
}

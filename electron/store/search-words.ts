import type Database from 'better-sqlite3'

// Chinese, Japanese, Thai and a few other scripts write words without spaces between them, and
// SQLite's unicode61 tokenizer takes a whole run of such text for one word: "サービス" was not
// found inside "決済サービスがタイムアウト". The search index is given its text with a zero-width
// space between those words (found by ICU's word breaker, behind Intl.Segmenter), which unicode61
// takes for a separator and which shows as nothing in a snippet; queries are split the same way.

const WORD_BREAK = '\u200b'
const UNSPACED_SCRIPT = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u
const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' })

/** `text` with a word break between words that touch (only ever in unspaced scripts). */
export function breakWords(text: string): string {
  if (!UNSPACED_SCRIPT.test(text)) return text
  let broken = ''
  let afterWord = false
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    if (isWordLike && afterWord) broken += WORD_BREAK
    broken += segment
    afterWord = isWordLike === true
  }
  return broken
}

/** Text read back from the index, as it was written. */
export const withoutWordBreaks = (text: string): string => text.replaceAll(WORD_BREAK, '')

/**
 * The words of a search query, split as the index splits its text. A word keeps its combining
 * marks (Thai vowels and tones): quoted whole, FTS5 matches its pieces as a phrase, where split
 * there they would each match on their own (เงิน, "money", found เงา, "shadow").
 */
export const queryWords = (text: string): string[] => breakWords(text).match(/[\p{L}\p{M}\p{N}_]+/gu) ?? []

/** Lets the triggers that keep the search index (migrations.ts) call breakWords on a connection. */
export function registerSearchWords(db: Database.Database): void {
  db.function('search_words', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? breakWords(text) : text))
}

import { useEffect, useMemo, useState } from 'react'
import type { TraceData } from '../../../shared/traces/trace-data'
import type { TraceLayout } from '../layout/layout'
import { isEmptyQuery, matchesAttributes, matchesColumns, parseQuery, queryNames, type SpanQuery } from '../logic/query'
import type { SearchProgress, SpanDetailCache } from './detailCache'

export interface SpanSearch {
  query: SpanQuery
  active: boolean
  /** 1 for matching spans. */
  mask: Uint8Array | null
  /** Matching spans in display order. */
  matches: Int32Array
  /** Attribute search still fetching span details. */
  progress: SearchProgress | null
  /** Attribute terms or words in the spans' data not yet matched for this query (typing still settling, or the answer on its way). */
  pending: boolean
  error: string | null
}

const NO_MATCHES = new Int32Array(0)

function inDisplayOrder(layout: TraceLayout, mask: Uint8Array): Int32Array {
  const matches: number[] = []
  for (let p = 0; p < layout.count; p++) if (mask[layout.order[p]]) matches.push(layout.order[p])
  return Int32Array.from(matches)
}

/** Most words the host is asked to find in the spans' data at once (the API's own limit). */
const MAX_TEXT_WORDS = 10
const MAX_WORD_CHARS = 200

/**
 * Matches `text` against the trace's spans: names, durations and errors at once, words in the
 * spans' attributes, events and status messages once the host has looked (one call), attribute
 * terms once the candidates' details are in (fetched lazily through `details`).
 */
export function useSpanSearch(text: string, trace: TraceData, layout: TraceLayout, details: SpanDetailCache): SpanSearch {
  const query = useMemo(() => parseQuery(text), [text])
  const names = useMemo(() => queryNames(trace), [trace])
  const active = !isEmptyQuery(query)
  const [error, setError] = useState<string | null>(null)

  // The words in the spans' data: asked of the host once typing has settled.
  const words = query.words.filter((word) => word.length <= MAX_WORD_CHARS).slice(0, MAX_TEXT_WORDS)
  const wordsKey = words.join('\u0000')
  const [textHits, setTextHits] = useState<{ key: string; hits: Map<string, Set<number>> } | null>(null)
  useEffect(() => {
    if (wordsKey === '') return
    let live = true
    setError(null)
    const timer = setTimeout(() => {
      details.spansContaining(trace.traceId, wordsKey.split('\u0000')).then(
        (hits) => live && setTextHits({ key: wordsKey, hits }),
        (reason: unknown) => live && setError(reason instanceof Error ? reason.message : String(reason)),
      )
    }, 200)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [wordsKey, trace, details])
  const hits = textHits?.key === wordsKey ? textHits.hits : null
  const textPending = wordsKey !== '' && hits === null && error === null

  // Everything but attributes, synchronously (a pass over the columns, and the words' hits once in).
  const columnMask = useMemo(() => {
    if (!active) return null
    const mask = new Uint8Array(layout.count)
    for (let i = 0; i < layout.count; i++) {
      const inText = hits ? (word: string) => hits.get(word)?.has(trace.rowId[i]) === true : undefined
      if (matchesColumns(trace, names, query, i, inText)) mask[i] = 1
    }
    return mask
  }, [active, layout, trace, names, query, hits])

  const [attributeResult, setAttributeResult] = useState<{ query: SpanQuery; mask: Uint8Array } | null>(null)
  const [progress, setProgress] = useState<SearchProgress | null>(null)

  useEffect(() => {
    if (!columnMask || query.attributes.length === 0) {
      setProgress(null)
      return
    }
    let cancelled = false
    const candidates: number[] = []
    for (let i = 0; i < layout.count; i++) if (columnMask[i]) candidates.push(i)
    const evaluate = () => {
      const mask = new Uint8Array(layout.count)
      for (const span of candidates) {
        const lookup = details.lookup(trace.rowId[span])
        if (lookup && matchesAttributes(query.attributes, lookup)) mask[span] = 1
      }
      return mask
    }
    setError(null)
    // Debounce typing: fetch only once the query has been still for a moment.
    const timer = setTimeout(() => {
      details
        .indexAll(
          candidates.map((span) => trace.rowId[span]),
          () => cancelled,
          (state) => {
            if (cancelled) return
            setProgress(state.done < state.total ? state : null)
            setAttributeResult({ query, mask: evaluate() })
          },
        )
        .catch((reason: unknown) => !cancelled && setError(reason instanceof Error ? reason.message : String(reason)))
    }, 200)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [columnMask, query, layout, trace, details])

  return useMemo(() => {
    if (!columnMask) return { query, active, mask: null, matches: NO_MATCHES, progress: null, pending: false, error: null }
    const byAttributes = query.attributes.length > 0
    const attributesPending = byAttributes && attributeResult?.query !== query && error === null
    // Until the host has looked for the words in the spans' data, the matches by name show.
    const mask = !byAttributes ? columnMask : attributesPending ? new Uint8Array(layout.count) : (attributeResult?.mask ?? new Uint8Array(layout.count))
    return { query, active, mask, matches: inDisplayOrder(layout, mask), progress: byAttributes ? progress : null, pending: attributesPending || textPending, error }
  }, [columnMask, query, active, attributeResult, layout, progress, error, textPending])
}

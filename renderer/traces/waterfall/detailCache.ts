import type { ApiClient } from '../../../shared/api/contract'
import type { SpanDetail } from '../../../shared/domain/model'
import { type AttributeLookup, attributeText } from '../logic/query'

// Span details fetched on demand: whole details for the details panel (the last few kept), and
// for attribute search a compact text index of each span's attributes, resource and event
// attributes (kept for the trace's life: a 100,000-span search should not fetch twice).

const KEEP_DETAILS = 200
const IN_FLIGHT = 16
const SEP_ENTRY = '\u0001'
const SEP_VALUE = '\u0000'

/** Keys lowercased: a search for HTTP.Response.Status_Code=502 finds http.response.status_code. */
function flatten(attributes: Record<string, unknown>, into: string[]) {
  for (const [key, value] of Object.entries(attributes)) into.push(`${key.toLowerCase()}${SEP_VALUE}${attributeText(value)}`)
}

/** Values of `key` in a flattened attribute text. */
function valuesIn(text: string, key: string, into: string[]) {
  const needle = `${SEP_ENTRY}${key}${SEP_VALUE}`
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
    const from = at + needle.length
    const end = text.indexOf(SEP_ENTRY, from)
    into.push(text.slice(from, end === -1 ? text.length : end))
  }
}

export interface SearchProgress {
  done: number
  total: number
}

export class SpanDetailCache {
  private details = new Map<number, Promise<SpanDetail>>()
  private attributeIndex = new Map<number, { own: string; resource: string }>()
  private resources = new Map<string, string>()
  private textHits = new Map<string, Promise<Set<number>>>()

  /** `artifactId`: the file the trace is read from. */
  constructor(
    private readonly api: ApiClient,
    private readonly artifactId: number,
  ) {}

  /** Per word (lowercased), the row ids of the trace's spans with it in their attributes, events or status message (asked of the host once per word). */
  async spansContaining(traceId: string, words: readonly string[]): Promise<Map<string, Set<number>>> {
    const missing = words.filter((word) => !this.textHits.has(word))
    if (missing.length > 0) {
      const asked = this.api.call('spans.findText', { artifactId: this.artifactId, traceId, words: missing })
      missing.forEach((word, i) => {
        const hits = asked.then(({ rowIds }) => new Set(rowIds[i]))
        hits.catch(() => this.textHits.delete(word))
        this.textHits.set(word, hits)
      })
    }
    return new Map(await Promise.all(words.map(async (word) => [word, await this.textHits.get(word)!] as const)))
  }

  /** A span's details (cached; failures are not). */
  detail(rowId: number): Promise<SpanDetail> {
    let entry = this.details.get(rowId)
    if (entry) {
      this.details.delete(rowId)
      this.details.set(rowId, entry)
      return entry
    }
    entry = this.api.call('spans.detail', { rowId })
    this.details.set(rowId, entry)
    entry.then(
      (detail) => this.index(detail),
      () => this.details.delete(rowId),
    )
    if (this.details.size > KEEP_DETAILS) this.details.delete(this.details.keys().next().value!)
    return entry
  }

  private index(detail: SpanDetail) {
    if (this.attributeIndex.has(detail.rowId)) return
    const own: string[] = []
    flatten(detail.attributes, own)
    for (const event of detail.events) flatten(event.attributes, own)
    const resourceKey = JSON.stringify(detail.resource)
    let resource = this.resources.get(resourceKey)
    if (resource === undefined) {
      const entries: string[] = []
      flatten(detail.resource, entries)
      resource = entries.length ? SEP_ENTRY + entries.join(SEP_ENTRY) : ''
      this.resources.set(resourceKey, resource)
    }
    this.attributeIndex.set(detail.rowId, { own: own.length ? SEP_ENTRY + own.join(SEP_ENTRY) : '', resource })
  }

  /** The attribute lookup of a span whose details were indexed, else null. */
  lookup(rowId: number): AttributeLookup | null {
    const entry = this.attributeIndex.get(rowId)
    if (!entry) return null
    return (key) => {
      const values: string[] = []
      valuesIn(entry.own, key.toLowerCase(), values)
      valuesIn(entry.resource, key.toLowerCase(), values)
      return values
    }
  }

  /**
   * Indexes the attributes of every span in `rowIds` not indexed yet, a few requests at a time,
   * reporting progress; stops early when `cancelled()` says so.
   */
  async indexAll(rowIds: readonly number[], cancelled: () => boolean, progress: (state: SearchProgress) => void): Promise<void> {
    const missing = rowIds.filter((rowId) => !this.attributeIndex.has(rowId))
    const total = rowIds.length
    let done = total - missing.length
    let next = 0
    let lastReport = 0
    progress({ done, total })
    const lane = async () => {
      while (next < missing.length && !cancelled()) {
        const rowId = missing[next++]
        try {
          await this.detail(rowId)
        } catch {
          // A span that cannot be read does not match; the search goes on.
        }
        done++
        const now = performance.now()
        if (now - lastReport > 100 || done === total) {
          lastReport = now
          progress({ done, total })
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, missing.length) }, lane))
    if (!cancelled()) progress({ done: total, total })
  }
}

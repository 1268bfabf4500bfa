import type { Finding } from '../../shared/findings/model'
import type { Severity } from './severity'

// The incident's findings as a timeline, and the filters of its list.

/** By anchored time; findings without a time last, in the order they were written. */
export function timelineOrder(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => {
    const at = a.anchors.timeMs
    const bt = b.anchors.timeMs
    if (at !== bt) {
      if (at === null) return 1
      if (bt === null) return -1
      return at - bt
    }
    return a.createdAt - b.createdAt || a.id - b.id
  })
}

/** Tags and severities to keep; an empty set keeps them all. */
export interface FindingFilter {
  tags: ReadonlySet<string>
  severities: ReadonlySet<Severity>
}

export const NO_FILTER: FindingFilter = { tags: new Set(), severities: new Set() }

export const isFiltering = (filter: FindingFilter): boolean => filter.tags.size > 0 || filter.severities.size > 0

/** A finding carrying any of the chosen tags, with any of the chosen severities. */
export function matchesFilter(finding: Finding, filter: FindingFilter): boolean {
  if (filter.severities.size > 0 && !filter.severities.has(finding.severity)) return false
  if (filter.tags.size > 0) {
    const wanted = new Set([...filter.tags].map((tag) => tag.toLowerCase()))
    if (!finding.tags.some((tag) => wanted.has(tag.toLowerCase()))) return false
  }
  return true
}

/** Each tag in use with how many findings carry it, most used first; #Payments and #payments are one tag, spelled as first seen. */
export function tagCounts(findings: readonly Finding[]): Array<{ tag: string; count: number }> {
  const counts = new Map<string, { tag: string; count: number }>()
  for (const finding of findings) {
    for (const tag of new Set(finding.tags.map((spelling) => spelling.toLowerCase()))) {
      const entry = counts.get(tag) ?? { tag: finding.tags.find((spelling) => spelling.toLowerCase() === tag)!, count: 0 }
      entry.count++
      counts.set(tag, entry)
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag))
}

/** The spans of one trace that findings anchor, with the titles of those findings: looked up per row as the waterfall draws. */
export function anchoredSpans(findings: readonly Finding[], traceId: string): Map<string, string> {
  const spans = new Map<string, string>()
  for (const { anchors, title } of findings) {
    if (anchors.traceId !== traceId || anchors.spanId === null) continue
    const known = spans.get(anchors.spanId)
    spans.set(anchors.spanId, known === undefined ? title : `${known}; ${title}`)
  }
  return spans
}

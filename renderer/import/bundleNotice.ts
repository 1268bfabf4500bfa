import type { ImportResult } from '../../shared/domain/model'

const counted = (count: number, one: string, many: string) => (count === 0 ? [] : [`${count} ${count === 1 ? one : many}`])

/** What to tell someone who imported a bundle of an incident their workspace already has; null for any other import. */
export function bundleNotice({ incident, alreadyPresent, merged }: ImportResult): string | null {
  if (!alreadyPresent) return null
  const brought = merged
    ? [
        ...counted(merged.findings, 'new finding', 'new findings'),
        ...counted(merged.updatedFindings, 'finding edited since', 'findings edited since'),
        ...counted(merged.artifacts, 'file', 'files'),
      ]
    : []
  if (brought.length === 0) return `“${incident.title}” is in this workspace already, and the bundle holds nothing newer.`
  const list = brought.length === 1 ? brought[0] : `${brought.slice(0, -1).join(', ')} and ${brought.at(-1)}`
  return `“${incident.title}” was in this workspace already: the bundle brought ${list}.`
}

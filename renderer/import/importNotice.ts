import type { ImportResult } from '../../shared/domain/model'

const counted = (count: number, one: string, many: string) => (count === 0 ? [] : [`${count} ${count === 1 ? one : many}`])

const listed = (items: string[]) => (items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`)

/**
 * What to tell someone after an import: files the incident had already, a bundle and what it
 * brought (to an incident the workspace already has, or a new one), or of one titled as another
 * incident here; null for any other import.
 */
export function importNotice({ incident, alreadyPresent, sameTitleAsAnother, merged, alreadyHere }: ImportResult): string | null {
  if (alreadyHere) {
    const one = alreadyHere.length === 1
    return `${listed(alreadyHere.map((name) => `“${name}”`))} ${one ? 'was' : 'were'} in “${incident.title}” already (the same content): not imported again.`
  }
  if (sameTitleAsAnother) return `Another incident here is titled “${incident.title}” too. Both are kept: rename one to tell them apart.`
  if (!alreadyPresent) {
    if (!merged) return null
    const came = [...counted(merged.artifacts, 'file', 'files'), ...counted(merged.findings, 'finding', 'findings'), ...counted(merged.runbooks, 'runbook', 'runbooks')]
    return `Imported “${incident.title}” from the bundle${came.length === 0 ? '' : `: ${listed(came)}`}.`
  }
  const brought = merged
    ? [
        ...counted(merged.findings, 'new finding', 'new findings'),
        ...counted(merged.updatedFindings, 'finding edited since', 'findings edited since'),
        ...counted(merged.runbooks, 'runbook saved there', 'runbooks saved there'),
        ...counted(merged.artifacts, 'file', 'files'),
        ...counted(merged.clockOffsets, 'file’s clock offset set since', 'files’ clock offsets set since'),
      ]
    : []
  const removed = merged
    ? [
        ...counted(merged.removed.artifacts, 'file', 'files'),
        ...counted(merged.removed.findings, 'finding', 'findings'),
        ...counted(merged.removed.citations, 'citation', 'citations'),
      ]
    : []
  if (brought.length + removed.length === 0) return `“${incident.title}” is in this workspace already, and the bundle holds nothing newer.`
  const did = [...(brought.length === 0 ? [] : [`brought ${listed(brought)}`]), ...(removed.length === 0 ? [] : [`took out ${listed(removed)} removed there since`])]
  const notice = `“${incident.title}” was in this workspace already: the bundle ${did.join(', and ')}.`
  const inBoth = (current: 'bundle' | 'here') => (merged?.runbooksEditedInBoth ?? []).filter((runbook) => runbook.current === current).map((runbook) => `“${runbook.title}”`)
  const [bundleLater, hereLater] = [inBoth('bundle'), inBoth('here')]
  return [
    notice,
    ...(bundleLater.length === 0 ? [] : [`${listed(bundleLater)} had been edited here too: the bundle’s later text is current, the one from here a revision.`]),
    ...(hereLater.length === 0 ? [] : [`${listed(hereLater)} had been edited here later: the text from here stays current, the bundle’s is a revision.`]),
  ].join(' ')
}

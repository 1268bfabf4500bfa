import type { DiagramEmbedders } from '../../../../shared/diagrams/model'

const quoted = (items: Array<{ title: string }>, limit = 3) => {
  const names = items.slice(0, limit).map((item) => `“${item.title}”`)
  return items.length > limit ? `${names.join(', ')} and ${items.length - limit} more` : names.join(', ')
}

/** What deleting leaves showing the diagram as missing, named. */
export function embeddersText({ runbooks, findings }: DiagramEmbedders): string {
  const parts = [
    runbooks.length === 0 ? null : `${runbooks.length === 1 ? 'runbook' : `${runbooks.length} runbooks`} ${quoted(runbooks)}`,
    findings.length === 0 ? null : `${findings.length === 1 ? 'finding' : `${findings.length} findings`} ${quoted(findings)}`,
  ].filter((part) => part !== null)
  if (parts.length === 0) return 'Nothing embeds it.'
  const one = runbooks.length + findings.length === 1
  return `The ${parts.join(' and the ')} ${one ? 'embeds' : 'embed'} it, and will show it as missing.`
}

import type { StepBacklink } from '../../../shared/findings/model'
import { useApi } from '../../api/ApiProvider'
import { useOpenIncident } from '../../app/IncidentOpener'
import { formatClockMs } from '../../format/time'
import { destinationOf } from '../../findings/place'

/** Under a step: the findings citing it, each opening its incident as the finding was written (its moment, span, service and call). */
export function StepBacklinks({ links }: { links: readonly StepBacklink[] }) {
  const api = useApi()
  const openIncident = useOpenIncident()
  if (links.length === 0) return null
  const open = async (link: StepBacklink) => {
    try {
      openIncident(link.incidentId, destinationOf((await api.call('findings.get', { id: link.findingId })).anchors))
    } catch {
      openIncident(link.incidentId, link.timeMs === null ? undefined : { place: { timeMs: link.timeMs } })
    }
  }
  return (
    <div className="rb-backlinks" data-testid="runbook-backlinks">
      <span className="rb-backlinks-label">Cited by</span>
      <ul>
        {links.map((link) => (
          <li key={link.findingId}>
            <button type="button" className="rb-backlink" data-testid="runbook-backlink" title={`Open “${link.incidentTitle}” at this finding`} onClick={() => void open(link)}>
              <span className="rb-backlink-finding">{link.findingTitle}</span>
              <span className="rb-backlink-where">
                {link.incidentTitle}
                {link.timeMs !== null && ` · ${formatClockMs(link.timeMs)}`}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}

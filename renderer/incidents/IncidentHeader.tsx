import type { IncidentView } from '../../shared/domain/model'
import { ExportMenu } from '../export/ExportMenu'
import { FindingsHeaderActions } from '../findings/FindingsHeaderActions'
import { plural } from '../format/numbers'
import { formatDateTime, formatRelative, timeZoneNames } from '../format/time'
import { useNow } from '../format/useNow'
import { PairingBar } from '../pairing/PairingBar'

/** The open incident's title and facts, above the panes. */
export function IncidentHeader({ view, loading }: { view: IncidentView; loading: boolean }) {
  const { incident, artifacts } = view
  const now = useNow()
  const zone = timeZoneNames(now)
  return (
    <div className="incident-header" data-testid="incident-header" aria-busy={loading}>
      <h1 className="incident-title" data-testid="incident-title">
        {incident.title}
      </h1>
      <span className="incident-facts">
        <span data-testid="incident-artifact-count">{plural(artifacts.length, 'artifact')}</span>
        <span aria-hidden="true"> · </span>
        <span title={formatDateTime(incident.createdAt)}>opened {formatRelative(incident.createdAt, now)}</span>
        <span aria-hidden="true"> · </span>
        <span title={formatDateTime(incident.updatedAt)}>updated {formatRelative(incident.updatedAt, now)}</span>
        <span aria-hidden="true"> · </span>
        <span title={`Times on screen are in your time zone (${zone.long}); reports give them in UTC.`} data-testid="incident-time-zone">
          times in {zone.short}
        </span>
      </span>
      {loading && <span className="spinner" role="status" aria-label="Loading" />}
      <div className="incident-actions">
        <PairingBar />
        <FindingsHeaderActions />
        <ExportMenu incident={incident} />
      </div>
    </div>
  )
}

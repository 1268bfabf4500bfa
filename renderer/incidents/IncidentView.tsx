import type { IncidentView as View } from '../../shared/domain/model'
import type { Arrival } from '../app/IncidentOpener'
import { FindingsDrawer } from '../findings/FindingsDrawer'
import { FindingsOverlay } from '../findings/FindingsOverlay'
import { IncidentPanes, type PaneSizes } from '../panes/IncidentPanes'
import { IncidentHeader } from './IncidentHeader'
import { IncidentScope } from './IncidentScope'

interface IncidentViewProps {
  view: View
  loading: boolean
  initialSizes: readonly number[] | undefined
  onSizesChange: (sizes: PaneSizes) => void
  /** Where to take the panes once open (a search hit, a runbook backlink). */
  arrival: Arrival | null
}

/** The open incident: its title line above the Replay, Traces and Diagram panes, and its findings beside them. */
export function IncidentView({ view, loading, initialSizes, onSizesChange, arrival }: IncidentViewProps) {
  return (
    // Each incident its own clock, focus, history and findings.
    <IncidentScope key={view.incident.id} incidentId={view.incident.id} arrival={arrival}>
      <div className="incident-view" data-testid="incident-view" data-incident-id={view.incident.id}>
        <IncidentHeader view={view} loading={loading} />
        <div className="incident-body">
          <IncidentPanes artifacts={view.artifacts} initialSizes={initialSizes} onSizesChange={onSizesChange} />
          <FindingsDrawer />
          <FindingsOverlay />
        </div>
      </div>
    </IncidentScope>
  )
}

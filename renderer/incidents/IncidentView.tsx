import type { IncidentView as View } from '../../shared/domain/model'
import type { Arrival } from '../app/IncidentOpener'
import { IncidentPanes, type PaneSizes } from '../panes/IncidentPanes'
import { IncidentHeader } from './IncidentHeader'

interface IncidentViewProps {
  view: View
  loading: boolean
  initialSizes: readonly number[] | undefined
  onSizesChange: (sizes: PaneSizes) => void
  /** Where to take the panes once open (a search hit, a runbook backlink). */
  arrival: Arrival | null
}

/** The open incident: its title line above the Replay, Traces and Diagram panes. */
export function IncidentView({ view, loading, initialSizes, onSizesChange, arrival }: IncidentViewProps) {
  return (
    <div className="incident-view" data-testid="incident-view" data-incident-id={view.incident.id}>
      <IncidentHeader view={view} loading={loading} />
      {/* Each incident its own clock, focus and history. */}
      <IncidentPanes key={view.incident.id} artifacts={view.artifacts} initialSizes={initialSizes} onSizesChange={onSizesChange} arrival={arrival} />
    </div>
  )
}

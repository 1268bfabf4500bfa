import type { IncidentView as View } from '../../shared/domain/model'
import { IncidentPanes, type PaneSizes } from '../panes/IncidentPanes'
import { IncidentHeader } from './IncidentHeader'

interface IncidentViewProps {
  view: View
  loading: boolean
  initialSizes: readonly number[] | undefined
  onSizesChange: (sizes: PaneSizes) => void
}

/** The open incident: its title line above the Replay, Traces and Diagram panes. */
export function IncidentView({ view, loading, initialSizes, onSizesChange }: IncidentViewProps) {
  return (
    <div className="incident-view" data-testid="incident-view" data-incident-id={view.incident.id}>
      <IncidentHeader view={view} loading={loading} />
      <IncidentPanes artifacts={view.artifacts} initialSizes={initialSizes} onSizesChange={onSizesChange} />
    </div>
  )
}

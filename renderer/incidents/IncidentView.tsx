import type { IncidentView as View } from '../../shared/domain/model'
import type { Arrival } from '../app/IncidentOpener'
import { FindingsDrawer } from '../findings/FindingsDrawer'
import { FindingsOverlay } from '../findings/FindingsOverlay'
import type { Resume } from '../focus/NavigationProvider'
import { PairingNotice } from '../pairing/PairingNotice'
import { PingToasts } from '../pairing/PingToasts'
import { ReceivingProgress } from '../pairing/ReceivingProgress'
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
  /** Where the incident was left in this window, to go back there when it opens without an arrival. */
  resume: Resume
  /** This window is a pairing guest of the incident. */
  guest: boolean
}

/** The open incident: its title line above the Replay, Traces and Diagram panes, and its findings beside them. */
export function IncidentView({ view, loading, initialSizes, onSizesChange, arrival, resume, guest }: IncidentViewProps) {
  return (
    // Each incident its own clock, focus, history, findings and pairing session.
    <IncidentScope key={view.incident.id} incidentId={view.incident.id} arrival={arrival} resume={resume} guest={guest}>
      <div className="incident-view" data-testid="incident-view" data-incident-id={view.incident.id}>
        <IncidentHeader view={view} loading={loading} />
        <PairingNotice />
        <ReceivingProgress />
        <div className="incident-body">
          <IncidentPanes artifacts={view.artifacts} initialSizes={initialSizes} onSizesChange={onSizesChange} />
          <FindingsDrawer />
          <FindingsOverlay />
        </div>
        <PingToasts />
      </div>
    </IncidentScope>
  )
}

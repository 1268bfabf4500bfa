import type { ReactNode } from 'react'
import type { Arrival } from '../app/IncidentOpener'
import { ClockProvider } from '../clock/ClockContext'
import { FindingsProvider } from '../findings/FindingsProvider'
import { FocusProvider } from '../focus/focus'
import { NavigationProvider } from '../focus/NavigationProvider'

/** What one open incident's header, panes and findings share: its clock, focus, navigation history and findings. */
export function IncidentScope({ incidentId, arrival, children }: { incidentId: number; arrival: Arrival | null; children: ReactNode }) {
  return (
    <ClockProvider>
      <FocusProvider>
        <NavigationProvider arrival={arrival}>
          <FindingsProvider incidentId={incidentId}>{children}</FindingsProvider>
        </NavigationProvider>
      </FocusProvider>
    </ClockProvider>
  )
}

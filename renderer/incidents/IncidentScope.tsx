import type { ReactNode } from 'react'
import type { Arrival } from '../app/IncidentOpener'
import { ClockProvider } from '../clock/ClockContext'
import { FindingsProvider } from '../findings/FindingsProvider'
import { FocusProvider } from '../focus/focus'
import { NavigationProvider, type Resume } from '../focus/NavigationProvider'
import { PairingProvider } from '../pairing/PairingProvider'
import { IncidentLoadingProvider } from './loading'

interface IncidentScopeProps {
  incidentId: number
  arrival: Arrival | null
  resume: Resume
  /** This window is a pairing guest of the incident. */
  guest: boolean
  children: ReactNode
}

/** What one open incident's header, panes and findings share: what of it has loaded, its clock, focus, navigation history, findings and pairing session. */
export function IncidentScope({ incidentId, arrival, resume, guest, children }: IncidentScopeProps) {
  return (
    <IncidentLoadingProvider>
      <ClockProvider>
        <FocusProvider>
          <NavigationProvider arrival={arrival} resume={resume}>
            <FindingsProvider incidentId={incidentId}>
              <PairingProvider incidentId={incidentId} guest={guest}>
                {children}
              </PairingProvider>
            </FindingsProvider>
          </NavigationProvider>
        </FocusProvider>
      </ClockProvider>
    </IncidentLoadingProvider>
  )
}

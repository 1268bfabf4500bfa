import { createContext, useContext } from 'react'
import type { Place } from '../focus/navigation'

/** Where to take an incident's panes on opening it: a place (a moment, a trace, a span), a service or call, an authored diagram. */
export interface Destination {
  place?: Partial<Place>
  /** A service or call (derived diagram edge id) to pick there, as a finding anchored to it shows. */
  service?: string | null
  edge?: string | null
  diagramId?: number
}

/** An incident opened at a destination, e.g. from a runbook's backlink or a search hit. */
export interface Arrival extends Destination {
  incidentId: number
  /** Tells two arrivals at the same destination apart. */
  serial: number
}

/** Opens an incident, at `destination` when given; available anywhere in the workbench. */
export type OpenIncident = (incidentId: number, destination?: Destination) => void

export const IncidentOpenerContext = createContext<OpenIncident | null>(null)

export function useOpenIncident(): OpenIncident {
  const open = useContext(IncidentOpenerContext)
  if (!open) throw new Error('useOpenIncident must be used inside the workbench')
  return open
}

import { createContext, type ReactNode, useContext, useEffect, useLayoutEffect, useState } from 'react'
import type { Arrival, Destination } from '../app/IncidentOpener'
import { useClockStore } from '../clock/ClockContext'
import { type FocusState, useFocusStore } from './focus'
import type { Store } from '../state/store'
import type { LeftPlace } from './leftPlaces'
import { createNavigation, type GoOptions, type History, type Navigation, type Place } from './navigation'
import { historyKey } from '../app/historyKey'

const NavigationContext = createContext<Navigation | null>(null)

/** Where an incident was left, to go back there when it is opened again. */
export interface Resume {
  place: LeftPlace | null
  onLeave: (left: LeftPlace) => void
  /** The incident's way back and forth (Alt+←/→), kept from its earlier openings in this window. */
  history: History
}

interface NavigationProviderProps {
  /** A place to go to on opening. */
  arrival: Arrival | null
  /** Where the incident was left, taken on opening when there is no arrival. */
  resume: Resume
  children: ReactNode
}

/** Navigation between the incident's places, with Alt+← / Alt+→ walking its history. */
export function NavigationProvider({ arrival, resume, children }: NavigationProviderProps) {
  const focus = useFocusStore()
  const clock = useClockStore()
  const [navigation] = useState(() => createNavigation(focus, clock, resume.history))
  // As given on opening: this provider lives as long as one opening of one incident.
  const [opening] = useState(() => ({ place: arrival ? null : resume.place, arrival, left: resume.place, onLeave: resume.onLeave }))

  useEffect(() => {
    if (!opening.place) return
    const { service = null, edge = null, ...place } = opening.place
    navigation.go(place, { replace: true })
    focus.set({ service, edge })
  }, [opening, navigation, focus])
  // A layout effect's cleanup runs before the panes' own (the replay then clears the clock).
  // A reload or a closed window leaves the incident too, with nothing unmounted.
  useLayoutEffect(() => {
    const leave = () => opening.onLeave({ ...navigation.here(), service: focus.get().service, edge: focus.get().edge })
    window.addEventListener('pagehide', leave)
    return () => {
      window.removeEventListener('pagehide', leave)
      leave()
    }
  }, [opening, navigation, focus])

  useEffect(() => {
    if (!arrival) return
    // Opened at a place, the panes show nothing yet to come back to: Alt+← goes to where the
    // incident was left (its moment too), or, left nowhere, on to the screen before it.
    const left = arrival === opening.arrival && opening.left ? placeOf(opening.left) : null
    goTo(navigation, focus, arrival, arrival === opening.arrival ? { from: left } : {})
  }, [arrival, opening, navigation, focus])

  // On the document, so it comes before the window's: what this incident has no place for, the
  // workbench takes back or forth to the screen before or after it (useScreenHistory).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const step = historyKey(event)
      if (step === null) return
      if (step === 'back' ? navigation.back() : navigation.forward()) event.preventDefault()
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [navigation])

  return <NavigationContext.Provider value={navigation}>{children}</NavigationContext.Provider>
}

const placeOf = ({ trace, span, timeMs }: LeftPlace): Place => ({ trace, span, timeMs })

/** Takes the panes to `destination`: its place (a step in the history, when it is somewhere), then the service, call and diagram it picks. */
export function goTo(navigation: Navigation, focus: Store<FocusState>, { place, service, edge, diagramId }: Destination, options: GoOptions = {}): void {
  if (place && Object.keys(place).length > 0) {
    navigation.go(place, options)
    // Asked again for a place the panes are at already, its panes come into sight all the same.
    const panes = [...(place.trace ? (['traces'] as const) : []), ...(place.timeMs !== undefined && place.timeMs !== null ? (['replay'] as const) : [])]
    if (panes.length > 0) focus.set({ reveal: { panes, serial: (focus.get().reveal?.serial ?? 0) + 1 } })
  }
  if (service) focus.set({ service })
  if (edge) focus.set({ edge })
  if (diagramId !== undefined) focus.set({ diagram: { id: diagramId, serial: (focus.get().diagram?.serial ?? 0) + 1 } })
}

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext)
  if (!navigation) throw new Error('useNavigation must be used inside <NavigationProvider>')
  return navigation
}

import { createContext, type ReactNode, useContext, useEffect, useState } from 'react'
import type { Arrival } from '../app/IncidentOpener'
import { useClockStore } from '../clock/ClockContext'
import { useFocusStore } from './focus'
import { createNavigation, type Navigation } from './navigation'

const NavigationContext = createContext<Navigation | null>(null)

const EDITABLE = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])'

/** Navigation between the incident's places, with Alt+← / Alt+→ walking its history; `arrival` is a place to go to on opening. */
export function NavigationProvider({ arrival, children }: { arrival: Arrival | null; children: ReactNode }) {
  const focus = useFocusStore()
  const clock = useClockStore()
  const [navigation] = useState(() => createNavigation(focus, clock))

  useEffect(() => {
    if (!arrival) return
    if (arrival.place) navigation.go(arrival.place)
    if (arrival.diagramId !== undefined) focus.set({ diagram: { id: arrival.diagramId, serial: arrival.serial } })
  }, [arrival, navigation, focus])

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.defaultPrevented) return
      // In a text field Alt+arrows move by word (macOS).
      if (event.target instanceof Element && event.target.closest(EDITABLE)) return
      if (event.key === 'ArrowLeft') navigation.back()
      else if (event.key === 'ArrowRight') navigation.forward()
      else return
      // Also keeps a browser (casefile serve) from leaving the app.
      event.preventDefault()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [navigation])

  return <NavigationContext.Provider value={navigation}>{children}</NavigationContext.Provider>
}

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext)
  if (!navigation) throw new Error('useNavigation must be used inside <NavigationProvider>')
  return navigation
}

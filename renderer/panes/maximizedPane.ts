import { createContext, useContext } from 'react'

export type PaneId = 'replay' | 'traces' | 'diagram'

/** Which pane, if any, has the incident view's whole width; the others stay mounted, out of sight. */
export interface MaximizedPane {
  maximized: PaneId | null
  toggle(pane: PaneId): void
}

export const MaximizedPaneContext = createContext<MaximizedPane | null>(null)

export const useMaximizedPane = () => useContext(MaximizedPaneContext)

import { createContext, useContext } from 'react'
import type { FocusState } from '../focus/focus'

export type PaneId = 'replay' | 'traces' | 'diagram'

/** Which pane, if any, has the incident view's whole width; the others stay mounted, out of sight. */
export interface MaximizedPane {
  maximized: PaneId | null
  /** Too narrow for three side by side: one pane shows at a time, picked by tabs (never none). */
  oneAtATime: boolean
  toggle(pane: PaneId): void
  /**
   * Something in a pane covers all of them (the diagram editor in the whole window): the dividers
   * under it then take no pointer (the panels library finds them by position, under anything
   * inside the panes).
   */
  cover(covering: boolean): void
}

export const MaximizedPaneContext = createContext<MaximizedPane | null>(null)

export const useMaximizedPane = () => useContext(MaximizedPaneContext)

/**
 * The panes a change of focus asks to show: the replay, for a move of the replay on its own (a
 * finding's or a ping's moment; the move that comes with a picked span only keeps the replay in
 * step, as does a followed pairing driver's); the trace pane, for another trace; the diagram pane,
 * for an authored diagram asked for; and the panes a reveal names.
 */
export function panesAskedFor(before: FocusState, after: FocusState): PaneId[] {
  const asked: PaneId[] = []
  const otherTrace = after.trace !== null && (after.trace.traceId !== before.trace?.traceId || after.trace.artifactId !== before.trace?.artifactId)
  const seekAlone = after.seek !== before.seek && after.seek?.playing === undefined && after.span === before.span && !otherTrace
  if (seekAlone) asked.push('replay')
  if (otherTrace) asked.push('traces')
  if (after.diagram && after.diagram !== before.diagram) asked.push('diagram')
  if (after.reveal && after.reveal !== before.reveal) asked.push(...after.reveal.panes.filter((pane) => !asked.includes(pane)))
  return asked
}

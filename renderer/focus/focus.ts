import { storeContext } from '../state/store'

// What the engineer is looking at in the open incident, shared by the panes: the trace open in the
// trace pane, and a service picked elsewhere (a diagram node) that the trace pane narrows to.

export interface TraceRef {
  artifactId: number
  traceId: string
}

export interface FocusState {
  trace: TraceRef | null
  service: string | null
}

const focus = storeContext<FocusState>('The incident focus', () => ({ trace: null, service: null }))

export const FocusProvider = focus.Provider
export const useFocusStore = focus.useStore
/** The focus, or the part `select` picks (re-rendering only when that part changes). */
export const useFocus = focus.useSelect

import { storeContext } from '../state/store'

// What the engineer is looking at in the open incident, shared by the panes: the trace open in the
// trace pane and the span selected in it, a service picked elsewhere (a diagram node) that the
// trace pane narrows to, a call picked in the diagram (an edge, its spans listed), and the last
// request to move the replay. Panes change it through navigation.ts, which keeps the history
// Alt+←/→ walks.

export interface TraceRef {
  traceId: string
  /** The trace file holding it; null: whichever of the incident's files has the trace. */
  artifactId: number | null
}

/**
 * A span of the open trace: by id (`zoom`: the waterfall zooms in on it, as when a finding is
 * restored; `seek`: once found, the replay moves to its start, as for a finding with no moment of
 * its own), or where to land when a trace is opened from elsewhere.
 */
export type SpanTarget = { spanId: string; zoom?: boolean; seek?: boolean } | { land: 'error' | 'root' }

/**
 * Move the replay to `timeMs` (epoch ms, incident clock); `serial` tells requests apart. A followed
 * pairing driver also gives play state and speed, and a playing follower already close enough to
 * `timeMs` keeps playing rather than jumping.
 */
export interface SeekRequest {
  timeMs: number
  serial: number
  /** The recording to show it in, when it must be that one (a followed driver's); else one covering `timeMs`. */
  recordingId?: number | null
  playing?: boolean
  speed?: number
}

export interface FocusState {
  trace: TraceRef | null
  span: SpanTarget | null
  service: string | null
  /** The call picked in the derived diagram: its edge's id, `from→to` (renderer/diagram/derived/derivedFlow.ts). */
  edge: string | null
  seek: SeekRequest | null
  /** An authored diagram to show in the diagram pane (a request; `serial` tells them apart). */
  diagram: { id: number; serial: number } | null
  /**
   * Panes asked to be shown whatever changed (a finding shown again, its place unchanged, still
   * asks for its panes); `serial` tells the asks apart.
   */
  reveal: { panes: ReadonlyArray<'replay' | 'traces'>; serial: number } | null
}

const focus = storeContext<FocusState>('The incident focus', () => ({ trace: null, span: null, service: null, edge: null, seek: null, diagram: null, reveal: null }))

export const FocusProvider = focus.Provider
export const useFocusStore = focus.useStore
/** The focus, or the part `select` picks (re-rendering only when that part changes). */
export const useFocus = focus.useSelect

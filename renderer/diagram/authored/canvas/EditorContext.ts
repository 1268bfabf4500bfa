import { createContext, useContext } from 'react'
import type { GraphNode } from '../../../../shared/graph/service-graph'

/** What the open incident says about the services nodes are bound to. */
export interface LiveServices {
  byService: ReadonlyMap<string, GraphNode>
  /** Services of the trace open in the trace pane, or null when none is open. */
  traced: ReadonlySet<string> | null
}

export interface EditorActions {
  /** Records the drawing as it now is as an undo step (after a resize, a label edit, ...). */
  commit: () => void
}

export const LiveServicesContext = createContext<LiveServices>({ byService: new Map(), traced: null })
export const EditorActionsContext = createContext<EditorActions>({ commit: () => {} })

export const useLiveServices = () => useContext(LiveServicesContext)
export const useEditorActions = () => useContext(EditorActionsContext)

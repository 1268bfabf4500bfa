import { createContext, useCallback, useContext, useSyncExternalStore } from 'react'
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

/** Which node the pointer is over: a node draws its connect handles only then (or when selected). */
export interface HoveredNode {
  get: () => string | null
  set: (nodeId: string | null) => void
  subscribe: (listener: () => void) => () => void
}

export function hoveredNode(): HoveredNode {
  let current: string | null = null
  const listeners = new Set<() => void>()
  return {
    get: () => current,
    set: (nodeId) => {
      if (nodeId === current) return
      current = nodeId
      for (const listener of listeners) listener()
    },
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

export const HoveredNodeContext = createContext<HoveredNode>(hoveredNode())

/** Whether the pointer is over node `nodeId` (re-renders only that node when it changes). */
export function useHovered(nodeId: string): boolean {
  const hovered = useContext(HoveredNodeContext)
  const isThis = useCallback(() => hovered.get() === nodeId, [hovered, nodeId])
  return useSyncExternalStore(hovered.subscribe, isThis)
}

import { useStore } from '@xyflow/react'
import { createContext, type ReactNode, useContext, useMemo } from 'react'
import { createPortal } from 'react-dom'

// xyflow's own EdgeLabelRenderer finds the label layer with a querySelector inside a store
// selector, so every labelled edge runs one on every store change: each frame of a pan or zoom.
// On a diagram of 2,000 labelled edges that was a good part of every frame. Here the layer is
// found once per flow, and edges put their labels in it.

const LabelLayerContext = createContext<Element | null>(null)

/**
 * Wraps a <ReactFlow> (inside its provider) whose edges use EdgeLabel. Labels go between the edges
 * and the nodes, or, `afterNodes`, after the nodes (xyflow's viewport portal): labels that take the
 * keyboard are then reached after the nodes, as a reader goes from services to the calls between them.
 */
export function EdgeLabelLayer({ children, afterNodes = false }: { children: ReactNode; afterNodes?: boolean }) {
  const domNode = useStore((state) => state.domNode)
  const layer = useMemo(() => domNode?.querySelector(afterNodes ? '.react-flow__viewport-portal' : '.react-flow__edgelabel-renderer') ?? null, [domNode, afterNodes])
  return <LabelLayerContext.Provider value={layer}>{children}</LabelLayerContext.Provider>
}

/** An edge's label, drawn in HTML above the edges (React events still reach the edge). */
export function EdgeLabel({ children }: { children: ReactNode }) {
  const layer = useContext(LabelLayerContext)
  return layer ? createPortal(children, layer) : null
}

import { useRef } from 'react'
import { type CanvasScene, canvasScene, LARGE_DIAGRAM_NODES } from '../logic/canvasScene'
import { type DiagramFlowEdge, type DiagramFlowNode, fromFlow } from '../logic/flowModel'

const sameNode = (a: DiagramFlowNode, b: DiagramFlowNode) =>
  a === b || (a.id === b.id && a.position === b.position && a.width === b.width && a.height === b.height && a.parentId === b.parentId && a.data === b.data && a.selected === b.selected)
const sameEdge = (a: DiagramFlowEdge, b: DiagramFlowEdge) => a === b || (a.id === b.id && a.source === b.source && a.target === b.target && a.data === b.data && a.selected === b.selected)
const sameItems = <T,>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean) => a === b || (a.length === b.length && a.every((item, index) => same(item, b[index])))

/**
 * What the canvas of a large diagram draws (canvasScene), worked out again only when the drawing
 * changes: not when xyflow measures a node it mounted, nor while a node is dragged (the dragged
 * nodes are elements then, which the canvas leaves out). Null for a diagram that is not large.
 */
export function useCanvasScene(nodes: DiagramFlowNode[], edges: DiagramFlowEdge[]): CanvasScene | null {
  const last = useRef<{ nodes: DiagramFlowNode[]; edges: DiagramFlowEdge[]; scene: CanvasScene } | null>(null)
  if (nodes.length < LARGE_DIAGRAM_NODES) {
    last.current = null
    return null
  }
  const kept = last.current
  const dragging = nodes.some((node) => node.dragging)
  if (kept && (dragging || (sameItems(kept.nodes, nodes, sameNode) && sameItems(kept.edges, edges, sameEdge)))) return kept.scene
  const selected = new Set([...nodes, ...edges].filter((item) => item.selected).map((item) => item.id))
  last.current = { nodes, edges, scene: canvasScene(fromFlow(nodes, edges), selected) }
  return last.current.scene
}

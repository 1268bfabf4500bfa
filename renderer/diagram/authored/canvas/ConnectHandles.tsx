import { Handle, Position, useConnection, useNodeId } from '@xyflow/react'
import { useHovered } from './EditorContext'

const SIDES = [Position.Top, Position.Right, Position.Bottom, Position.Left] as const
const inProgress = (connection: { inProgress: boolean }) => connection.inProgress

/**
 * A handle on each side to draw edges from and to (the editor connects in loose mode). Handles are
 * there while the node is hovered or selected, or an edge is being drawn: four on every node were
 * most of the cost of a node coming into view. Otherwise plain hidden anchors stand in their
 * places, for xyflow to measure when the node mounts (it draws an edge only between handles it
 * has measured, and finds where a drawn edge starts by the handle's id).
 */
export function ConnectHandles({ selected }: { selected: boolean }) {
  const hovered = useHovered(useNodeId() ?? '')
  const connecting = useConnection(inProgress)
  if (!selected && !hovered && !connecting) {
    return SIDES.map((side) => <span key={side} className={`source dg-anchor dg-anchor-${side}`} data-handleid={side} data-handlepos={side} />)
  }
  return SIDES.map((side) => <Handle key={side} id={side} type="source" position={side} className="dg-handle" />)
}

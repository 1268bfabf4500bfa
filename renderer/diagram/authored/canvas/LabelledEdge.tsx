import { BaseEdge, type EdgeProps, getBezierPath, type InternalNode, Position, useInternalNode } from '@xyflow/react'
import { EdgeLabel } from '../../flow/EdgeLabels'
import type { DiagramFlowEdge } from '../logic/flowModel'
import { borderPoint, type Box, sideOf } from '../logic/geometry'

const POSITIONS = { left: Position.Left, right: Position.Right, top: Position.Top, bottom: Position.Bottom } as const

const boxOf = (node: InternalNode): Box => ({
  ...node.internals.positionAbsolute,
  width: node.measured.width ?? node.width ?? 0,
  height: node.measured.height ?? node.height ?? 0,
})
const centerOf = (box: Box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 })

/** An edge leaving each node on the side facing the other, whatever handle it was drawn from. */
export function LabelledEdge({ id, source, target, data, selected, markerEnd }: EdgeProps<DiagramFlowEdge>) {
  const sourceNode = useInternalNode(source)
  const targetNode = useInternalNode(target)
  if (!sourceNode || !targetNode) return null
  const from = boxOf(sourceNode)
  const to = boxOf(targetNode)
  const start = borderPoint(from, centerOf(to))
  const end = borderPoint(to, centerOf(from))
  const [path, labelX, labelY] = getBezierPath({
    sourceX: start.x,
    sourceY: start.y,
    sourcePosition: POSITIONS[sideOf(from, start)],
    targetX: end.x,
    targetY: end.y,
    targetPosition: POSITIONS[sideOf(to, end)],
  })
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className="dg-link" data-selected={selected || undefined} />
      {data?.label && (
        <EdgeLabel>
          <span
            className="dg-link-label nodrag nopan"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-selected={selected || undefined}
            data-testid="authored-edge-label"
          >
            {data.label}
          </span>
        </EdgeLabel>
      )}
    </>
  )
}

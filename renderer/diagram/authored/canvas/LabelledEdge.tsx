import { BaseEdge, type EdgeProps, type InternalNode, useInternalNode } from '@xyflow/react'
import { EdgeLabel } from '../../flow/EdgeLabels'
import type { DiagramFlowEdge } from '../logic/flowModel'
import type { Box } from '../../../../shared/diagrams/geometry'
import { linkPath } from '../logic/linkPath'

const boxOf = (node: InternalNode): Box => ({
  ...node.internals.positionAbsolute,
  width: node.measured.width ?? node.width ?? 0,
  height: node.measured.height ?? node.height ?? 0,
})

/** An edge between the facing sides of its two nodes, with its label. */
export function LabelledEdge({ id, source, target, data, selected, markerEnd }: EdgeProps<DiagramFlowEdge>) {
  const sourceNode = useInternalNode(source)
  const targetNode = useInternalNode(target)
  if (!sourceNode || !targetNode) return null
  const { path, labelX, labelY } = linkPath(boxOf(sourceNode), boxOf(targetNode))
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

import { getBezierPath, Position } from '@xyflow/react'
import { borderPoint, type Box, centerOf, sideOf } from '../../../../shared/diagrams/geometry'

const POSITIONS = { left: Position.Left, right: Position.Right, top: Position.Top, bottom: Position.Bottom } as const

/**
 * An authored edge's curve (SVG path data), its label's spot and where it ends: it leaves each box
 * on the side facing the other, whatever handle it was drawn from.
 */
export function linkPath(from: Box, to: Box): { path: string; labelX: number; labelY: number; end: { x: number; y: number } } {
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
  return { path, labelX, labelY, end }
}

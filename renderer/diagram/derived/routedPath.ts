import { halfwayAlong, type LayoutDirection } from '../../../shared/graph/layout'

type Point = { x: number; y: number }

/**
 * An SVG path through a long call's route (the layout's points: out of the caller, along its free
 * slot through each layer it passes, into the callee), curving between layers and straight
 * through them, so it never runs under a service it passes; its label goes halfway along, in
 * that free slot, not on a service.
 */
export function routedPath(points: readonly Point[], direction: LayoutDirection): { path: string; labelX: number; labelY: number } {
  const parts = [`M${points[0].x},${points[0].y}`]
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1], points[i]]
    if (direction === 'LR') {
      const half = (b.x - a.x) / 2
      parts.push(Math.abs(a.y - b.y) < 0.5 ? `L${b.x},${b.y}` : `C${a.x + half},${a.y} ${b.x - half},${b.y} ${b.x},${b.y}`)
    } else {
      const half = (b.y - a.y) / 2
      parts.push(Math.abs(a.x - b.x) < 0.5 ? `L${b.x},${b.y}` : `C${a.x},${a.y + half} ${b.x},${b.y - half} ${b.x},${b.y}`)
    }
  }
  const label = halfwayAlong(points)
  return { path: parts.join(' '), labelX: label.x, labelY: label.y }
}

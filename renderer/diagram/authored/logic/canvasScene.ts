import type { DiagramContent, DiagramNode } from '../../../../shared/diagrams/model'
import { absolutePosition, around, type Box, sideOf } from '../../../../shared/diagrams/geometry'
import { linkPath } from './linkPath'

// A large diagram is drawn on one canvas (SceneCanvas) under xyflow's elements: whole when zoomed
// out (an overview, no elements at all), and where elements are not mounted yet while the view
// moves or has just come to rest (see liveSet.ts). This is what that canvas draws, in flow
// coordinates, and what a click on the overview hits.

/** From this many nodes on, a diagram is large: drawn on the canvas, its elements mounted only where in view. */
export const LARGE_DIAGRAM_NODES = 150

export interface SceneItem extends Box {
  node: DiagramNode
  selected: boolean
}

export interface SceneLink {
  id: string
  source: string
  target: string
  /** The curve, as SVG path data. */
  path: string
  /** The box around its two nodes: it is in view when this is (as xyflow decides which edges to draw). */
  bounds: Box
  /** Where it meets its target and the way it points there (unit vector), for the arrowhead. */
  end: { x: number; y: number; dx: number; dy: number }
  label: string
  labelX: number
  labelY: number
  selected: boolean
}

export interface CanvasScene {
  /** In drawing order: boundaries first (outer before inner), then services and notes. */
  items: SceneItem[]
  links: SceneLink[]
}

/** The way a curve drawn by linkPath enters its target's side. */
const INTO_SIDE = { left: { dx: 1, dy: 0 }, right: { dx: -1, dy: 0 }, top: { dx: 0, dy: 1 }, bottom: { dx: 0, dy: -1 } } as const

export function canvasScene(content: DiagramContent, selectedIds: ReadonlySet<string>): CanvasScene {
  const byId = new Map(content.nodes.map((node) => [node.id, node]))
  const boxes = new Map<string, SceneItem>()
  for (const node of content.nodes) {
    boxes.set(node.id, { ...absolutePosition(node, byId), width: node.width, height: node.height, node, selected: selectedIds.has(node.id) })
  }
  const all = [...boxes.values()]
  const links: SceneLink[] = []
  for (const edge of content.edges) {
    const from = boxes.get(edge.source)
    const to = boxes.get(edge.target)
    if (!from || !to) continue
    const { path, labelX, labelY, end } = linkPath(from, to)
    links.push({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      path,
      bounds: around(from, to),
      end: { ...end, ...INTO_SIDE[sideOf(to, end)] },
      label: edge.label,
      labelX,
      labelY,
      selected: selectedIds.has(edge.id),
    })
  }
  // content.nodes has every group before its members, so inner groups come after outer ones.
  return { items: [...all.filter((item) => item.node.kind === 'group'), ...all.filter((item) => item.node.kind !== 'group')], links }
}

const contains = (box: Box, point: { x: number; y: number }) => point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height

/** The node drawn on top at `point` (flow coordinates): a service or note before the boundary around it. */
export function itemAt(scene: CanvasScene, point: { x: number; y: number }): SceneItem | null {
  for (let index = scene.items.length - 1; index >= 0; index--) {
    if (contains(scene.items[index], point)) return scene.items[index]
  }
  return null
}

import type { DiagramContent, DiagramNode } from '../../../../shared/diagrams/model'
import { absolutePosition, type Box } from './geometry'
import { linkPath } from './linkPath'

// A large diagram zoomed out is drawn on one canvas (OverviewCanvas) instead of as thousands of
// elements. This is what that canvas draws, in flow coordinates, and what a click there hits.

/** At least this many nodes, and zoomed out past FAR_ZOOM, a diagram is shown as an overview. */
export const OVERVIEW_MIN_NODES = 150

export interface OverviewItem extends Box {
  node: DiagramNode
  selected: boolean
}

export interface OverviewLink {
  path: string
  selected: boolean
}

export interface OverviewScene {
  /** In drawing order: boundaries first (outer before inner), then services and notes. */
  items: OverviewItem[]
  links: OverviewLink[]
}

export function overviewScene(content: DiagramContent, selectedIds: ReadonlySet<string>): OverviewScene {
  const byId = new Map(content.nodes.map((node) => [node.id, node]))
  const boxes = new Map<string, OverviewItem>()
  for (const node of content.nodes) {
    boxes.set(node.id, { ...absolutePosition(node, byId), width: node.width, height: node.height, node, selected: selectedIds.has(node.id) })
  }
  const all = [...boxes.values()]
  const links: OverviewLink[] = []
  for (const edge of content.edges) {
    const from = boxes.get(edge.source)
    const to = boxes.get(edge.target)
    if (from && to) links.push({ path: linkPath(from, to).path, selected: selectedIds.has(edge.id) })
  }
  // content.nodes has every group before its members, so inner groups come after outer ones.
  return { items: [...all.filter((item) => item.node.kind === 'group'), ...all.filter((item) => item.node.kind !== 'group')], links }
}

const contains = (box: Box, point: { x: number; y: number }) => point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height

/** The node drawn on top at `point` (flow coordinates): a service or note before the boundary around it. */
export function itemAt(scene: OverviewScene, point: { x: number; y: number }): OverviewItem | null {
  for (let index = scene.items.length - 1; index >= 0; index--) {
    if (contains(scene.items[index], point)) return scene.items[index]
  }
  return null
}

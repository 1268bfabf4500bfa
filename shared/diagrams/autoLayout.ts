import { type LayoutDirection, layoutLayered } from '../graph/layout'
import { snap } from './geometry'
import type { DiagramContent, DiagramNode } from './model'

const GROUP_PADDING = { left: 24, top: 40, right: 24, bottom: 24 }

/**
 * Lays the diagram out by its edges, left to right (or top to bottom): each group's members inside
 * the group (groups sized to fit), then the top level, with an edge into a group counting for the group.
 */
export function autoLayout(content: DiagramContent, direction: LayoutDirection = 'LR'): DiagramContent {
  const nodes = new Map(content.nodes.map((node) => [node.id, { ...node }]))
  const children = new Map<string | null, DiagramNode[]>()
  for (const node of content.nodes) {
    const siblings = children.get(node.parentId) ?? []
    siblings.push(nodes.get(node.id)!)
    children.set(node.parentId, siblings)
  }
  const childrenOf = (parentId: string | null) => children.get(parentId) ?? []
  /** The member of `parentId` that holds `id` (or is it), if any. */
  const memberHolding = (id: string, parentId: string | null): string | null => {
    for (let node = nodes.get(id); node; node = node.parentId ? nodes.get(node.parentId) : undefined) {
      if (node.parentId === parentId) return node.id
    }
    return null
  }

  const place = (parentId: string | null): { width: number; height: number } => {
    const members = childrenOf(parentId)
    for (const member of members) {
      if (member.kind === 'group' && childrenOf(member.id).length > 0) Object.assign(member, place(member.id))
    }
    const edges = content.edges
      .map((edge) => ({ from: memberHolding(edge.source, parentId), to: memberHolding(edge.target, parentId) }))
      .filter((edge): edge is { from: string; to: string } => edge.from !== null && edge.to !== null && edge.from !== edge.to)
    const layout = layoutLayered(
      members.map((member: DiagramNode) => ({ id: member.id, width: member.width, height: member.height })),
      edges,
      direction,
    )
    const origin = parentId === null ? { x: 0, y: 0 } : { x: GROUP_PADDING.left, y: GROUP_PADDING.top }
    for (const member of members) {
      const at = layout.positions.get(member.id)!
      member.x = snap(origin.x + at.x)
      member.y = snap(origin.y + at.y)
    }
    const right = Math.max(0, ...members.map((member) => member.x + member.width))
    const bottom = Math.max(0, ...members.map((member) => member.y + member.height))
    return { width: snap(right + GROUP_PADDING.right), height: snap(bottom + GROUP_PADDING.bottom) }
  }
  place(null)
  return { nodes: content.nodes.map((node) => nodes.get(node.id)!), edges: content.edges }
}

import type { DiagramContent, DiagramEdge, DiagramNode } from '../../../../shared/diagrams/model'
import { absolutePosition, parentsFirst } from '../../../../shared/diagrams/geometry'

/** Copied nodes (with the members of copied groups) and the edges among them. */
export type Fragment = DiagramContent

export function copySelection(content: DiagramContent, selectedIds: ReadonlySet<string>): Fragment {
  const byId = new Map(content.nodes.map((node) => [node.id, node]))
  const copied = new Set<string>()
  const take = (id: string) => {
    if (copied.has(id)) return
    copied.add(id)
    for (const member of content.nodes) if (member.parentId === id) take(member.id)
  }
  for (const id of selectedIds) if (byId.has(id)) take(id)
  const nodes = content.nodes
    .filter((node) => copied.has(node.id))
    .map((node) => {
      // A node copied without its group keeps its place on screen.
      if (node.parentId === null || copied.has(node.parentId)) return node
      return { ...node, ...absolutePosition(node, byId), parentId: null }
    })
  const edges = content.edges.filter((edge) => copied.has(edge.source) && copied.has(edge.target))
  return { nodes, edges }
}

/**
 * Adds a copy of `fragment` with fresh ids, its top-level nodes moved by `offset`; returns the new
 * content and the ids of the pasted nodes (to select them).
 */
export function paste(content: DiagramContent, fragment: Fragment, offset: { x: number; y: number }, newId: () => string): { content: DiagramContent; pastedIds: string[] } {
  const ids = new Map(fragment.nodes.map((node) => [node.id, newId()]))
  const nodes: DiagramNode[] = fragment.nodes.map((node) => {
    const parentId = node.parentId !== null ? (ids.get(node.parentId) ?? null) : null
    const topLevel = parentId === null
    return { ...node, id: ids.get(node.id)!, parentId, x: topLevel ? node.x + offset.x : node.x, y: topLevel ? node.y + offset.y : node.y }
  })
  const edges: DiagramEdge[] = fragment.edges.map((edge) => ({ ...edge, id: newId(), source: ids.get(edge.source)!, target: ids.get(edge.target)! }))
  return {
    content: { nodes: parentsFirst([...content.nodes, ...nodes]), edges: [...content.edges, ...edges] },
    pastedIds: nodes.map((node) => node.id),
  }
}

/** Removes nodes (with the members of removed groups), edges, and edges left dangling. */
export function remove(content: DiagramContent, nodeIds: ReadonlySet<string>, edgeIds: ReadonlySet<string>): DiagramContent {
  const gone = new Set<string>()
  const drop = (id: string) => {
    gone.add(id)
    for (const member of content.nodes) if (member.parentId === id && !gone.has(member.id)) drop(member.id)
  }
  for (const id of nodeIds) drop(id)
  return {
    nodes: content.nodes.filter((node) => !gone.has(node.id)),
    edges: content.edges.filter((edge) => !edgeIds.has(edge.id) && !gone.has(edge.source) && !gone.has(edge.target)),
  }
}

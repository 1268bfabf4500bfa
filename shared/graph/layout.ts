import dagre from '@dagrejs/dagre'

export interface LayoutNode {
  id: string
  width: number
  height: number
}

export interface PlacedGraph {
  /** Top-left corners. */
  positions: Map<string, { x: number; y: number }>
  /** Edge routes, in order of the edges given. */
  routes: Array<Array<{ x: number; y: number }>>
  width: number
  height: number
}

/** Which way calls flow: left to right, or top to bottom (for tall, narrow panes). */
export type LayoutDirection = 'LR' | 'TB'

/** Left-to-right layered layout by call direction (dagre), for the derived graph and diagrams. */
export function layoutLeftToRight(nodes: readonly LayoutNode[], edges: ReadonlyArray<{ from: string; to: string }>): PlacedGraph {
  return layoutLayered(nodes, edges, 'LR')
}

/** Layered layout by call direction (dagre): callers before callees along `direction`. */
export function layoutLayered(nodes: readonly LayoutNode[], edges: ReadonlyArray<{ from: string; to: string }>, direction: LayoutDirection): PlacedGraph {
  const graph = new dagre.graphlib.Graph({ multigraph: true })
  graph.setGraph(direction === 'LR' ? { rankdir: 'LR', nodesep: 28, ranksep: 90, marginx: 16, marginy: 16 } : { rankdir: 'TB', nodesep: 24, ranksep: 56, marginx: 16, marginy: 16 })
  graph.setDefaultEdgeLabel(() => ({}))
  for (const node of nodes) graph.setNode(node.id, { width: node.width, height: node.height })
  edges.forEach((edge, i) => graph.setEdge(edge.from, edge.to, {}, String(i)))
  dagre.layout(graph)
  const positions = new Map<string, { x: number; y: number }>()
  for (const node of nodes) {
    const placed = graph.node(node.id)
    positions.set(node.id, { x: placed.x - node.width / 2, y: placed.y - node.height / 2 })
  }
  const routes = edges.map((edge, i) => graph.edge({ v: edge.from, w: edge.to, name: String(i) })?.points ?? [])
  const { width = 0, height = 0 } = graph.graph()
  return { positions, routes, width, height }
}

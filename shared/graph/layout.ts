import { assignLayers, cycleClosingEdges, type IndexEdge } from './layered/layers'
import { orderLayers, properGraph } from './layered/order'
import { placeAcross } from './layered/place'

export interface LayoutNode {
  id: string
  width: number
  height: number
}

export interface PlacedGraph {
  /** Top-left corners. */
  positions: Map<string, { x: number; y: number }>
  /** Edge routes, in order of the edges given (empty for an edge from a node to itself). */
  routes: Array<Array<{ x: number; y: number }>>
  width: number
  height: number
}

/** Which way calls flow: left to right, or top to bottom (for tall, narrow panes). */
export type LayoutDirection = 'LR' | 'TB'

interface Point {
  x: number
  y: number
}

const SPACING = {
  LR: { nodeGap: 28, layerGap: 90, edgeGap: 10 },
  TB: { nodeGap: 24, layerGap: 56, edgeGap: 10 },
} as const
const MARGIN = 16
/** Fewer ordering sweeps on big graphs: they are where the time goes, and gain little there. */
const sweepsFor = (items: number) => (items > 2000 ? 8 : 24)

/** Left-to-right layered layout by call direction, for the derived graph and diagrams. */
export function layoutLeftToRight(nodes: readonly LayoutNode[], edges: ReadonlyArray<{ from: string; to: string }>): PlacedGraph {
  return layoutLayered(nodes, edges, 'LR')
}

/**
 * Layered layout by call direction: callers before callees along `direction` (a cycle is broken
 * where a depth-first walk closes it), few crossings, long edges kept straight.
 */
export function layoutLayered(nodes: readonly LayoutNode[], edges: ReadonlyArray<{ from: string; to: string }>, direction: LayoutDirection): PlacedGraph {
  const index = new Map(nodes.map((node, i) => [node.id, i]))
  // One layout edge per pair of nodes, whatever its direction.
  const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`)
  const pairs = new Map<string, number>()
  const given: IndexEdge[] = []
  for (const edge of edges) {
    const from = index.get(edge.from)
    const to = index.get(edge.to)
    if (from === undefined || to === undefined || from === to || pairs.has(pairKey(from, to))) continue
    pairs.set(pairKey(from, to), given.length)
    given.push([from, to])
  }
  const turned = cycleClosingEdges(nodes.length, given)
  const acyclic = given.map(([from, to], i): IndexEdge => (turned.has(i) ? [to, from] : [from, to]))
  const graph = properGraph(assignLayers(nodes.length, acyclic), acyclic)
  const layers = orderLayers(graph, sweepsFor(graph.layerOf.length))

  const across = (node: LayoutNode) => (direction === 'LR' ? node.height : node.width)
  const along = (node: LayoutNode) => (direction === 'LR' ? node.width : node.height)
  const extent = new Float64Array(graph.layerOf.length)
  nodes.forEach((node, i) => (extent[i] = across(node)))
  const { nodeGap, layerGap, edgeGap } = SPACING[direction]
  const center = placeAcross(graph, layers, { extent, nodeGap, edgeGap }, 8)

  // Each layer as deep as its deepest node, nodes centered in it.
  const depth = layers.map((layer) => Math.max(0, ...layer.filter((item) => item < nodes.length).map((item) => along(nodes[item]))))
  const layerStart: number[] = []
  depth.reduce((at, size, i) => ((layerStart[i] = at), at + size + layerGap), MARGIN)
  const middleOf = (item: number) => layerStart[graph.layerOf[item]] + depth[graph.layerOf[item]] / 2
  const point = (alongAt: number, acrossAt: number): Point => (direction === 'LR' ? { x: alongAt, y: MARGIN + acrossAt } : { x: MARGIN + acrossAt, y: alongAt })

  const positions = new Map<string, Point>()
  nodes.forEach((node, i) => {
    const middle = point(middleOf(i), center[i])
    positions.set(node.id, { x: middle.x - node.width / 2, y: middle.y - node.height / 2 })
  })

  const routes = edges.map((edge) => {
    const from = index.get(edge.from)
    const to = index.get(edge.to)
    if (from === undefined || to === undefined || from === to) return []
    const which = pairs.get(pairKey(from, to))!
    const chain = turned.has(which) ? [...graph.chains[which]].reverse() : graph.chains[which]
    const ordered = given[which][0] === from ? chain : [...chain].reverse()
    const points = ordered.map((item) => point(middleOf(item), center[item]))
    // Leave and arrive at the sides facing along the layers.
    const side = (item: number, toward: Point) => {
      const middle = point(middleOf(item), center[item])
      const half = along(nodes[item]) / 2
      const ahead = direction === 'LR' ? toward.x >= middle.x : toward.y >= middle.y
      return direction === 'LR' ? { x: middle.x + (ahead ? half : -half), y: middle.y } : { x: middle.x, y: middle.y + (ahead ? half : -half) }
    }
    const last = points.length - 1
    // Through a layer it only passes (a long edge), along the layer's whole depth at its own slot,
    // so it never cuts across the nodes beside that slot.
    const forward = direction === 'LR' ? points[last].x >= points[0].x : points[last].y >= points[0].y
    const passing = ordered.slice(1, last).flatMap((item) => {
      const start = layerStart[graph.layerOf[item]]
      const ends = [point(start, center[item]), point(start + depth[graph.layerOf[item]], center[item])]
      return forward ? ends : ends.reverse()
    })
    return [side(ordered[0], points[1]), ...passing, side(ordered[last], points[last - 1])]
  })

  let acrossSize = 0
  for (let item = 0; item < center.length; item++) acrossSize = Math.max(acrossSize, center[item] + extent[item] / 2)
  const alongSize = depth.reduce((sum, size) => sum + size, 0) + layerGap * Math.max(0, depth.length - 1)
  const [width, height] = direction === 'LR' ? [alongSize + 2 * MARGIN, acrossSize + 2 * MARGIN] : [acrossSize + 2 * MARGIN, alongSize + 2 * MARGIN]
  return { positions, routes, width, height }
}

/** The point half the way along a polyline (where its label goes). */
export function halfwayAlong(points: ReadonlyArray<{ x: number; y: number }>): { x: number; y: number } {
  if (points.length === 0) return { x: 0, y: 0 }
  const lengths = points.slice(1).map((point, i) => Math.hypot(point.x - points[i].x, point.y - points[i].y))
  let left = lengths.reduce((sum, length) => sum + length, 0) / 2
  for (const [i, length] of lengths.entries()) {
    if (left <= length && length > 0) {
      const t = left / length
      return { x: points[i].x + (points[i + 1].x - points[i].x) * t, y: points[i].y + (points[i + 1].y - points[i].y) * t }
    }
    left -= length
  }
  return points[points.length - 1]
}

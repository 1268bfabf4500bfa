// The first phase of a layered layout: which column (layer) each node goes in.

/** A directed edge between node indices. */
export type IndexEdge = readonly [from: number, to: number]

/**
 * The edges to turn around so that the graph has no cycle left: those that close a cycle in a
 * depth-first walk started from the nodes nothing calls (then from the rest, in their order).
 */
export function cycleClosingEdges(size: number, edges: readonly IndexEdge[]): Set<number> {
  const outgoing = adjacency(size, edges, 0)
  const hasIncoming = new Uint8Array(size)
  for (const [, to] of edges) hasIncoming[to] = 1
  const state = new Uint8Array(size) // 0: not seen, 1: on the walk's path, 2: done
  const closing = new Set<number>()
  const walk = (root: number) => {
    const stack: Array<{ node: number; next: number }> = [{ node: root, next: 0 }]
    state[root] = 1
    while (stack.length > 0) {
      const top = stack[stack.length - 1]
      const out = outgoing[top.node]
      if (top.next === out.length) {
        state[top.node] = 2
        stack.pop()
        continue
      }
      const edge = out[top.next++]
      const to = edges[edge][1]
      if (state[to] === 1) closing.add(edge)
      else if (state[to] === 0) {
        state[to] = 1
        stack.push({ node: to, next: 0 })
      }
    }
  }
  for (let node = 0; node < size; node++) if (!hasIncoming[node] && state[node] === 0) walk(node)
  for (let node = 0; node < size; node++) if (state[node] === 0) walk(node)
  return closing
}

/**
 * Layers for an acyclic graph: each node right of everything that calls it (the longest path from
 * a source), then nodes that call more than they are called moved right up to their nearest
 * callee, which shortens edges (a source sits next to what it calls, not in the first column).
 */
export function assignLayers(size: number, edges: readonly IndexEdge[]): Int32Array {
  const outgoing = adjacency(size, edges, 0)
  const incoming = adjacency(size, edges, 1)
  const order = topologicalOrder(size, edges, outgoing)
  const layer = new Int32Array(size)
  for (const node of order) for (const edge of outgoing[node]) layer[edges[edge][1]] = Math.max(layer[edges[edge][1]], layer[node] + 1)
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]
    if (outgoing[node].length <= incoming[node].length) continue
    let nearest = Number.POSITIVE_INFINITY
    for (const edge of outgoing[node]) nearest = Math.min(nearest, layer[edges[edge][1]])
    layer[node] = nearest - 1
  }
  let first = Number.POSITIVE_INFINITY
  for (const value of layer) first = Math.min(first, value)
  if (first > 0) for (let node = 0; node < size; node++) layer[node] -= first
  return layer
}

function topologicalOrder(size: number, edges: readonly IndexEdge[], outgoing: readonly number[][]): number[] {
  const waiting = new Int32Array(size)
  for (const [, to] of edges) waiting[to]++
  const order: number[] = []
  for (let node = 0; node < size; node++) if (waiting[node] === 0) order.push(node)
  for (let i = 0; i < order.length; i++) {
    for (const edge of outgoing[order[i]]) if (--waiting[edges[edge][1]] === 0) order.push(edges[edge][1])
  }
  if (order.length !== size) throw new Error('assignLayers needs an acyclic graph')
  return order
}

/** For each node, the indices of its edges (leaving it when `end` is 0, arriving when 1). */
function adjacency(size: number, edges: readonly IndexEdge[], end: 0 | 1): number[][] {
  const lists: number[][] = Array.from({ length: size }, () => [])
  edges.forEach((edge, i) => lists[edge[end === 0 ? 0 : 1]].push(i))
  return lists
}

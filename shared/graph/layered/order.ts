import type { IndexEdge } from './layers'

// The second phase: edges longer than one layer become chains through placeholder items, and each
// layer's items are put in an order with few crossings (barycenter sweeps, the best order kept).

export interface LayeredGraph {
  /** Items 0..nodeCount-1 are the nodes; the rest are placeholders of long edges. */
  nodeCount: number
  layerOf: Int32Array
  /** Neighbors one layer before (up) and one layer after (down). */
  up: number[][]
  down: number[][]
  /** For each edge given: its items from the `from` node to the `to` node. */
  chains: number[][]
}

/** Splits edges (from a lower layer to a higher one) into one-layer steps. */
export function properGraph(layerOf: Int32Array, edges: readonly IndexEdge[]): LayeredGraph {
  const nodeCount = layerOf.length
  const layers = Array.from(layerOf)
  const up: number[][] = Array.from({ length: nodeCount }, () => [])
  const down: number[][] = Array.from({ length: nodeCount }, () => [])
  const chains = edges.map(([from, to]) => {
    const chain = [from]
    for (let layer = layerOf[from] + 1; layer < layerOf[to]; layer++) {
      const placeholder = layers.length
      layers.push(layer)
      up.push([])
      down.push([])
      chain.push(placeholder)
    }
    chain.push(to)
    for (let i = 1; i < chain.length; i++) {
      down[chain[i - 1]].push(chain[i])
      up[chain[i]].push(chain[i - 1])
    }
    return chain
  })
  return { nodeCount, layerOf: Int32Array.from(layers), up, down, chains }
}

/**
 * Each layer's items in order: first as met in a depth-first walk from the nodes of the first
 * layers, then improved by sweeps that sort each layer by its neighbors' mean position.
 */
export function orderLayers(graph: LayeredGraph, sweeps: number): number[][] {
  let layers = initialOrder(graph)
  const position = new Int32Array(graph.layerOf.length)
  const remember = (order: number[][]) => order.forEach((layer) => layer.forEach((item, i) => (position[item] = i)))
  remember(layers)
  let best = layers.map((layer) => [...layer])
  let fewest = crossings(layers, graph.down, position)
  let sinceBetter = 0
  for (let sweep = 0; sweep < sweeps && fewest > 0 && sinceBetter < 4; sweep++) {
    const downward = sweep % 2 === 0
    const neighbors = downward ? graph.up : graph.down
    const indices = layers.map((_, i) => i)
    if (!downward) indices.reverse()
    for (const i of indices.slice(1)) {
      layers[i] = sortByNeighbors(layers[i], neighbors, position)
      layers[i].forEach((item, at) => (position[item] = at))
    }
    const count = crossings(layers, graph.down, position)
    if (count < fewest) {
      fewest = count
      best = layers.map((layer) => [...layer])
      sinceBetter = 0
    } else sinceBetter++
  }
  layers = best
  return layers
}

function initialOrder(graph: LayeredGraph): number[][] {
  const layerCount = Math.max(0, ...graph.layerOf) + 1
  const layers: number[][] = Array.from({ length: layerCount }, () => [])
  const seen = new Uint8Array(graph.layerOf.length)
  const starts = Array.from({ length: graph.nodeCount }, (_, i) => i).sort((a, b) => graph.layerOf[a] - graph.layerOf[b] || a - b)
  for (const start of starts) {
    if (seen[start]) continue
    const stack = [start]
    seen[start] = 1
    while (stack.length > 0) {
      const item = stack.pop()!
      layers[graph.layerOf[item]].push(item)
      const next = graph.down[item]
      for (let i = next.length - 1; i >= 0; i--) {
        if (!seen[next[i]]) {
          seen[next[i]] = 1
          stack.push(next[i])
        }
      }
    }
  }
  return layers
}

/** Sorts by the mean position of the neighbors; items without any keep their place. */
function sortByNeighbors(layer: readonly number[], neighbors: readonly number[][], position: Int32Array): number[] {
  const keyed: Array<{ item: number; key: number }> = []
  const fixed: Array<number | null> = layer.map(() => null)
  layer.forEach((item, at) => {
    const around = neighbors[item]
    if (around.length === 0) fixed[at] = item
    else {
      let sum = 0
      for (const neighbor of around) sum += position[neighbor]
      keyed.push({ item, key: sum / around.length })
    }
  })
  keyed.sort((a, b) => a.key - b.key)
  let next = 0
  return fixed.map((item) => item ?? keyed[next++].item)
}

/** Crossings between each pair of neighboring layers (counted as inversions with a Fenwick tree). */
function crossings(layers: readonly number[][], down: readonly number[][], position: Int32Array): number {
  let total = 0
  for (let i = 0; i + 1 < layers.length; i++) {
    const size = layers[i + 1].length
    if (size === 0) continue
    const tree = new Int32Array(size + 1)
    let seen = 0
    for (const item of layers[i]) {
      const targets = down[item].map((target) => position[target]).sort((a, b) => a - b)
      for (const target of targets) {
        // Earlier edges ending right of this one cross it.
        let notRight = 0
        for (let at = target + 1; at > 0; at -= at & -at) notRight += tree[at]
        total += seen - notRight
        for (let at = target + 1; at <= size; at += at & -at) tree[at]++
        seen++
      }
    }
  }
  return total
}

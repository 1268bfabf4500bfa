import type { LayeredGraph } from './order'

// The last phase: where along its layer each item sits. Each sweep moves every layer's items
// toward their neighbors' centers as far as their order and spacing allow (a weighted isotonic
// fit, exact for one layer at a time); placeholder chains weigh more, so long edges run straight.

export interface Spacing {
  /** Each item's extent across the layers (placeholders: 0). */
  extent: Float64Array
  /** Between two nodes, and where a placeholder is involved. */
  nodeGap: number
  edgeGap: number
}

const PLACEHOLDER_WEIGHT = 8

/** Item centers across the layers, in order within each layer; the smallest edge is at 0. */
export function placeAcross(graph: LayeredGraph, layers: readonly number[][], spacing: Spacing, sweeps: number): Float64Array {
  const center = new Float64Array(graph.layerOf.length)
  const isNode = (item: number) => item < graph.nodeCount
  const gapAfter = (layer: readonly number[], i: number) =>
    spacing.extent[layer[i]] / 2 + spacing.extent[layer[i + 1]] / 2 + (isNode(layer[i]) && isNode(layer[i + 1]) ? spacing.nodeGap : spacing.edgeGap)

  for (const layer of layers) {
    let at = 0
    layer.forEach((item, i) => {
      center[item] = at
      if (i + 1 < layer.length) at += gapAfter(layer, i)
    })
    for (const item of layer) center[item] -= at / 2
  }

  const fit = (layer: readonly number[], neighborsOf: (item: number) => readonly number[]) => {
    const wanted = new Float64Array(layer.length)
    const weight = new Float64Array(layer.length)
    layer.forEach((item, i) => {
      let sum = 0
      let total = 0
      for (const neighbor of neighborsOf(item)) {
        const w = isNode(item) || isNode(neighbor) ? 1 : PLACEHOLDER_WEIGHT
        sum += w * center[neighbor]
        total += w
      }
      // Unconnected on this side: stays where it is, weakly.
      wanted[i] = total > 0 ? sum / total : center[item]
      weight[i] = total > 0 ? total : 0.1
    })
    const offsets = new Float64Array(layer.length)
    for (let i = 1; i < layer.length; i++) offsets[i] = offsets[i - 1] + gapAfter(layer, i - 1)
    const fitted = nondecreasingFit(
      wanted.map((value, i) => value - offsets[i]),
      weight,
    )
    layer.forEach((item, i) => (center[item] = fitted[i] + offsets[i]))
  }

  const both = (item: number) => [...graph.up[item], ...graph.down[item]]
  for (let sweep = 0; sweep < sweeps; sweep++) {
    const last = sweep === sweeps - 1
    if (sweep % 2 === 0) for (let i = 1; i < layers.length; i++) fit(layers[i], last ? both : (item) => graph.up[item])
    else for (let i = layers.length - 2; i >= 0; i--) fit(layers[i], last ? both : (item) => graph.down[item])
  }

  let smallest = Number.POSITIVE_INFINITY
  for (let item = 0; item < center.length; item++) smallest = Math.min(smallest, center[item] - spacing.extent[item] / 2)
  if (Number.isFinite(smallest)) for (let item = 0; item < center.length; item++) center[item] -= smallest
  return center
}

/**
 * The nondecreasing sequence closest to `values` in weighted least squares (pool adjacent
 * violators: runs that would go down are merged into their weighted mean).
 */
export function nondecreasingFit(values: Float64Array, weights: Float64Array): Float64Array {
  const means: number[] = []
  const masses: number[] = []
  const lengths: number[] = []
  values.forEach((value, i) => {
    means.push(value)
    masses.push(weights[i])
    lengths.push(1)
    while (means.length > 1 && means[means.length - 2] > means[means.length - 1]) {
      const mass = masses[masses.length - 2] + masses[masses.length - 1]
      const mean = (means[means.length - 2] * masses[masses.length - 2] + means[means.length - 1] * masses[masses.length - 1]) / mass
      const length = lengths[lengths.length - 2] + lengths[lengths.length - 1]
      means.length -= 1
      masses.length -= 1
      lengths.length -= 1
      means[means.length - 1] = mean
      masses[masses.length - 1] = mass
      lengths[lengths.length - 1] = length
    }
  })
  const fitted = new Float64Array(values.length)
  let at = 0
  means.forEach((mean, run) => {
    for (let i = 0; i < lengths[run]; i++) fitted[at++] = mean
  })
  return fitted
}

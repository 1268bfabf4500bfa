import { describe, expect, it } from 'vitest'
import type { GraphEdge, GraphNode, ServiceGraph } from './service-graph'
import { serviceGraphSvg } from './svg'

const service = (id: string): GraphNode => ({ id, spans: 1, errorSpans: 0, uninstrumented: false, shape: 'service' })
const call = (from: string, to: string): GraphEdge => ({ from, to, calls: 1, errors: 0, p50Ms: 1, p95Ms: 2, messaging: false })

describe('the service graph as an SVG image', () => {
  it('labels each call halfway along its line, not at its callee', () => {
    const graph: ServiceGraph = {
      nodes: ['gateway', 'checkout', 'payments'].map(service),
      edges: [call('gateway', 'checkout'), call('checkout', 'payments'), call('gateway', 'payments')],
    }
    const svg = serviceGraphSvg(graph)
    const lines = [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((match) => match[1].split(' ').map((pair) => pair.split(',').map(Number)))
    const labels = [...svg.matchAll(/<text x="([\d.-]+)" y="([\d.-]+)" text-anchor="middle" class="edge">/g)].map((match) => [Number(match[1]), Number(match[2])])
    expect(labels).toHaveLength(3)
    for (const [i, [x]] of labels.entries()) {
      const xs = lines[i].map(([px]) => px)
      const [start, end] = [Math.min(...xs), Math.max(...xs)]
      // Well inside its line's span, away from both ends.
      expect(x - start).toBeGreaterThan((end - start) / 4)
      expect(end - x).toBeGreaterThan((end - start) / 4)
    }
  })
})

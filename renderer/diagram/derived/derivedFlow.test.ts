import { describe, expect, it } from 'vitest'
import type { GraphEdge, GraphNode, ServiceGraph } from '../../../shared/graph/service-graph'
import { callLabel, callWidth, derivedFlow } from './derivedFlow'

const service = (id: string, fields: Partial<GraphNode> = {}): GraphNode => ({ id, spans: 3, errorSpans: 0, uninstrumented: false, shape: 'service', ...fields })
const call = (from: string, to: string, fields: Partial<GraphEdge> = {}): GraphEdge => ({ from, to, calls: 1, errors: 0, p50Ms: 1, p95Ms: 2, messaging: false, ...fields })

const graph: ServiceGraph = {
  nodes: [service('gateway'), service('checkout'), service('payments', { errorSpans: 2 }), service('postgres', { uninstrumented: true, shape: 'database', spans: 0 })],
  edges: [call('gateway', 'checkout', { calls: 40 }), call('checkout', 'payments', { calls: 4, errors: 1 }), call('checkout', 'postgres', { calls: 400 })],
}

describe('the derived graph as a flow', () => {
  it('places callers left of their callees', () => {
    const { nodes } = derivedFlow({ graph, trace: null, pickedService: null })
    const x = (id: string) => nodes.find((node) => node.id === id)!.position.x
    expect(x('gateway')).toBeLessThan(x('checkout'))
    expect(x('checkout')).toBeLessThan(x('payments'))
    expect(x('checkout')).toBeLessThan(x('postgres'))
  })

  it('labels edges with calls and error rate, and draws busier edges thicker', () => {
    expect(callLabel({ calls: 1, errors: 0 })).toBe('1 call')
    expect(callLabel({ calls: 4, errors: 1 })).toBe('4 calls · 25% err')
    expect(callLabel({ calls: 2000, errors: 4 })).toBe('2,000 calls · 0.2% err')
    expect(callWidth(1, 400)).toBeLessThan(callWidth(40, 400))
    expect(callWidth(40, 400)).toBeLessThan(callWidth(400, 400))
    expect(callWidth(400, 400)).toBe(6)
  })

  it('highlights the open trace and dims the rest; marks the picked service', () => {
    const trace: ServiceGraph = { nodes: [service('gateway'), service('checkout')], edges: [call('gateway', 'checkout')] }
    const { nodes, edges } = derivedFlow({ graph, trace, pickedService: 'payments' })
    const data = (id: string) => nodes.find((node) => node.id === id)!.data
    expect(data('checkout')).toMatchObject({ highlighted: true, dimmed: false, picked: false })
    expect(data('payments')).toMatchObject({ highlighted: false, dimmed: true, picked: true })
    expect(edges.find((edge) => edge.source === 'gateway')!.data).toMatchObject({ highlighted: true, dimmed: false })
    expect(edges.find((edge) => edge.target === 'payments')!.data).toMatchObject({ highlighted: false, dimmed: true })

    const none = derivedFlow({ graph, trace: null, pickedService: null })
    expect(none.nodes.every((node) => !node.data.dimmed && !node.data.highlighted)).toBe(true)
  })
})

describe('the derived graph in a tall pane', () => {
  it('flows top to bottom, edges leaving below and arriving above', () => {
    const { nodes } = derivedFlow({ graph, trace: null, pickedService: null, direction: 'TB' })
    const at = (id: string) => nodes.find((node) => node.id === id)!
    expect(at('gateway').position.y).toBeLessThan(at('checkout').position.y)
    expect(at('checkout')).toMatchObject({ sourcePosition: 'bottom', targetPosition: 'top' })
  })
})

import { describe, expect, it } from 'vitest'
import type { GraphEdge, GraphNode, ServiceGraph } from '../../../shared/graph/service-graph'
import { callLabel, callWidth, derivedFlow, layoutServices, roomierDirection } from './derivedFlow'
import { focusedGraph } from './focusedGraph'
import { routedPath } from './routedPath'

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

  it('draws a call to a service layers away around the services between, its label off them', () => {
    // The gateway also reads the database itself: a call past the checkout's layer.
    const withLongCall: ServiceGraph = { ...graph, edges: [...graph.edges, call('gateway', 'postgres')] }
    for (const direction of ['LR', 'TB'] as const) {
      const { nodes, edges } = derivedFlow({ graph: withLongCall, trace: null, pickedService: null, direction })
      const long = edges.find((edge) => edge.id === 'gateway→postgres')!.data!
      expect(long.route!.length).toBeGreaterThan(2)
      expect(edges.filter((edge) => edge.data!.route)).toHaveLength(1)
      const { path, labelX, labelY } = routedPath(long.route!, direction)
      const on = (node: (typeof nodes)[number]) =>
        labelX >= node.position.x && labelX <= node.position.x + node.width! && labelY >= node.position.y && labelY <= node.position.y + node.height!
      expect(nodes.filter(on).map((node) => node.id)).toEqual([])
      // Straight through the layer it passes, from the caller's side to the callee's.
      expect(path).toMatch(/^M[\d.]+,[\d.]+ C.* L.* C/)
      expect(path.endsWith(`${long.route!.at(-1)!.x},${long.route!.at(-1)!.y}`)).toBe(true)
    }
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

describe('which way the derived graph is drawn', () => {
  const chain: ServiceGraph = {
    nodes: ['a', 'b', 'c', 'd', 'e'].map((id) => service(id)),
    edges: [call('a', 'b'), call('b', 'c'), call('c', 'd'), call('d', 'e')],
  }
  const fan: ServiceGraph = {
    nodes: ['gateway', 's1', 's2', 's3', 's4', 's5', 's6'].map((id) => service(id)),
    edges: ['s1', 's2', 's3', 's4', 's5', 's6'].map((to) => call('gateway', to)),
  }
  const choose = (graph: ServiceGraph, pane: { width: number; height: number }) =>
    roomierDirection(pane, layoutServices(graph, 'LR'), pane.height > pane.width ? layoutServices(graph, 'TB') : null)

  it('draws a long call chain top to bottom in a tall pane, and left to right in a wide one', () => {
    expect(choose(chain, { width: 260, height: 660 })).toBe('TB')
    expect(choose(chain, { width: 900, height: 500 })).toBe('LR')
  })

  it('draws a gateway fanning out to six services left to right even in a tall pane: that way it shows larger', () => {
    expect(choose(fan, { width: 260, height: 660 })).toBe('LR')
  })

  it('keeps left to right before the pane has a size, and when both ways fit at full size', () => {
    expect(choose(chain, { width: 0, height: 0 })).toBe('LR')
    expect(choose({ nodes: [service('a')], edges: [] }, { width: 400, height: 1200 })).toBe('LR')
  })
})

describe('a large incident graph', () => {
  // A gateway calling 40 services, one of which fails calling a database.
  const wide: ServiceGraph = {
    nodes: [service('gateway'), ...Array.from({ length: 40 }, (_, i) => service(`svc-${i}`, { spans: i, errorSpans: i === 7 ? 1 : 0 })), service('db', { shape: 'database' })],
    edges: [...Array.from({ length: 40 }, (_, i) => call('gateway', `svc-${i}`)), call('svc-7', 'db', { errors: 1 }), call('svc-3', 'db')],
  }
  const ids = (focused: ReturnType<typeof focusedGraph>) => focused.graph.nodes.map((node) => node.id).sort()

  it('is shown whole up to the limit', () => {
    expect(focusedGraph(graph, { trace: null, picked: null })).toEqual({ graph, reason: null })
  })

  it('opens on the failing services and calls, with their callers and callees', () => {
    const focused = focusedGraph(wide, { trace: null, picked: null })
    expect(focused.reason).toBe('failing')
    expect(ids(focused)).toEqual(['db', 'gateway', 'svc-3', 'svc-7'])
    expect(focused.graph.edges.map((edge) => `${edge.from}→${edge.to}`).sort()).toEqual(['gateway→svc-3', 'gateway→svc-7', 'svc-3→db', 'svc-7→db'])
  })

  it('keeps the picked service in, and narrows to the open trace', () => {
    expect(ids(focusedGraph(wide, { trace: null, picked: 'svc-20' }))).toEqual(['db', 'gateway', 'svc-20', 'svc-3', 'svc-7'])
    const trace: ServiceGraph = { nodes: [service('gateway'), service('svc-12')], edges: [call('gateway', 'svc-12')] }
    const onTrace = focusedGraph(wide, { trace, picked: null })
    expect(onTrace.reason).toBe('trace')
    expect(ids(onTrace)).toEqual(['gateway', 'svc-12'])
  })

  it('without failures, opens on the busiest services', () => {
    const healthy: ServiceGraph = { nodes: wide.nodes.map((node) => ({ ...node, errorSpans: 0 })), edges: wide.edges.map((edge) => ({ ...edge, errors: 0 })) }
    const focused = focusedGraph(healthy, { trace: null, picked: null, limit: 5 })
    expect(focused.reason).toBe('busiest')
    expect(ids(focused)).toEqual(['svc-35', 'svc-36', 'svc-37', 'svc-38', 'svc-39'])
  })
})

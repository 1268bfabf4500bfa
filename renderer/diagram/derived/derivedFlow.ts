import { type Edge, type Node, Position } from '@xyflow/react'
import { type LayoutDirection, layoutLayered } from '../../../shared/graph/layout'
import type { GraphEdge, GraphNode, ServiceGraph } from '../../../shared/graph/service-graph'
import type { PeerMark } from '../../pairing/selection'

// The derived service graph as @xyflow/react nodes and edges: laid out left to right by call
// direction, edges weighted by calls, and dimmed outside the open trace when one is open.

export const SERVICE_NODE_WIDTH = 172
export const SERVICE_NODE_HEIGHT = 52

export interface ServiceNodeData extends Record<string, unknown> {
  service: GraphNode
  /** In the open trace (false when no trace is open). */
  highlighted: boolean
  /** A trace is open and this service is not in it. */
  dimmed: boolean
  /** The service picked for the trace pane. */
  picked: boolean
  /** Pairing partners who picked this service. */
  peer?: PeerMark
}

export interface CallEdgeData extends Record<string, unknown> {
  call: GraphEdge
  /** Stroke width: thicker for more calls. */
  width: number
  label: string
  highlighted: boolean
  dimmed: boolean
}

export type ServiceFlowNode = Node<ServiceNodeData, 'service'>
export type CallFlowEdge = Edge<CallEdgeData, 'call'>

export const edgeKey = (edge: { from: string; to: string }) => `${edge.from}→${edge.to}`

/** "12 calls · 25% err" */
export function callLabel(edge: Pick<GraphEdge, 'calls' | 'errors'>): string {
  const calls = `${edge.calls.toLocaleString('en-US')} call${edge.calls === 1 ? '' : 's'}`
  if (edge.errors === 0) return calls
  const rate = (100 * edge.errors) / edge.calls
  return `${calls} · ${rate < 1 ? rate.toFixed(1) : Math.round(rate)}% err`
}

/** 1.5 px for one call up to 6 px for the busiest edge, on a log scale (call counts span decades). */
export function callWidth(calls: number, maxCalls: number): number {
  if (maxCalls <= 1) return 1.5
  return 1.5 + (4.5 * Math.log1p(calls - 1)) / Math.log1p(maxCalls - 1)
}

export interface DerivedFlowInput {
  graph: ServiceGraph
  /** The open trace's own graph, or null. */
  trace: ServiceGraph | null
  pickedService: string | null
  /** Left to right by default; top to bottom suits a tall, narrow pane. */
  direction?: LayoutDirection
}

export function derivedFlow({ graph, trace, pickedService, direction = 'LR' }: DerivedFlowInput): { nodes: ServiceFlowNode[]; edges: CallFlowEdge[] } {
  const layout = layoutLayered(
    graph.nodes.map((node) => ({ id: node.id, width: SERVICE_NODE_WIDTH, height: SERVICE_NODE_HEIGHT })),
    graph.edges,
    direction,
  )
  const [targetPosition, sourcePosition] = direction === 'LR' ? [Position.Left, Position.Right] : [Position.Top, Position.Bottom]
  const tracedServices = new Set(trace?.nodes.map((node) => node.id))
  const tracedCalls = new Set(trace?.edges.map(edgeKey))
  const maxCalls = Math.max(1, ...graph.edges.map((edge) => edge.calls))
  const nodes = graph.nodes.map(
    (service): ServiceFlowNode => ({
      id: service.id,
      type: 'service',
      position: layout.positions.get(service.id)!,
      sourcePosition,
      targetPosition,
      width: SERVICE_NODE_WIDTH,
      height: SERVICE_NODE_HEIGHT,
      data: {
        service,
        highlighted: trace !== null && tracedServices.has(service.id),
        dimmed: trace !== null && !tracedServices.has(service.id),
        picked: pickedService === service.id,
      },
    }),
  )
  const edges = graph.edges.map(
    (call): CallFlowEdge => ({
      id: edgeKey(call),
      type: 'call',
      source: call.from,
      target: call.to,
      data: {
        call,
        width: callWidth(call.calls, maxCalls),
        label: callLabel(call),
        highlighted: trace !== null && tracedCalls.has(edgeKey(call)),
        dimmed: trace !== null && !tracedCalls.has(edgeKey(call)),
      },
    }),
  )
  return { nodes, edges }
}

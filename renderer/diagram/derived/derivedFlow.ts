import { type Edge, type Node, Position } from '@xyflow/react'
import { type LayoutDirection, layoutLayered, type PlacedGraph } from '../../../shared/graph/layout'
import { FIT_MAX_ZOOM } from '../flow/useFitOnResize'
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
  /** A call passing layers of services: the layout's route around them (see routedPath). */
  route?: ReadonlyArray<{ x: number; y: number }>
  direction: LayoutDirection
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
  /** Left to right by default; see roomierDirection. */
  direction?: LayoutDirection
  /** The graph already laid out in `direction` (laid out here if not given). */
  layout?: PlacedGraph
}

/** The services laid out by call direction. */
export const layoutServices = (graph: ServiceGraph, direction: LayoutDirection): PlacedGraph =>
  layoutLayered(
    graph.nodes.map((node) => ({ id: node.id, width: SERVICE_NODE_WIDTH, height: SERVICE_NODE_HEIGHT })),
    graph.edges,
    direction,
  )

/** The zoom at which a drawing fits the pane whole, as the view fits it. */
const fitZoom = (drawing: PlacedGraph, pane: { width: number; height: number }) =>
  Math.min(FIT_MAX_ZOOM, pane.width / drawing.width, pane.height / drawing.height)

/**
 * Which way to draw the graph so it shows largest in the pane: a tall pane does not always want
 * top to bottom (a gateway calling six services is six nodes wide that way, and six high left to
 * right). Left to right unless top to bottom is clearly larger; `topToBottom` is null when the
 * pane is not tall enough for it to be worth laying out.
 */
export function roomierDirection(pane: { width: number; height: number }, leftToRight: PlacedGraph, topToBottom: PlacedGraph | null): LayoutDirection {
  if (!topToBottom || pane.width <= 0 || pane.height <= 0) return 'LR'
  return fitZoom(topToBottom, pane) > fitZoom(leftToRight, pane) * 1.1 ? 'TB' : 'LR'
}

export function derivedFlow({ graph, trace, pickedService, direction = 'LR', layout = layoutServices(graph, direction) }: DerivedFlowInput): {
  nodes: ServiceFlowNode[]
  edges: CallFlowEdge[]
} {
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
    (call, i): CallFlowEdge => ({
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
        direction,
        ...(layout.routes[i]?.length > 2 ? { route: layout.routes[i] } : {}),
      },
    }),
  )
  return { nodes, edges }
}

import { Controls, type EdgeMouseHandler, MarkerType, type NodeMouseHandler, ReactFlow, ReactFlowProvider } from '@xyflow/react'
import { type KeyboardEvent, useMemo, useRef, useState } from 'react'
import type { ServiceGraph } from '../../../shared/graph/service-graph'
import { errorMessage } from '../../api/errors'
import { usePeerSelections } from '../../pairing/PairingProvider'
import { useFocus, useFocusStore } from '../../focus/focus'
import { useElementSize } from '../../app/useElementSize'
import { useFitOnResize } from '../flow/useFitOnResize'
import { DotGrid } from '../flow/DotGrid'
import { EdgeLabelLayer } from '../flow/EdgeLabels'
import { CallEdge } from './CallEdge'
import { type CallFlowEdge, derivedFlow, layoutServices, roomierDirection, type ServiceFlowNode } from './derivedFlow'
import { EdgeSpanList } from './EdgeSpanList'
import { FOCUS_ABOVE_SERVICES, focusedGraph, type FocusReason } from './focusedGraph'
import { ServiceNode } from './ServiceNode'

const nodeTypes = { service: ServiceNode }
const edgeTypes = { call: CallEdge }

interface DerivedGraphProps {
  incidentId: number
  graph: ServiceGraph
  /** The open trace's graph (highlighted), or null. */
  traceGraph: ServiceGraph | null
  traceError?: unknown
  /** The services at work at the replay's moment: lit up. */
  active: ReadonlySet<string>
}

/** The services and calls of the incident's traces; picks a service for the trace pane, lists an edge's spans. */
export function DerivedGraph(props: DerivedGraphProps) {
  return (
    <ReactFlowProvider>
      <EdgeLabelLayer afterNodes>
        <DerivedGraphCanvas {...props} />
      </EdgeLabelLayer>
    </ReactFlowProvider>
  )
}

const FOCUS_REASONS: Record<FocusReason, string> = {
  trace: 'those of the open trace',
  failing: 'the most failing ones and their callers',
  busiest: 'the busiest',
}

function DerivedGraphCanvas({ incidentId, graph: whole, traceGraph, traceError, active }: DerivedGraphProps) {
  const focus = useFocusStore()
  const pickedService = useFocus((state) => state.service)
  const pickedEdgeId = useFocus((state) => state.edge)
  const container = useRef<HTMLDivElement>(null)
  // Too many services to read at once: the part that matters, unless all are asked for.
  const [showAll, setShowAll] = useState(false)
  // A trace opened (or another one) is a new question: the graph narrows to it again.
  const [shownFor, setShownFor] = useState(traceGraph)
  if (shownFor !== traceGraph) {
    setShownFor(traceGraph)
    if (traceGraph !== null) setShowAll(false)
  }
  const focused = useMemo(() => (showAll ? { graph: whole, reason: null } : focusedGraph(whole, { trace: traceGraph, picked: pickedService })), [showAll, whole, traceGraph, pickedService])
  const graph = focused.graph

  const size = useElementSize(container)
  const leftToRight = useMemo(() => layoutServices(graph, 'LR'), [graph])
  const tallPane = size.height > size.width
  const topToBottom = useMemo(() => (tallPane ? layoutServices(graph, 'TB') : null), [graph, tallPane])
  const direction = roomierDirection(size, leftToRight, topToBottom)
  const flow = useMemo(
    () => derivedFlow({ graph, trace: traceGraph, pickedService, direction, layout: direction === 'TB' && topToBottom ? topToBottom : leftToRight }),
    [graph, traceGraph, pickedService, direction, leftToRight, topToBottom],
  )
  const edges = useMemo(
    () =>
      flow.edges.map(
        (edge): CallFlowEdge => ({
          ...edge,
          selected: edge.id === pickedEdgeId,
          markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, markerUnits: 'userSpaceOnUse', color: edge.data!.call.errors > 0 ? 'var(--danger)' : 'var(--dg-edge)' },
        }),
      ),
    [flow.edges, pickedEdgeId],
  )
  // Only the nodes whose state changes are new objects, so only they are drawn again as the replay plays.
  // A service a pairing partner picked carries their mark.
  const peers = usePeerSelections().services
  const nodes = useMemo(
    () =>
      flow.nodes.map((node) => {
        const [atWork, peer] = [active.has(node.id), peers.get(node.id)]
        if (!atWork && !peer) return node
        return { ...node, ...(atWork ? { className: 'dg-node-active' } : {}), ...(peer ? { data: { ...node.data, peer } } : {}) }
      }),
    [flow.nodes, active, peers],
  )
  const pickedEdge = edges.find((edge) => edge.id === pickedEdgeId)?.data?.call
  // Refit when the set of services changes, not when highlights do.
  useFitOnResize(container, `${graph.nodes.length}:${graph.edges.length}:${direction}`)

  const onNodeClick: NodeMouseHandler<ServiceFlowNode> = (_event, node) => focus.set({ service: focus.get().service === node.id ? null : node.id })
  const onEdgeClick: EdgeMouseHandler<CallFlowEdge> = (_event, edge) => focus.set({ edge: focus.get().edge === edge.id ? null : edge.id })
  const onKeyDown = (event: KeyboardEvent) => {
    // Enter or Space on a focused service picks it, as a click does.
    const node = event.target instanceof Element ? event.target.closest<HTMLElement>('.react-flow__node') : null
    if ((event.key === 'Enter' || event.key === ' ') && node?.dataset.id) {
      event.preventDefault()
      const service = node.dataset.id
      focus.set({ service: focus.get().service === service ? null : service })
      return
    }
    if (event.key !== 'Escape') return
    if (pickedEdgeId !== null) focus.set({ edge: null })
    else focus.set({ service: null })
  }

  return (
    <div className="dg-derived" onKeyDown={onKeyDown} tabIndex={-1}>
      {traceError !== undefined && <p className="dg-message dg-message-error">Could not highlight the open trace: {errorMessage(traceError)}</p>}
      {whole.nodes.length > FOCUS_ABOVE_SERVICES && (
        <p className="dg-focus-note" data-testid="derived-focus" data-focus={focused.reason ?? 'all'}>
          {focused.reason === null ? `All ${whole.nodes.length} services.` : `${graph.nodes.length} of ${whole.nodes.length} services: ${FOCUS_REASONS[focused.reason]}.`}{' '}
          <button type="button" className="link-button" data-testid="derived-focus-toggle" onClick={() => setShowAll(!showAll)}>
            {showAll ? 'Show the part that matters' : 'Show all'}
          </button>
        </p>
      )}
      <div className="dg-canvas" ref={container} data-testid="derived-graph" data-trace-highlight={traceGraph !== null || undefined} data-direction={direction}>
          <ReactFlow<ServiceFlowNode, CallFlowEdge>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodeClick={onNodeClick}
            onEdgeClick={onEdgeClick}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            // A call is reached by its label (a button, named for it), not by a second Tab stop on its line.
            edgesFocusable={false}
            deleteKeyCode={null}
            minZoom={0.1}
            maxZoom={2.5}
            colorMode="system"
            proOptions={{ hideAttribution: true }}
            aria-label="Derived service graph"
          >
            <DotGrid gap={16} />
            <Controls showInteractive={false} position="bottom-left" />
          </ReactFlow>
      </div>
      {pickedEdge && <EdgeSpanList key={pickedEdgeId} incidentId={incidentId} call={pickedEdge} onClose={() => focus.set({ edge: null })} />}
    </div>
  )
}

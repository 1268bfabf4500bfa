import {
  applyEdgeChanges,
  applyNodeChanges,
  ConnectionMode,
  Controls,
  type Connection,
  type EdgeChange,
  MarkerType,
  type NodeChange,
  type NodeMouseHandler,
  type OnNodeDrag,
  Panel,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react'
import { type Dispatch, type MouseEvent, type SetStateAction, useMemo, useRef, useState } from 'react'
import { DotGrid } from '../../flow/DotGrid'
import { EdgeLabelLayer } from '../../flow/EdgeLabels'
import { useViewClasses } from '../../flow/useViewClasses'
import { GRID } from '../logic/geometry'
import { type DiagramFlowEdge, type DiagramFlowNode, fromFlow } from '../logic/flowModel'
import { itemAt, OVERVIEW_MIN_NODES, overviewScene } from '../logic/overviewScene'
import { hoveredNode, HoveredNodeContext } from './EditorContext'
import { GroupNode } from './GroupNode'
import { LabelledEdge } from './LabelledEdge'
import { NoteNode } from './NoteNode'
import { OverviewCanvas } from './OverviewCanvas'
import { ServiceBoxNode } from './ServiceBoxNode'

// Everything handed to <ReactFlow> keeps its identity from render to render: a new function or
// object there re-renders every node and edge (xyflow passes them down to each one).
const nodeTypes = { service: ServiceBoxNode, group: GroupNode, note: NoteNode }
const edgeTypes = { labelled: LabelledEdge }
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, markerUnits: 'userSpaceOnUse', color: 'var(--dg-edge)' } }
const snapGrid: [number, number] = [GRID, GRID]
const multiSelectionKeyCode = ['Control', 'Meta', 'Shift']
const proOptions = { hideAttribution: true }
// Nodes are hidden from xyflow while the overview draws them; fitting the view still counts them.
export const fitViewOptions = { padding: 0.15, maxZoom: 1, includeHiddenNodes: true }
// xyflow works out which edges are in view (and subscribes each to the store) even when their
// nodes are hidden: the overview gives it none.
const NO_EDGES: DiagramFlowEdge[] = []

interface DiagramCanvasProps {
  nodes: DiagramFlowNode[]
  edges: DiagramFlowEdge[]
  setNodes: Dispatch<SetStateAction<DiagramFlowNode[]>>
  setEdges: Dispatch<SetStateAction<DiagramFlowEdge[]>>
  snapToGrid: boolean
  onConnect: (connection: Connection) => void
  onMoved: (nodeIds: string[]) => void
  onNodeDoubleClick: (nodeId: string) => void
  /** A node clicked in the overview: the view has zoomed in to it. */
  onOverviewPick: (nodeId: string) => void
}

/**
 * The editing surface: xyflow keeps positions, sizes and selection live; the editor records steps.
 * A large diagram zoomed out past FAR_ZOOM is an overview on one canvas, its nodes hidden from
 * xyflow; clicking a node there zooms in to it.
 */
export function DiagramCanvas(props: DiagramCanvasProps) {
  const { nodes, edges, snapToGrid } = props
  const flow = useReactFlow<DiagramFlowNode, DiagramFlowEdge>()
  const view = useViewClasses()
  const overview = view.far && nodes.length >= OVERVIEW_MIN_NODES
  const shownNodes = useMemo(() => (overview ? nodes.map((node) => ({ ...node, hidden: true })) : nodes), [overview, nodes])
  const scene = useMemo(
    () => (overview ? overviewScene(fromFlow(nodes, edges), new Set([...nodes, ...edges].filter((item) => item.selected).map((item) => item.id))) : null),
    [overview, nodes, edges],
  )
  // The handlers read the latest props, so they are made once.
  const [hovered] = useState(hoveredNode)
  const latest = useRef({ props, scene })
  latest.current = { props, scene }
  const [handlers] = useState(() => ({
    onNodesChange: (changes: NodeChange<DiagramFlowNode>[]) => latest.current.props.setNodes((current) => applyNodeChanges(changes, current)),
    onEdgesChange: (changes: EdgeChange<DiagramFlowEdge>[]) => latest.current.props.setEdges((current) => applyEdgeChanges(changes, current)),
    onConnect: (connection: Connection) => latest.current.props.onConnect(connection),
    onNodeDragStop: ((_event, _node, dragged) => latest.current.props.onMoved(dragged.map((node) => node.id))) as OnNodeDrag<DiagramFlowNode>,
    onNodeDoubleClick: ((_event, node) => latest.current.props.onNodeDoubleClick(node.id)) as NodeMouseHandler<DiagramFlowNode>,
    onNodeMouseEnter: ((_event, node) => hovered.set(node.id)) as NodeMouseHandler<DiagramFlowNode>,
    onNodeMouseLeave: (() => hovered.set(null)) as NodeMouseHandler<DiagramFlowNode>,
    onPaneClick: (event: MouseEvent) => {
      const { scene: shown, props: current } = latest.current
      const picked = shown && itemAt(shown, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }))
      if (!picked) return
      void flow.setCenter(picked.x + picked.width / 2, picked.y + picked.height / 2, { zoom: 1, duration: 250 })
      current.onOverviewPick(picked.node.id)
    },
  }))
  return (
    <HoveredNodeContext.Provider value={hovered}>
      <EdgeLabelLayer>
        <ReactFlow<DiagramFlowNode, DiagramFlowEdge>
          className={view.className}
          onMoveStart={view.onMoveStart}
          onMoveEnd={view.onMoveEnd}
          nodes={shownNodes}
          edges={overview ? NO_EDGES : edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          defaultEdgeOptions={defaultEdgeOptions}
          onNodesChange={handlers.onNodesChange}
          onEdgesChange={handlers.onEdgesChange}
          onConnect={handlers.onConnect}
          onNodeDragStop={handlers.onNodeDragStop}
          onNodeDoubleClick={handlers.onNodeDoubleClick}
          onPaneClick={handlers.onPaneClick}
          onNodeMouseEnter={handlers.onNodeMouseEnter}
          onNodeMouseLeave={handlers.onNodeMouseLeave}
          connectionMode={ConnectionMode.Loose}
          snapToGrid={snapToGrid}
          snapGrid={snapGrid}
          // The editor deletes (with group members, as one undo step).
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={multiSelectionKeyCode}
          zoomOnDoubleClick={false}
          minZoom={0.05}
          maxZoom={3}
          onlyRenderVisibleElements
          colorMode="system"
          proOptions={proOptions}
          aria-label="Diagram editor"
          fitView
          fitViewOptions={fitViewOptions}
        >
          <DotGrid gap={GRID} />
          {scene && <OverviewCanvas scene={scene} />}
          {scene && (
            <Panel position="top-center" className="dg-overview-hint" data-testid="diagram-overview-hint">
              Overview: click a node to zoom in and edit
            </Panel>
          )}
          <Controls showInteractive={false} position="bottom-left" fitViewOptions={fitViewOptions} />
        </ReactFlow>
      </EdgeLabelLayer>
    </HoveredNodeContext.Provider>
  )
}

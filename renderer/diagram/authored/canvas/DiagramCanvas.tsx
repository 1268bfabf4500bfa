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
  Position,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react'
import { type Dispatch, type MouseEvent, type SetStateAction, useMemo, useRef, useState } from 'react'
import { DotGrid } from '../../flow/DotGrid'
import { EdgeLabelLayer } from '../../flow/EdgeLabels'
import { useViewClasses } from '../../flow/useViewClasses'
import { GRID } from '../../../../shared/diagrams/geometry'
import type { DiagramFlowEdge, DiagramFlowNode } from '../logic/flowModel'
import { itemAt } from '../logic/canvasScene'
import { hoveredNode, HoveredNodeContext } from './EditorContext'
import { GroupNode } from './GroupNode'
import { LabelledEdge } from './LabelledEdge'
import { NoteNode } from './NoteNode'
import { SceneCanvas } from './SceneCanvas'
import { ServiceBoxNode } from './ServiceBoxNode'
import { useCanvasScene } from './useCanvasScene'
import { useLiveSet } from './useLiveSet'

/** How far from a handle a drawn edge's end snaps to it: half a service box's width. */
const CONNECT_RADIUS = 88

// Everything handed to <ReactFlow> keeps its identity from render to render: a new function or
// object there re-renders every node and edge (xyflow passes them down to each one).
const nodeTypes = { service: ServiceBoxNode, group: GroupNode, note: NoteNode }
const edgeTypes = { labelled: LabelledEdge }
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, markerUnits: 'userSpaceOnUse', color: 'var(--dg-edge)' } }
const snapGrid: [number, number] = [GRID, GRID]
const multiSelectionKeyCode = ['Control', 'Meta', 'Shift']
const proOptions = { hideAttribution: true }
// A large diagram's nodes are hidden from xyflow until they are mounted; fitting the view still counts them.
export const fitViewOptions = { padding: 0.15, maxZoom: 1, includeHiddenNodes: true }

/** A connect anchor's size (.dg-anchor). */
const ANCHOR = 8

/**
 * A large diagram's node as xyflow is given it: hidden unless mounted, and with its connect anchors
 * declared where ConnectHandles puts them, so an edge to a node never mounted (out of view) is
 * drawn all the same. One copy per node object and state: mounting a few more leaves xyflow the
 * others as they were.
 */
const nodeCopies = { shown: new WeakMap<DiagramFlowNode, DiagramFlowNode>(), hidden: new WeakMap<DiagramFlowNode, DiagramFlowNode>() }
function largeDiagramNode(node: DiagramFlowNode, mounted: boolean): DiagramFlowNode {
  const copies = mounted ? nodeCopies.shown : nodeCopies.hidden
  let copy = copies.get(node)
  if (!copy) {
    const width = node.width ?? 0
    const height = node.height ?? 0
    const anchor = (position: Position, x: number, y: number) => ({ id: position, type: 'source' as const, position, x: x - ANCHOR / 2, y: y - ANCHOR / 2, width: ANCHOR, height: ANCHOR })
    const handles = [anchor(Position.Top, width / 2, 0), anchor(Position.Right, width, height / 2), anchor(Position.Bottom, width / 2, height), anchor(Position.Left, 0, height / 2)]
    copies.set(node, (copy = { ...node, handles, hidden: !mounted }))
  }
  return copy
}

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
 * A large diagram is drawn on a canvas under the elements, and xyflow mounts only the nodes and
 * edges useLiveSet lets it: none while the view moves, those in view once it rests. Zoomed out
 * past FAR_ZOOM it is an overview, the canvas alone; clicking a node there zooms in to it.
 */
export function DiagramCanvas(props: DiagramCanvasProps) {
  const { nodes, edges, snapToGrid } = props
  const flow = useReactFlow<DiagramFlowNode, DiagramFlowEdge>()
  const view = useViewClasses()
  const scene = useCanvasScene(nodes, edges)
  const overview = scene !== null && view.far
  const live = useLiveSet(scene, view.far || view.moving)
  const shownNodes = useMemo(() => (live ? nodes.map((node) => largeDiagramNode(node, live.nodes.has(node.id))) : nodes), [live, nodes])
  const shownEdges = useMemo(() => (live ? edges.filter((edge) => live.edges.has(edge.id)) : edges), [live, edges])
  // The handlers read the latest props, so they are made once.
  const [hovered] = useState(hoveredNode)
  const latest = useRef({ props, scene, overview })
  latest.current = { props, scene, overview }
  const dragging = useRef(false)
  const [handlers] = useState(() => ({
    onNodesChange: (changes: NodeChange<DiagramFlowNode>[]) => {
      latest.current.props.setNodes((current) => applyNodeChanges(changes, current))
      // Moved outside a drag: the arrow keys. Each press is a step, as a drag is.
      const moved = dragging.current ? [] : changes.flatMap((change) => (change.type === 'position' && change.position && !change.dragging ? [change.id] : []))
      if (moved.length > 0) latest.current.props.onMoved(moved)
    },
    onEdgesChange: (changes: EdgeChange<DiagramFlowEdge>[]) => latest.current.props.setEdges((current) => applyEdgeChanges(changes, current)),
    onConnect: (connection: Connection) => latest.current.props.onConnect(connection),
    onNodeDragStart: (() => (dragging.current = true)) as OnNodeDrag<DiagramFlowNode>,
    onNodeDragStop: ((_event, _node, dragged) => {
      dragging.current = false
      latest.current.props.onMoved(dragged.map((node) => node.id))
    }) as OnNodeDrag<DiagramFlowNode>,
    onNodeDoubleClick: ((_event, node) => latest.current.props.onNodeDoubleClick(node.id)) as NodeMouseHandler<DiagramFlowNode>,
    onNodeMouseEnter: ((_event, node) => hovered.set(node.id)) as NodeMouseHandler<DiagramFlowNode>,
    onNodeMouseLeave: (() => hovered.set(null)) as NodeMouseHandler<DiagramFlowNode>,
    onPaneClick: (event: MouseEvent) => {
      const { scene: shown, overview: picking, props: current } = latest.current
      const picked = shown && picking && itemAt(shown, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }))
      if (!picked) return
      void flow.setCenter(picked.x + picked.width / 2, picked.y + picked.height / 2, { zoom: 1, duration: 250 })
      current.onOverviewPick(picked.node.id)
    },
  }))
  return (
    <HoveredNodeContext.Provider value={hovered}>
      <EdgeLabelLayer>
        <ReactFlow<DiagramFlowNode, DiagramFlowEdge>
          className={[view.className, overview && 'dg-overview-shown'].filter(Boolean).join(' ')}
          nodes={shownNodes}
          edges={shownEdges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          defaultEdgeOptions={defaultEdgeOptions}
          onNodesChange={handlers.onNodesChange}
          onEdgesChange={handlers.onEdgesChange}
          onConnect={handlers.onConnect}
          onNodeDragStart={handlers.onNodeDragStart}
          onNodeDragStop={handlers.onNodeDragStop}
          onNodeDoubleClick={handlers.onNodeDoubleClick}
          onPaneClick={handlers.onPaneClick}
          onNodeMouseEnter={handlers.onNodeMouseEnter}
          onNodeMouseLeave={handlers.onNodeMouseLeave}
          connectionMode={ConnectionMode.Loose}
          // An edge dropped anywhere on a node (a service box is 56 px tall) snaps to its nearest
          // side's handle, as draw.io connects one dropped on a shape.
          connectionRadius={CONNECT_RADIUS}
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
          {/* A large diagram's canvas draws the grid itself. */}
          {!scene && <DotGrid gap={GRID} />}
          {scene && live && <SceneCanvas scene={scene} live={live} overview={overview} />}
          {overview && (
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

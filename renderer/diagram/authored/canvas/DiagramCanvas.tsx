import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  BackgroundVariant,
  ConnectionMode,
  Controls,
  type Connection,
  type EdgeChange,
  MarkerType,
  type NodeChange,
  type NodeMouseHandler,
  type OnNodeDrag,
  ReactFlow,
} from '@xyflow/react'
import { type Dispatch, type SetStateAction, useRef, useState } from 'react'
import { EdgeLabelLayer } from '../../flow/EdgeLabels'
import { useViewClasses } from '../../flow/useViewClasses'
import { GRID } from '../logic/geometry'
import type { DiagramFlowEdge, DiagramFlowNode } from '../logic/flowModel'
import { GroupNode } from './GroupNode'
import { LabelledEdge } from './LabelledEdge'
import { NoteNode } from './NoteNode'
import { ServiceBoxNode } from './ServiceBoxNode'

// Everything handed to <ReactFlow> keeps its identity from render to render: a new function or
// object there re-renders every node and edge (xyflow passes them down to each one).
const nodeTypes = { service: ServiceBoxNode, group: GroupNode, note: NoteNode }
const edgeTypes = { labelled: LabelledEdge }
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, markerUnits: 'userSpaceOnUse', color: 'var(--dg-edge)' } }
const snapGrid: [number, number] = [GRID, GRID]
const multiSelectionKeyCode = ['Control', 'Meta', 'Shift']
const proOptions = { hideAttribution: true }
const fitViewOptions = { padding: 0.15, maxZoom: 1 }

interface DiagramCanvasProps {
  nodes: DiagramFlowNode[]
  edges: DiagramFlowEdge[]
  setNodes: Dispatch<SetStateAction<DiagramFlowNode[]>>
  setEdges: Dispatch<SetStateAction<DiagramFlowEdge[]>>
  snapToGrid: boolean
  onConnect: (connection: Connection) => void
  onMoved: (nodeIds: string[]) => void
  onNodeDoubleClick: (nodeId: string) => void
}

/** The editing surface: xyflow keeps positions, sizes and selection live; the editor records steps. */
export function DiagramCanvas(props: DiagramCanvasProps) {
  const { nodes, edges, snapToGrid } = props
  // The handlers read the latest props, so they are made once.
  const latest = useRef(props)
  latest.current = props
  const [handlers] = useState(() => ({
    onNodesChange: (changes: NodeChange<DiagramFlowNode>[]) => latest.current.setNodes((current) => applyNodeChanges(changes, current)),
    onEdgesChange: (changes: EdgeChange<DiagramFlowEdge>[]) => latest.current.setEdges((current) => applyEdgeChanges(changes, current)),
    onConnect: (connection: Connection) => latest.current.onConnect(connection),
    onNodeDragStop: ((_event, _node, dragged) => latest.current.onMoved(dragged.map((node) => node.id))) as OnNodeDrag<DiagramFlowNode>,
    onNodeDoubleClick: ((_event, node) => latest.current.onNodeDoubleClick(node.id)) as NodeMouseHandler<DiagramFlowNode>,
  }))
  const view = useViewClasses()
  return (
    <EdgeLabelLayer>
      <ReactFlow<DiagramFlowNode, DiagramFlowEdge>
        className={view.className}
        onMoveStart={view.onMoveStart}
        onMoveEnd={view.onMoveEnd}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={handlers.onNodesChange}
        onEdgesChange={handlers.onEdgesChange}
        onConnect={handlers.onConnect}
        onNodeDragStop={handlers.onNodeDragStop}
        onNodeDoubleClick={handlers.onNodeDoubleClick}
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
        <Background variant={BackgroundVariant.Dots} gap={GRID} size={1} />
        <Controls showInteractive={false} position="bottom-left" />
      </ReactFlow>
    </EdgeLabelLayer>
  )
}

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
  type OnNodeDrag,
  ReactFlow,
} from '@xyflow/react'
import type { Dispatch, SetStateAction } from 'react'
import { useViewClasses } from '../../flow/useViewClasses'
import { GRID } from '../logic/geometry'
import type { DiagramFlowEdge, DiagramFlowNode } from '../logic/flowModel'
import { GroupNode } from './GroupNode'
import { LabelledEdge } from './LabelledEdge'
import { NoteNode } from './NoteNode'
import { ServiceBoxNode } from './ServiceBoxNode'

const nodeTypes = { service: ServiceBoxNode, group: GroupNode, note: NoteNode }
const edgeTypes = { labelled: LabelledEdge }
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, markerUnits: 'userSpaceOnUse', color: 'var(--dg-edge)' } }

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
export function DiagramCanvas({ nodes, edges, setNodes, setEdges, snapToGrid, onConnect, onMoved, onNodeDoubleClick }: DiagramCanvasProps) {
  const onNodesChange = (changes: NodeChange<DiagramFlowNode>[]) => setNodes((current) => applyNodeChanges(changes, current))
  const onEdgesChange = (changes: EdgeChange<DiagramFlowEdge>[]) => setEdges((current) => applyEdgeChanges(changes, current))
  const onNodeDragStop: OnNodeDrag<DiagramFlowNode> = (_event, _node, dragged) => onMoved(dragged.map((node) => node.id))
  const view = useViewClasses()
  return (
    <ReactFlow<DiagramFlowNode, DiagramFlowEdge>
      className={view.className}
      onMoveStart={view.onMoveStart}
      onMoveEnd={view.onMoveEnd}
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      defaultEdgeOptions={defaultEdgeOptions}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      onNodeDragStop={onNodeDragStop}
      onNodeDoubleClick={(_event, node) => onNodeDoubleClick(node.id)}
      connectionMode={ConnectionMode.Loose}
      snapToGrid={snapToGrid}
      snapGrid={[GRID, GRID]}
      // The editor deletes (with group members, as one undo step).
      deleteKeyCode={null}
      selectionKeyCode="Shift"
      multiSelectionKeyCode={['Control', 'Meta', 'Shift']}
      zoomOnDoubleClick={false}
      minZoom={0.05}
      maxZoom={3}
      onlyRenderVisibleElements
      colorMode="system"
      proOptions={{ hideAttribution: true }}
      aria-label="Diagram editor"
      fitView
      fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
    >
      <Background variant={BackgroundVariant.Dots} gap={GRID} size={1} />
      <Controls showInteractive={false} position="bottom-left" />
    </ReactFlow>
  )
}

import { Background, type Edge, type Node, ReactFlow } from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import { createRoot } from 'react-dom/client'
import type { DiagramContent } from '../../../shared/diagrams/model'

// The diagram benchmark's reference (bench:diagram builds it with Vite): the same diagram in stock
// @xyflow/react, as its documentation has large flows drawn: default nodes and edges, only the
// elements in view rendered, its own dot background, in a pane of the editor's size. The benchmark
// pans and zooms it with the same steps as the editor (it finds the pane inside .dg-editor).

const { benchDiagram: content, benchPaneSize: pane } = window as unknown as { benchDiagram: DiagramContent; benchPaneSize: { width: number; height: number } }
const nodes: Node[] = content.nodes.map((node) => ({
  id: node.id,
  type: node.kind === 'group' ? 'group' : 'default',
  position: { x: node.x, y: node.y },
  width: node.width,
  height: node.height,
  ...(node.parentId ? { parentId: node.parentId } : {}),
  data: { label: node.label },
}))
const edges: Edge[] = content.edges.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target, label: edge.label || undefined }))

createRoot(document.getElementById('root')!).render(
  <div className="dg-editor" style={{ width: pane.width, height: pane.height }}>
    <ReactFlow defaultNodes={nodes} defaultEdges={edges} onlyRenderVisibleElements fitView fitViewOptions={{ padding: 0.15, maxZoom: 1 }} minZoom={0.05} maxZoom={3}>
      <Background />
    </ReactFlow>
  </div>,
)

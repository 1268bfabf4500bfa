import type { Edge, Node } from '@xyflow/react'
import type { DiagramContent, DiagramNode } from '../../../../shared/diagrams/model'
import { parentsFirst } from '../../../../shared/diagrams/geometry'

// Authored diagrams as @xyflow/react nodes and edges, and back. Node data carries everything of
// the model but the geometry, which xyflow keeps in position, width and height.

export type NodeFields = Omit<DiagramNode, 'id' | 'x' | 'y' | 'width' | 'height' | 'parentId' | 'kind'>
export interface DiagramNodeData extends NodeFields, Record<string, unknown> {}
export interface DiagramEdgeData extends Record<string, unknown> {
  label: string
}

export type DiagramFlowNode = Node<DiagramNodeData, DiagramNode['kind']>
export type DiagramFlowEdge = Edge<DiagramEdgeData, 'labelled'>

const KIND_NAMES: Record<DiagramNode['kind'], string> = { service: 'Service', group: 'Boundary', note: 'Note' }

type Named = Pick<DiagramNodeData, 'label' | 'service'>
const nameOf = ({ label, service }: Named) => label || service || 'unnamed node'

/** What a screen reader calls a node: its kind and its label (else the service it is bound to). */
export const nodeAriaLabel = (kind: DiagramNode['kind'], node: Named): string => `${KIND_NAMES[kind]} ${nameOf(node)}`

/** What a screen reader calls an edge: what it joins (not the ids inside the file), and its label. */
export const edgeAriaLabel = (source: Named | undefined, target: Named | undefined, label: string): string =>
  `${source ? nameOf(source) : 'unnamed node'} to ${target ? nameOf(target) : 'unnamed node'}${label ? `: ${label}` : ''}`

/** Groups sit under the nodes they hold. */
const GROUP_Z = -1

export function toFlow(content: DiagramContent, selectedIds: ReadonlySet<string> = new Set()): { nodes: DiagramFlowNode[]; edges: DiagramFlowEdge[] } {
  const nodes = parentsFirst(content.nodes).map(
    ({ id, kind, x, y, width, height, parentId, ...fields }): DiagramFlowNode => ({
      id,
      type: kind,
      position: { x, y },
      width,
      height,
      ...(parentId === null ? {} : { parentId }),
      ...(kind === 'group' ? { zIndex: GROUP_Z } : {}),
      selected: selectedIds.has(id),
      data: { ...fields },
      ariaLabel: nodeAriaLabel(kind, fields),
    }),
  )
  const byId = new Map(content.nodes.map((node) => [node.id, node]))
  const edges = content.edges.map(
    ({ id, source, target, label }): DiagramFlowEdge => ({
      id,
      source,
      target,
      type: 'labelled',
      selected: selectedIds.has(id),
      data: { label },
      ariaLabel: edgeAriaLabel(byId.get(source), byId.get(target), label),
    }),
  )
  return { nodes, edges }
}

export function fromFlow(nodes: readonly DiagramFlowNode[], edges: readonly DiagramFlowEdge[]): DiagramContent {
  return {
    nodes: parentsFirst(
      nodes.map((flowNode): DiagramNode => {
        const { label, service, shape, boundary } = flowNode.data
        return {
          id: flowNode.id,
          kind: flowNode.type ?? 'service',
          label,
          x: flowNode.position.x,
          y: flowNode.position.y,
          width: flowNode.width ?? flowNode.measured?.width ?? 0,
          height: flowNode.height ?? flowNode.measured?.height ?? 0,
          parentId: flowNode.parentId ?? null,
          service,
          shape,
          ...(boundary ? { boundary } : {}),
        }
      }),
    ),
    edges: edges.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target, label: edge.data?.label ?? '' })),
  }
}

/** The content with its fields in one order, so equal drawings serialize alike. */
const canonical = (content: DiagramContent) =>
  JSON.stringify([
    content.nodes.map((n) => [n.id, n.kind, n.label, n.x, n.y, n.width, n.height, n.parentId, n.service, n.shape, n.boundary ?? null]),
    content.edges.map((e) => [e.id, e.source, e.target, e.label]),
  ])

/** Same drawing (for dirty checks and skipping no-op history steps). */
export const sameContent = (a: DiagramContent, b: DiagramContent) => a === b || canonical(a) === canonical(b)

import { z } from 'zod'

// An authored diagram: service nodes, boundary groups, notes and labelled edges. Positions follow
// @xyflow/react: a node inside a group is placed relative to the group's top-left corner.

export const NodeKind = z.enum(['service', 'group', 'note'])
export const NodeShape = z.enum(['service', 'database', 'external'])
/** What a group's boundary stands for. */
export const Boundary = z.enum(['region', 'zone', 'team'])

export const DiagramNode = z.object({
  id: z.string().min(1).max(200),
  kind: NodeKind,
  label: z.string().max(2000),
  x: z.number().finite(),
  y: z.number().finite(),
  width: z.number().finite().nonnegative(),
  height: z.number().finite().nonnegative(),
  /** The group this node sits in, or null. */
  parentId: z.string().nullable(),
  /** The service this node stands for: bound nodes show the open incident's live data. */
  service: z.string().nullable(),
  shape: NodeShape,
  /** For groups: a region, a trust zone or a team (absent: a plain group). */
  boundary: Boundary.optional(),
})
export type DiagramNode = z.infer<typeof DiagramNode>

export const DiagramEdge = z.object({
  id: z.string().min(1).max(200),
  source: z.string(),
  target: z.string(),
  label: z.string().max(2000),
})
export type DiagramEdge = z.infer<typeof DiagramEdge>

export const DiagramContent = z
  .object({ nodes: z.array(DiagramNode).max(20_000), edges: z.array(DiagramEdge).max(40_000) })
  .superRefine((content, context) => {
    const ids = new Set<string>()
    for (const node of content.nodes) {
      if (ids.has(node.id)) context.addIssue({ code: 'custom', message: `node id ${JSON.stringify(node.id)} is used twice` })
      ids.add(node.id)
    }
    const groups = new Set(content.nodes.filter((node) => node.kind === 'group').map((node) => node.id))
    for (const node of content.nodes) {
      if (node.parentId !== null && !groups.has(node.parentId)) context.addIssue({ code: 'custom', message: `node ${node.id} is in ${node.parentId}, which is not a group` })
    }
    for (const edge of content.edges) {
      if (!ids.has(edge.source) || !ids.has(edge.target)) context.addIssue({ code: 'custom', message: `edge ${edge.id} joins a node that does not exist` })
    }
  })
export type DiagramContent = z.infer<typeof DiagramContent>

/** A node with defaults for what a format does not say. */
export const node = (fields: Partial<DiagramNode> & Pick<DiagramNode, 'id' | 'label'>): DiagramNode => ({
  kind: 'service',
  x: 0,
  y: 0,
  width: 160,
  height: 56,
  parentId: null,
  service: null,
  shape: 'service',
  ...fields,
})

export const DiagramSummary = z.object({
  id: z.number().int(),
  title: z.string(),
  updatedAt: z.number(),
  revisions: z.number().int(),
})
export type DiagramSummary = z.infer<typeof DiagramSummary>

export const Diagram = z.object({
  id: z.number().int(),
  title: z.string(),
  revisionId: z.number().int(),
  savedAt: z.number(),
  content: DiagramContent,
})
export type Diagram = z.infer<typeof Diagram>

/** The runbooks and findings whose text embeds a diagram (deleting it leaves them showing it as missing). */
export const DiagramEmbedders = z.object({
  runbooks: z.array(z.object({ id: z.number().int(), title: z.string() })),
  findings: z.array(z.object({ id: z.number().int(), title: z.string(), incidentId: z.number().int() })),
})
export type DiagramEmbedders = z.infer<typeof DiagramEmbedders>

export const DiagramRevision = z.object({ id: z.number().int(), savedAt: z.number(), note: z.string(), nodes: z.number().int(), edges: z.number().int() })
export type DiagramRevision = z.infer<typeof DiagramRevision>

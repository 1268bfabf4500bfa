import { z } from 'zod'

// The service graph derived from spans: nodes are services, edges are calls between them.

export const GraphNode = z.object({
  id: z.string(),
  spans: z.number().int(),
  errorSpans: z.number().int(),
  /** Seen only as the callee of client spans with no child span (peer.service, server.address or db.system). */
  uninstrumented: z.boolean(),
  /** How to draw it. */
  shape: z.enum(['service', 'database', 'external']),
})
export type GraphNode = z.infer<typeof GraphNode>

export const GraphEdge = z.object({
  from: z.string(),
  to: z.string(),
  calls: z.number().int(),
  /** Calls whose callee span (or, to an uninstrumented callee, whose client span) is in error. */
  errors: z.number().int(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  /** PRODUCER to CONSUMER: messaging rather than a request. */
  messaging: z.boolean(),
})
export type GraphEdge = z.infer<typeof GraphEdge>

export const ServiceGraph = z.object({ nodes: z.array(GraphNode), edges: z.array(GraphEdge) })
export type ServiceGraph = z.infer<typeof ServiceGraph>

/** A span behind an edge: the callee's span of one call (the client span for an uninstrumented callee). */
export const EdgeSpan = z.object({
  rowId: z.number().int(),
  artifactId: z.number().int(),
  traceId: z.string(),
  service: z.string(),
  name: z.string(),
  /** The caller's span that made the call. */
  callerName: z.string(),
  durationMs: z.number(),
  error: z.boolean(),
  statusMessage: z.string(),
})
export type EdgeSpan = z.infer<typeof EdgeSpan>

export const EdgeSpans = z.object({
  /** Every call behind the edge; `spans` holds the first of them, errors first, then slowest. */
  total: z.number().int(),
  spans: z.array(EdgeSpan),
})
export type EdgeSpans = z.infer<typeof EdgeSpans>

import { z } from 'zod'

export const Severity = z.enum(['info', 'low', 'medium', 'high', 'critical'])

/** What a finding points at: any of a replay moment, a span, a diagram node or edge (at least one). */
export const FindingAnchors = z
  .object({
    timeMs: z.number().finite().nullable(),
    traceId: z.string().regex(/^[0-9a-f]{32}$/).nullable(),
    spanId: z.string().regex(/^[0-9a-f]{16}$/).nullable(),
    node: z.string().max(200).nullable(),
    edge: z.string().max(400).nullable(),
  })
  .refine((a) => a.timeMs !== null || a.spanId !== null || a.node !== null || a.edge !== null, 'a finding needs at least one anchor')
  .refine((a) => (a.spanId === null) === (a.traceId === null), 'a span anchor needs both traceId and spanId')

export const FindingInput = z.object({
  title: z.string().trim().min(1).max(300),
  notes: z.string().max(100_000),
  severity: Severity,
  tags: z.array(z.string().trim().min(1).max(50)).max(20),
  author: z.string().max(100),
  anchors: FindingAnchors,
})
export type FindingInput = z.infer<typeof FindingInput>

export const Finding = FindingInput.extend({
  id: z.number().int(),
  incidentId: z.number().int(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Runbook steps this finding is evidence for, with their runbook's title and where the step is now (null once it is gone). */
  links: z.array(
    z.object({
      runbookId: z.number().int(),
      stepId: z.string(),
      runbookTitle: z.string(),
      step: z.object({ ordinal: z.number().int(), title: z.string() }).nullable(),
    }),
  ),
  /** To a pairing guest: it added this finding, so it may delete it (a guest deletes only those). */
  addedByYou: z.literal(true).optional(),
  /** Its span is in none of the incident's trace files (the file holding it was removed). */
  spanMissing: z.literal(true).optional(),
})
export type Finding = z.infer<typeof Finding>

/** A finding citing a runbook step, shown under that step. */
export const StepBacklink = z.object({
  stepId: z.string(),
  findingId: z.number().int(),
  findingTitle: z.string(),
  incidentId: z.number().int(),
  incidentTitle: z.string(),
  timeMs: z.number().nullable(),
})
export type StepBacklink = z.infer<typeof StepBacklink>

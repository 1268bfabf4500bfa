import { z } from 'zod'

/** The longest runbook, in characters of markdown (what one API message carries with room to spare). */
export const MAX_RUNBOOK_CHARS = 1_000_000

export const RunbookStepRecord = z.object({ id: z.string(), ordinal: z.number().int(), title: z.string(), text: z.string() })
export type RunbookStepRecord = z.infer<typeof RunbookStepRecord>

export const Runbook = z.object({
  id: z.number().int(),
  title: z.string(),
  owner: z.string(),
  tags: z.array(z.string()),
  markdown: z.string(),
  updatedAt: z.number(),
  steps: z.array(RunbookStepRecord),
})
export type Runbook = z.infer<typeof Runbook>

/** A cited step a runbook file's text no longer has: its findings now cite "a step since removed". */
export const DroppedCitation = z.object({ ordinal: z.number().int(), title: z.string(), findings: z.number().int() })
export type DroppedCitation = z.infer<typeof DroppedCitation>

/** A runbook file brought in: the runbook it made or updated, and the cited steps that update removed. */
export const RunbookImport = z.object({ runbook: Runbook, droppedCitations: z.array(DroppedCitation) })
export type RunbookImport = z.infer<typeof RunbookImport>

export const RunbookSummary = Runbook.pick({ id: true, title: true, owner: true, tags: true, updatedAt: true }).extend({ steps: z.number().int() })
export type RunbookSummary = z.infer<typeof RunbookSummary>

/** One save of a runbook, as listed (newest first). */
export const RunbookRevisionSummary = z.object({ id: z.number().int(), savedAt: z.number(), title: z.string() })
export type RunbookRevisionSummary = z.infer<typeof RunbookRevisionSummary>

/** One save of a runbook with its text. */
export const RunbookRevision = RunbookRevisionSummary.extend({ runbookId: z.number().int(), markdown: z.string() })
export type RunbookRevision = z.infer<typeof RunbookRevision>

export const SearchHit = z.object({
  kind: z.enum(['runbook', 'finding']),
  id: z.number().int(),
  title: z.string(),
  /** Matching text with the terms in <mark>…</mark>; everything else HTML-escaped. */
  snippet: z.string(),
  /** A finding's incident (findings of two incidents may read alike). */
  incidentId: z.number().int().optional(),
})
export type SearchHit = z.infer<typeof SearchHit>

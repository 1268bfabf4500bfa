import { z } from 'zod'

/** A shared text: a finding's notes or a runbook's markdown, edited by several people at once. */
export const CollabDocId = z.string().regex(/^(finding|runbook):[1-9]\d{0,15}$/, 'expected finding:ID or runbook:ID')
export type CollabDocId = z.infer<typeof CollabDocId>

/** The one Y.Text of each collaborative document. */
export const COLLAB_TEXT = 'text'

/** Base64 of a Yjs update or state vector; about 1 MiB at most. */
export const Base64Update = z.string().max(1_400_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64')

export const parseDocId = (docId: CollabDocId) => {
  const [kind, id] = docId.split(':')
  return { kind: kind as 'finding' | 'runbook', id: Number(id) }
}

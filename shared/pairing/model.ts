import { z } from 'zod'

export const Invitation = z.object({
  /** Opens the shared session in a browser. */
  url: z.string(),
  /** Opens it in Casefile. */
  link: z.string(),
  /** The address and the secret, short enough to read out on a call. */
  code: z.string(),
})
export type Invitation = z.infer<typeof Invitation>

export const Participant = z.object({ id: z.string(), address: z.string(), joinedAt: z.number() })
export type Participant = z.infer<typeof Participant>

export const SharingStatus = z.object({ incidentId: z.number().int(), invitation: Invitation, participants: z.array(Participant) })
export type SharingStatus = z.infer<typeof SharingStatus>

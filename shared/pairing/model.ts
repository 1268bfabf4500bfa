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

// The live session among the people in a shared incident (the host's own window included): who is
// there, where each one is looking, and who drives the replay. The host keeps it (electron/pairing/room.ts).

const SpanId = z.string().min(1).max(64)
const TraceId = z.string().min(1).max(64)

/** What a participant has selected: a span of a trace, and a service (a diagram node). */
export const Selection = z.object({
  trace: z.object({ traceId: TraceId, artifactId: z.number().int().positive().nullable() }).nullable(),
  spanId: SpanId.nullable(),
  service: z.string().max(200).nullable(),
})
export type Selection = z.infer<typeof Selection>

export const NO_SELECTION: Selection = { trace: null, spanId: null, service: null }

/** Where one participant is: their playhead on the incident clock (epoch ms) and selection. */
export const Presence = z.object({
  timeMs: z.number().finite().nullable(),
  playing: z.boolean(),
  /** False while a follower explores on their own. */
  following: z.boolean(),
  selection: Selection,
})
export type Presence = z.infer<typeof Presence>

export const MemberName = z.string().trim().min(1, 'a name is required').max(40)

export const Member = z.object({
  id: z.string(),
  name: z.string(),
  /** A CSS color the others draw this participant's marks in. */
  color: z.string(),
  role: z.enum(['host', 'guest']),
  /** Asked the driver for control. */
  wantsControl: z.boolean(),
  presence: Presence,
})
export type Member = z.infer<typeof Member>

export const Room = z.object({
  incidentId: z.number().int(),
  driverId: z.string().nullable(),
  members: z.array(Member),
})
export type Room = z.infer<typeof Room>

/** The driver's replay, which followers copy: play state, speed, playhead (incident clock) and selection. */
export const Playback = z.object({
  timeMs: z.number().finite(),
  playing: z.boolean(),
  speed: z.number().positive().max(64),
  selection: Selection,
  /** The recording the driver's replay shows (an incident may hold several). */
  recordingId: z.number().int().nullable().optional(),
})
export type Playback = z.infer<typeof Playback>

/** A "look here" from one participant to the others: a moment, a span, or both. */
export const PingInput = z.object({ timeMs: z.number().finite().nullable(), trace: Selection.shape.trace, spanId: SpanId.nullable() })
export type PingInput = z.infer<typeof PingInput>

export const ControlAction = z.discriminatedUnion('action', [
  /** A follower asks the driver for control (again to withdraw). */
  z.object({ action: z.literal('request'), wants: z.boolean() }),
  /** The driver (or the host, always) gives control to a participant. */
  z.object({ action: z.literal('give'), to: z.string().min(1).max(64) }),
])
export type ControlAction = z.infer<typeof ControlAction>

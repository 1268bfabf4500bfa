import { z } from 'zod'
import type { DispatchResult } from './dispatch'

// Messages on the WebSocket. IPC carries the same call/result pair through ipcRenderer.invoke.

/** Largest message the host accepts; an upload chunk (1 MiB as base64) plus headroom. */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024

export const CallMessage = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  input: z.unknown(),
})
export type CallMessage = z.infer<typeof CallMessage>

export type ResultMessage = { type: 'result'; id: number } & DispatchResult
export type EventMessage = { type: 'event'; event: string; payload: unknown }
export type ServerMessage = ResultMessage | EventMessage

/** Name of the query parameter carrying the access token, on the page URL and the WebSocket URL. */
export const TOKEN_PARAM = 'token'
/** Path of the WebSocket endpoint on the host. */
export const SOCKET_PATH = '/api'

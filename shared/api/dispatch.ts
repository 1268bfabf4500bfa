import { z } from 'zod'
import {
  ApiError,
  type EventName,
  type EventPayload,
  isMethodName,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  methods,
  type WireError,
} from './contract'

/** Who is calling: handlers may use it to scope what a caller can reach. */
export interface Caller {
  transport: 'ipc' | 'websocket' | 'cli'
  /** Sends an event to this caller only. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
}

export type Handlers = {
  [M in MethodName]: (input: z.output<(typeof methods)[M]['input']>, caller: Caller) => Promise<MethodOutput<M>> | MethodOutput<M>
}

export type DispatchResult = { ok: true; result: unknown } | { ok: false; error: WireError }

const describeIssues = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ')

/** Validates a call from the outside world and runs its handler. Never throws. */
export async function dispatch(handlers: Handlers, method: unknown, rawInput: unknown, caller: Caller): Promise<DispatchResult> {
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'unknown_method', message: `unknown method ${JSON.stringify(method)}` } }
  }
  const parsed = methods[method].input.safeParse(rawInput ?? {})
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid_input', message: `${method}: ${describeIssues(parsed.error)}` } }
  }
  try {
    const handler = handlers[method] as (input: unknown, caller: Caller) => unknown
    const result = await handler(parsed.data, caller)
    return { ok: true, result }
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: { code: error.code, message: error.message } }
    console.error(`[casefile] ${method} failed:`, error)
    return { ok: false, error: { code: 'internal', message: `${method} failed: ${(error as Error)?.message ?? String(error)}` } }
  }
}

/** Client side: turns a wire error back into an exception the UI can show. */
export function toError(error: WireError): ApiError {
  return new ApiError(error.code, error.message)
}

export type { MethodInput }

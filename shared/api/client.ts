import {
  type ApiClient,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from './contract'
import { type DispatchResult, toError } from './dispatch'

/** The minimal pipe a transport gives: send a call, get a DispatchResult; receive events. */
export interface Transport {
  invoke(method: string, input: unknown): Promise<DispatchResult>
  subscribe(listener: (event: string, payload: unknown) => void): () => void
}

/** The one ApiClient implementation; transports differ only below it. */
export function createClient(transport: Transport): ApiClient {
  const listeners = new Map<string, Set<(payload: never) => void>>()
  transport.subscribe((event, payload) => {
    for (const listener of listeners.get(event) ?? []) listener(payload as never)
  })
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const outcome = await transport.invoke(method, input)
      if (!outcome.ok) throw toError(outcome.error)
      return outcome.result as MethodOutput<M>
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener as (payload: never) => void)
      listeners.set(event, set)
      return () => set.delete(listener as (payload: never) => void)
    },
  }
}

/** Transport over the host's WebSocket (browser mode, pairing guests, e2e). */
export function webSocketTransport(url: string): Transport {
  let nextId = 1
  const pending = new Map<number, (result: DispatchResult) => void>()
  const subscribers = new Set<(event: string, payload: unknown) => void>()
  let socket: Promise<WebSocket> | null = null

  const failAll = (message: string) => {
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'internal', message } })
    pending.clear()
  }

  const connect = () =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url)
      ws.onopen = () => resolve(ws)
      ws.onerror = () => reject(new Error('cannot reach the Casefile host'))
      ws.onclose = () => {
        socket = null
        failAll('the connection to the Casefile host closed')
      }
      ws.onmessage = (message) => {
        const data = JSON.parse(String(message.data))
        if (data.type === 'result') {
          pending.get(data.id)?.(data)
          pending.delete(data.id)
        } else if (data.type === 'event') {
          for (const subscriber of subscribers) subscriber(data.event, data.payload)
        }
      }
    })

  return {
    async invoke(method, input) {
      socket ??= connect().catch((error) => {
        socket = null
        throw error
      })
      const ws = await socket
      const id = nextId++
      return new Promise<DispatchResult>((resolve) => {
        pending.set(id, resolve)
        ws.send(JSON.stringify({ type: 'call', id, method, input }))
      })
    },
    subscribe(listener) {
      subscribers.add(listener)
      return () => subscribers.delete(listener)
    },
  }
}

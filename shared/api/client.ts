import {
  type ApiClient,
  type ConnectionStatus,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from './contract'
import { type DispatchResult, toError } from './dispatch'
import { MAX_MESSAGE_BYTES, TOKEN_PARAM } from './wire'

/** The minimal pipe a transport gives: send a call, get a DispatchResult; receive events. */
export interface Transport {
  invoke(method: string, input: unknown): Promise<DispatchResult>
  subscribe(listener: (event: string, payload: unknown) => void): () => void
  /** Connection changes, for a transport that can lose its connection (IPC cannot). */
  watchStatus?(listener: (status: ConnectionStatus) => void): () => void
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
    watchStatus: (listener) => transport.watchStatus?.(listener) ?? (() => {}),
  }
}

/** Waits before the reconnection attempt `attempt` (0-based): doubling from 250 ms to 5 s, with jitter. */
export const reconnectDelayMs = (attempt: number, random = Math.random) => Math.min(5000, 250 * 2 ** attempt) * (0.8 + 0.4 * random())

/** `url` with `secret` as its token: a pairing guest reconnects with its own (see pairing.credential). */
export function withSecret(url: string, secret: string): string {
  const next = new URL(url)
  next.searchParams.set(TOKEN_PARAM, secret)
  return next.toString()
}

/** Close codes after which reconnecting is pointless: the host removed this participant or ended the session. */
const FINAL_CLOSE_CODES = new Set([4001, 4002])

/** What every call fails with once the host ended this participant's session; `reason` is the host's word, if it gave one. */
export class SessionEndedError extends Error {
  constructor(readonly reason: string | null) {
    super(reason ?? 'the host ended this session')
  }
}

/**
 * Transport over the host's WebSocket (browser mode, pairing guests, e2e). Once connected, a lost
 * connection is re-established with backoff: calls made meanwhile wait for it and then go out
 * (calls in flight when it dropped fail, since the host may or may not have run them). A host
 * that removed this participant or stopped sharing is not called again.
 */
export function webSocketTransport(initialUrl: string): Transport {
  let url = initialUrl
  let nextId = 1
  const pending = new Map<number, { resolve: (result: DispatchResult) => void; reject: (error: Error) => void }>()
  const subscribers = new Set<(event: string, payload: unknown) => void>()
  const statusListeners = new Set<(status: ConnectionStatus) => void>()
  let socket: Promise<WebSocket> | null = null
  /** The connection while it is open. */
  let openSocket: WebSocket | null = null
  let everOpened = false
  /** The host ended this session (it said so, or closed with a final code). */
  let ended = false
  /** Why, when it said so (pairing.ended). */
  let endReason: string | null = null

  const setStatus = (status: ConnectionStatus) => {
    for (const listener of statusListeners) listener(status)
  }
  const failAll = (error: Error) => {
    for (const call of pending.values()) call.reject(error)
    pending.clear()
  }

  const open = () =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url)
      let opened = false
      ws.onopen = () => {
        opened = true
        openSocket = ws
        resolve(ws)
      }
      ws.onerror = () => reject(new Error('cannot reach the Casefile host'))
      ws.onclose = (event) => {
        if (openSocket === ws) openSocket = null
        if (opened && FINAL_CLOSE_CODES.has(event.code)) ended = true
        failAll(ended ? new SessionEndedError(endReason) : new Error('the connection to the Casefile host closed'))
        // A socket that never opened was a failed attempt: its caller (or the reconnect loop) handles it.
        if (!opened) return reject(new Error('cannot reach the Casefile host'))
        if (ended) {
          socket = Promise.reject(new SessionEndedError(endReason))
          socket.catch(() => {})
          setStatus('ended')
        } else {
          socket = reconnect()
        }
      }
      ws.onmessage = (message) => {
        const data = JSON.parse(String(message.data))
        if (data.type === 'result') {
          pending.get(data.id)?.resolve(data)
          pending.delete(data.id)
        } else if (data.type === 'event') {
          if (data.event === 'pairing.ended') {
            ended = true
            endReason = (data.payload as EventPayload<'pairing.ended'>).reason
          }
          if (data.event === 'pairing.credential') url = withSecret(url, (data.payload as EventPayload<'pairing.credential'>).secret)
          for (const subscriber of subscribers) subscriber(data.event, data.payload)
        }
      }
    })

  const connect = () =>
    open().then((ws) => {
      const reconnected = everOpened
      everOpened = true
      if (reconnected) setStatus('open')
      return ws
    })

  const reconnect = async (): Promise<WebSocket> => {
    setStatus('reconnecting')
    for (let attempt = 0; ; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, reconnectDelayMs(attempt)))
      if (ended) throw new SessionEndedError(endReason)
      try {
        return await connect()
      } catch {
        // not back yet; wait longer
      }
    }
  }

  const send = (ws: WebSocket, method: string, input: unknown) =>
    new Promise<DispatchResult>((resolve, reject) => {
      const id = nextId++
      const message = JSON.stringify({ type: 'call', id, method, input })
      // The host would close the connection on it: refuse it here, saying why.
      const bytes = message.length * 3 > MAX_MESSAGE_BYTES ? new TextEncoder().encode(message).length : message.length
      if (bytes > MAX_MESSAGE_BYTES) {
        const mb = (n: number) => `${(n / 1024 ** 2).toFixed(1)} MB`
        return resolve({ ok: false, error: { code: 'invalid_input', message: `${method}: too large to send (${mb(bytes)}; at most ${mb(MAX_MESSAGE_BYTES)})` } })
      }
      pending.set(id, { resolve, reject })
      ws.send(message)
    })

  return {
    invoke(method, input) {
      // On an open connection the call leaves now, not after a microtask: React flushes the
      // renders a state change scheduled in the microtasks queued first, and a pairing driver's
      // move would wait for its own window to redraw.
      if (openSocket?.readyState === WebSocket.OPEN) return send(openSocket, method, input)
      socket ??= connect().catch((error) => {
        socket = null
        throw error
      })
      return socket.then((ws) => send(ws, method, input))
    },
    subscribe(listener) {
      subscribers.add(listener)
      return () => subscribers.delete(listener)
    },
    watchStatus(listener) {
      statusListeners.add(listener)
      return () => statusListeners.delete(listener)
    },
  }
}

import type { ApiClient } from '../../shared/api/contract'
import { createClient, type Transport, webSocketTransport, withSecret } from '../../shared/api/client'
import { SOCKET_PATH, TOKEN_PARAM } from '../../shared/api/wire'

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge); absent when the page is served over HTTP. */
    casefileTransport?: Transport
  }
}

/** How this page reaches the host; the rest of the UI only ever sees the ApiClient. */
export type Connection =
  | { kind: 'ipc'; client: ApiClient }
  | { kind: 'websocket'; client: ApiClient; hasToken: boolean }

/** The WebSocket URL for a page served by `casefile serve`: same host, token from the page URL. */
export function socketUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(location.search).get(TOKEN_PARAM) ?? ''
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${location.host}${SOCKET_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`
}

export function connect(): Connection {
  if (window.casefileTransport) return { kind: 'ipc', client: createClient(window.casefileTransport) }
  const hasToken = Boolean(new URLSearchParams(window.location.search).get(TOKEN_PARAM))
  const client = createClient(webSocketTransport(socketUrl(window.location)))
  // A pairing guest's own secret: the page reloads with it, as the transport reconnects with it.
  client.on('pairing.credential', ({ secret }) => window.history.replaceState(window.history.state, '', withSecret(window.location.href, secret)))
  return { kind: 'websocket', client, hasToken }
}

import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { networkInterfaces } from 'node:os'
import { extname, join, normalize, sep } from 'node:path'
import type { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer } from 'ws'
import type { Caller, Handlers } from '../../shared/api/dispatch'
import { dispatch } from '../../shared/api/dispatch'
import { CallMessage, MAX_MESSAGE_BYTES, type ServerMessage, SOCKET_PATH, TOKEN_PARAM } from '../../shared/api/wire'

export interface WebServerOptions {
  host: string
  port: number
  /** The built renderer (out/renderer). */
  rendererDir: string
  handlers: Handlers
  /** Called for each authorized connection; returns the disconnect callback. */
  connect(caller: Caller, connection: Connection): () => void
  /** The secret that opens a connection (random by default); see RunningWebServer.changeToken. */
  token?: string
  /** Other secrets that open one too (a pairing guest's own). */
  alsoAdmits?: (secret: string) => boolean
  /** What a connection may ask of the host; no limit by default (the user's own windows). */
  limit?: ConnectionLimit
}

export interface ConnectionLimit {
  /** Calls a second on average. */
  perSecond: number
  /** Calls at once. */
  burst: number
  /** Answers queued for a peer that is not reading them, at most: past it the connection is dropped. */
  maxUnreadBytes: number
}

/** One WebSocket connection, as the code that accepted it sees it. */
export interface Connection {
  remoteAddress: string
  /** The secret it was opened with. */
  secret: string
  /** Ends the connection (a host removing a participant). */
  close(): void
}

export interface RunningWebServer {
  /** The page URL, with the token (on loopback when listening on every interface). */
  readonly url: string
  /** Listening on every interface (0.0.0.0, ::): the page's URL on each of this machine's other addresses. */
  readonly otherUrls: string[]
  readonly token: string
  port: number
  /** From now on `token` opens connections instead of the one before; those open stay open. */
  changeToken(token: string): void
  close(): Promise<void>
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
}

const SECURITY_HEADERS = {
  // As renderer/index.html's: remote images, fonts and stylesheets are there for replays that may
  // load them, and the renderer tightens this at start-up unless the user allowed that.
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline' http: https:; img-src 'self' data: blob: http: https:; font-src 'self' data: http: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'; frame-src 'self' blob:",
  'X-Content-Type-Options': 'nosniff',
  // The page URL carries the access token: never send it to anyone as a referrer.
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
}

const sameSecret = (given: string | null, expected: string) => {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

const refuse = (socket: Duplex, status: string) => {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}

/** The request's URL; null when it does not parse (anyone reaching the port can send any bytes). */
function requestUrl(request: IncomingMessage): URL | null {
  try {
    return new URL(request.url ?? '/', 'http://host')
  } catch {
    return null
  }
}

/** The request's path, percent-decoded; null when it does not decode. */
function requestPath(request: IncomingMessage): string | null {
  try {
    const url = requestUrl(request)
    return url && decodeURIComponent(url.pathname)
  } catch {
    return null
  }
}

/** Admits `perSecond` calls a second on average, `burst` at once. */
function tokenBucket({ perSecond, burst }: ConnectionLimit): () => boolean {
  let tokens = burst
  let last = performance.now()
  return () => {
    const now = performance.now()
    tokens = Math.min(burst, tokens + ((now - last) / 1000) * perSecond)
    last = now
    if (tokens < 1) return false
    tokens -= 1
    return true
  }
}

/** Serves the renderer over http and the API over a token-guarded WebSocket. */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  let token = options.token ?? randomBytes(24).toString('base64url')
  const root = normalize(options.rendererDir)
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })

  // Only our own address may be named in Host: a DNS-rebinding page cannot reach us by name.
  let allowedHosts = new Set<string>()
  const hostAllowed = (request: IncomingMessage) => allowedHosts.has(String(request.headers.host ?? '').toLowerCase())

  const serveFile = (request: IncomingMessage, response: ServerResponse) => {
    if (!hostAllowed(request)) return response.writeHead(421).end()
    if (request.method !== 'GET' && request.method !== 'HEAD') return response.writeHead(405).end()
    const pathname = requestPath(request)
    if (pathname === null) return response.writeHead(400).end()
    const relative = pathname === '/' ? 'index.html' : pathname.slice(1)
    const file = normalize(join(root, relative))
    if (!file.startsWith(root + sep)) return response.writeHead(404).end()
    let size: number
    try {
      const stat = statSync(file)
      if (!stat.isFile()) throw new Error('not a file')
      size = stat.size
    } catch {
      return response.writeHead(404, SECURITY_HEADERS).end('not found')
    }
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': size,
      'Cache-Control': 'no-cache',
    })
    if (request.method === 'HEAD') return response.end()
    createReadStream(file).pipe(response)
  }

  const server: Server = createServer(serveFile)

  server.on('upgrade', (request, socket, head) => {
    const url = requestUrl(request)
    if (!url) return refuse(socket, '400 Bad Request')
    if (url.pathname !== SOCKET_PATH) return refuse(socket, '404 Not Found')
    const secret = url.searchParams.get(TOKEN_PARAM) ?? ''
    if (!sameSecret(secret, token) && !(secret && options.alsoAdmits?.(secret))) return refuse(socket, '401 Unauthorized')
    if (!hostAllowed(request)) return refuse(socket, '421 Misdirected Request')
    const origin = request.headers.origin
    if (origin && !allowedHosts.has(origin.replace(/^https?:\/\//, '').toLowerCase())) return refuse(socket, '403 Forbidden')
    wss.handleUpgrade(request, socket, head, (ws) => serveSocket(ws, { remoteAddress: request.socket.remoteAddress ?? '', secret, close: () => ws.close(4001, 'removed by the host') }))
  })

  const serveSocket = (ws: WebSocket, connection: Connection) => {
    // Each answer to a peer that stopped reading would wait in the host's memory.
    const unreadPastLimit = () => options.limit !== undefined && ws.bufferedAmount > options.limit.maxUnreadBytes
    const send = (message: ServerMessage) => {
      if (ws.readyState !== WebSocket.OPEN) return
      if (unreadPastLimit()) return ws.terminate()
      ws.send(JSON.stringify(message))
    }
    const caller: Caller = { transport: 'websocket', emit: (event, payload) => send({ type: 'event', event, payload }) }
    const disconnect = options.connect(caller, connection)
    const admit = options.limit ? tokenBucket(options.limit) : () => true
    ws.on('close', disconnect)
    // A message over maxPayload (or bad framing) makes ws close the connection (1009, 1002) and
    // report an error: unheard, that error would end the whole host process.
    ws.on('error', () => {})
    ws.on('message', async (data, isBinary) => {
      let call: CallMessage
      try {
        if (isBinary) throw new Error('binary message')
        call = CallMessage.parse(JSON.parse(String(data)))
      } catch {
        ws.close(1003, 'malformed message')
        return
      }
      if (unreadPastLimit()) return ws.terminate()
      if (!admit()) {
        send({ type: 'result', id: call.id, ok: false, error: { code: 'rate_limited', message: `${call.method}: too many calls; slow down` } })
        return
      }
      const outcome = await dispatch(options.handlers, call.method, call.input, caller)
      send({ type: 'result', id: call.id, ...outcome })
    })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  // Requests must name this server as it listens (a page of another site, reaching it through a
  // name of its own that resolves here, is refused): by its address, or any of the machine's when
  // listening on all of them.
  const everywhere = options.host === '0.0.0.0' || options.host === '::'
  const inUrl = (address: string) => (address.includes(':') ? `[${address}]` : address)
  const addresses = everywhere ? ['127.0.0.1', ...Object.values(networkInterfaces()).flatMap((entries) => (entries ?? []).map((entry) => entry.address))] : [options.host]
  const names = [...new Set(addresses.map(inUrl))]
  allowedHosts = new Set([...names, 'localhost'].map((name) => `${name}:${port}`.toLowerCase()))
  const urlOn = (name: string) => `http://${name}:${port}/?${TOKEN_PARAM}=${token}`

  return {
    get url() {
      return urlOn(names[0])
    },
    get otherUrls() {
      return names.slice(1).filter((name) => !['127.0.0.1', '[::1]'].includes(name)).map(urlOn)
    },
    get token() {
      return token
    },
    port,
    changeToken: (next) => {
      token = next
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate()
        wss.close()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

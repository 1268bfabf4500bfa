import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { onTestFinished } from 'vitest'
import WebSocket from 'ws'
import { createClient, type Transport } from '../../shared/api/client'
import type { ApiClient } from '../../shared/api/contract'
import type { DispatchResult } from '../../shared/api/dispatch'
import { SOCKET_PATH, TOKEN_PARAM } from '../../shared/api/wire'
import { createHandlers } from '../host/handlers'
import { Host } from '../host/host'
import { type ConnectionLimit, startWebServer } from '../host/web-server'
import { tempDir } from './temp'

/** The import worker from source, through tsx, as the built app runs its bundle. */
export const sourceWorker = { script: new URL('../workers/worker.ts', import.meta.url), execArgv: ['--import', 'tsx'] }

/** A Node transport over a real WebSocket, speaking the same wire protocol as the renderer's. */
export function nodeSocketTransport(url: string): Promise<Transport & { socket: WebSocket }> {
  const socket = new WebSocket(url)
  let nextId = 1
  const pending = new Map<number, (result: DispatchResult) => void>()
  const listeners = new Set<(event: string, payload: unknown) => void>()
  socket.on('message', (data) => {
    const message = JSON.parse(String(data))
    if (message.type === 'result') pending.get(message.id)?.(message)
    else for (const listener of listeners) listener(message.event, message.payload)
  })
  return new Promise((resolve, reject) => {
    socket.once('error', reject)
    socket.once('open', () =>
      resolve({
        socket,
        invoke: (method, input) =>
          new Promise((done) => {
            const id = nextId++
            pending.set(id, done)
            socket.send(JSON.stringify({ type: 'call', id, method, input }))
          }),
        subscribe(listener) {
          listeners.add(listener)
          return () => listeners.delete(listener)
        },
      }),
    )
  })
}

/** The HTTP status a WebSocket upgrade to `url` gets (101 when it is accepted). */
export const upgradeStatus = (url: string) =>
  new Promise<number>((resolve) => {
    const socket = new WebSocket(url)
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
    socket.on('open', () => {
      socket.close()
      resolve(101)
    })
    socket.on('error', () => {})
  })

/** A real host with a fresh workspace, served on loopback; closed after the test. */
export async function startTestHost(options: { seedDemo?: boolean; limit?: ConnectionLimit; address?: string } = {}) {
  const dir = tempDir()
  const rendererDir = join(dir, 'renderer')
  mkdirSync(rendererDir)
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Casefile</title>')
  const host = new Host({ dbPath: join(dir, 'workspace.sqlite'), worker: sourceWorker, canSwitch: false, seedDemo: options.seedDemo ?? false, rendererDir })
  const server = await startWebServer({ host: options.address ?? '127.0.0.1', port: 0, rendererDir, handlers: createHandlers(host), connect: (caller) => host.connect(caller), limit: options.limit })
  const sockets: WebSocket[] = []
  onTestFinished(async () => {
    for (const socket of sockets) socket.close()
    await server.close()
    await host.close()
  })
  const socketUrl = (token: string | null) => `ws://127.0.0.1:${server.port}${SOCKET_PATH}${token === null ? '' : `?${TOKEN_PARAM}=${token}`}`
  return {
    dir,
    host,
    server,
    socketUrl,
    async connect(): Promise<ApiClient> {
      const transport = await nodeSocketTransport(socketUrl(server.token))
      sockets.push(transport.socket)
      return createClient(transport)
    },
  }
}

/** The WebSocket URL a guest holding the invitation `pageUrl` connects to (with another secret, to test refusals). */
export const guestSocketUrl = (pageUrl: string, secret?: string) => {
  const url = new URL(pageUrl)
  return `ws://${url.host}${SOCKET_PATH}?${TOKEN_PARAM}=${secret ?? url.searchParams.get(TOKEN_PARAM)}`
}

/** A test host sharing its demo incident on loopback; sharing stops after the test. */
export async function startSharingHost() {
  const test = await startTestHost({ seedDemo: true })
  const hostClient = await test.connect()
  const [incident] = await hostClient.call('incidents.list', {})
  const status = await hostClient.call('pairing.share', { incidentId: incident.id, address: '127.0.0.1' })
  onTestFinished(() => test.host.stopSharing().then(() => undefined))
  return {
    ...test,
    hostClient,
    incident,
    status,
    /** A guest connected with the invitation. */
    async guest() {
      const transport = await nodeSocketTransport(guestSocketUrl(status.invitation.url))
      onTestFinished(() => void transport.socket.close())
      return { client: createClient(transport), socket: transport.socket }
    },
  }
}

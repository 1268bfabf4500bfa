import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { get } from 'node:http'
import { connect, type Socket } from 'node:net'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { createClient, webSocketTransport } from '../../shared/api/client'
import { type ApiClient, UPLOAD_CHUNK_BYTES } from '../../shared/api/contract'
import { MAX_MESSAGE_BYTES } from '../../shared/api/wire'
import { writeLargeOtlp } from '../../e2e/fixtures/generate/large-otlp'
import { startTestHost, upgradeStatus } from '../test-support/host'

const OTLP = JSON.stringify({
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }] },
      scopeSpans: [
        {
          spans: [
            { traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', name: 'POST /checkout', kind: 2, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000500000000', status: { code: 2 } },
          ],
        },
      ],
    },
  ],
})

/** Sends `bytes` as an upload named `name`, in the renderer's chunks; returns its id. */
async function upload(client: ApiClient, name: string, bytes: Buffer): Promise<string> {
  const { uploadId } = await client.call('uploads.begin', { name, size: bytes.length })
  for (let offset = 0; offset < bytes.length; offset += UPLOAD_CHUNK_BYTES) {
    await client.call('uploads.chunk', { uploadId, offset, data: bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES).toString('base64') })
  }
  return uploadId
}

describe('the WebSocket host', () => {
  it('refuses connections without the right token with HTTP 401', async () => {
    const { socketUrl, server } = await startTestHost()
    expect(await upgradeStatus(socketUrl(null))).toBe(401)
    expect(await upgradeStatus(socketUrl('x'.repeat(server.token.length)))).toBe(401)
    expect(await upgradeStatus(socketUrl(server.token))).toBe(101)
  })

  it('serves the contract: incidents, chunked upload, import with progress events', async () => {
    const { connect } = await startTestHost()
    const [client, otherWindow] = [await connect(), await connect()]
    const incident = await client.call('incidents.create', { title: 'Checkout 502s' })
    const renamed = await client.call('incidents.rename', { id: incident.id, title: 'Checkout 502s at 14:02' })
    expect(renamed.title).toBe('Checkout 502s at 14:02')

    const bytes = Buffer.from(OTLP)
    const { uploadId } = await client.call('uploads.begin', { name: 'checkout.otlp.json', size: bytes.length })
    const half = Math.floor(bytes.length / 2)
    await client.call('uploads.chunk', { uploadId, offset: 0, data: bytes.subarray(0, half).toString('base64') })
    await client.call('uploads.chunk', { uploadId, offset: half, data: bytes.subarray(half).toString('base64') })

    const progress: number[] = []
    client.on('import.progress', (event) => event.importId === 'job-1' && progress.push(event.bytesRead))
    // Another window hears of the import (to show the file); the importing one shows it itself.
    const heard: Array<'importer' | 'other'> = []
    client.on('workspace.changed', () => heard.push('importer'))
    otherWindow.on('workspace.changed', () => heard.push('other'))
    const result = await client.call('imports.run', { target: { incidentId: incident.id }, uploadIds: [uploadId], importId: 'job-1' })
    await expect.poll(() => heard).toContain('other')
    expect(heard).not.toContain('importer')
    expect(result.artifacts).toEqual([
      expect.objectContaining({ kind: 'trace', format: 'otlp', file: 'checkout.otlp.json', spans: 1, errorSpans: 1, services: ['checkout'] }),
    ])
    expect(progress.at(-1)).toBe(bytes.length)

    const view = await client.call('incidents.open', { id: incident.id })
    expect(view.artifacts).toHaveLength(1)
    expect(view.artifacts[0].startMs).toBe(1_700_000_000_000)
    expect((await client.call('incidents.list', {})).map((item) => item.artifactCount)).toEqual([1])
  })

  it('serves a recording as an outline of chunks and markers, then its chunks', async () => {
    const { connect } = await startTestHost({ seedDemo: true })
    const client = await connect()
    const [demo] = await client.call('incidents.list', {})
    const { artifacts } = await client.call('incidents.open', { id: demo.id })
    const session = artifacts.find((artifact) => artifact.summary.kind === 'session')!
    const outline = await client.call('sessions.outline', { artifactId: session.id })
    expect(outline.events).toBe(session.summary.kind === 'session' ? session.summary.events : -1)
    expect(outline.chunks[0]).toMatchObject({ seq: 0, firstMs: session.startMs })
    expect(outline.chunks.filter((chunk) => chunk.startsWithFullSnapshot).length).toBeGreaterThanOrEqual(2)
    expect(outline.markers.some((marker) => marker.kind === 'request' && marker.failed)).toBe(true)
    expect(outline.markers.some((marker) => marker.kind === 'console' && marker.level === 'error')).toBe(true)

    const chunks = await client.call('sessions.chunks', { artifactId: session.id, fromSeq: 0, toSeq: outline.chunks.length - 1 })
    const events = chunks.flatMap((chunk) => JSON.parse(chunk.eventsJson) as Array<{ timestamp: number }>)
    expect(events).toHaveLength(outline.events)
    expect(events.at(-1)!.timestamp).toBe(outline.endMs)
    await expect(client.call('sessions.chunks', { artifactId: session.id, fromSeq: 5, toSeq: 4 })).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(client.call('sessions.outline', { artifactId: 9999 })).rejects.toMatchObject({ code: 'not_found' })
  })

  it('lists an incident\'s traces errors first, serves one as columns, and a span in full', async () => {
    const { connect } = await startTestHost({ seedDemo: true })
    const client = await connect()
    const [demo] = await client.call('incidents.list', {})
    const traces = await client.call('traces.list', { incidentId: demo.id })
    expect(traces).toHaveLength(2)
    const [failing, healthy] = traces
    expect(failing).toMatchObject({ rootService: 'api-gateway', rootName: expect.stringMatching(/checkout/i) })
    expect(failing.errors).toBeGreaterThan(0)
    expect(healthy.errors).toBe(0)
    expect(failing.services.sort()).toEqual(['api-gateway', 'checkout-service', 'inventory-service', 'notification-service', 'payment-service'])

    const trace = await client.call('traces.get', { artifactId: failing.artifactId, traceId: failing.traceId })
    expect(trace.spanId).toHaveLength(failing.spans)
    expect(trace.baseNs).toBe(failing.startNs)
    expect(Math.max(...trace.start.map((start, i) => start + trace.duration[i]))).toBe(failing.durationNs)
    expect(trace.parent.filter((parent) => parent === -1)).toHaveLength(1) // the browser's span is not in the file
    expect(new Set(trace.hosts).size).toBeGreaterThan(1)

    const failed = trace.rowId.filter((_, i) => trace.error[i] === 1)
    const details = await Promise.all(failed.map((rowId) => client.call('spans.detail', { rowId })))
    const exception = details.flatMap((span) => span.events).find((event) => event.name === 'exception')
    expect(exception?.attributes['exception.message']).toEqual(expect.any(String))
    expect(details[0].resource['service.name']).toBe(details[0].service)
    await expect(client.call('traces.get', { artifactId: failing.artifactId, traceId: 'f'.repeat(32) })).rejects.toMatchObject({ code: 'not_found' })
  })

  it('exports an incident as a .casefile bundle in chunks, answering other calls meanwhile, and imports the bundle uploaded back as the same incident (drag and drop)', async () => {
    const { connect, host } = await startTestHost({ seedDemo: true })
    const client = await connect()
    const [demo] = await client.call('incidents.list', {})
    // The bundle is written off the main thread: a call sent while it is being written is answered first.
    const answered: string[] = []
    const exported = client.call('exports.bundle', { incidentId: demo.id }).finally(() => answered.push('export'))
    await new Promise((resolve) => setTimeout(resolve, 20))
    await client.call('incidents.list', {}).finally(() => answered.push('list'))
    const { downloadId, name, size } = await exported
    expect(answered).toEqual(['list', 'export'])
    expect(name).toBe('Demo-checkout-fails-with-502.casefile')
    const parts: Buffer[] = []
    for (let done = false, offset = 0; !done; ) {
      const chunk = await client.call('downloads.chunk', { downloadId, offset })
      parts.push(Buffer.from(chunk.data, 'base64'))
      offset += parts.at(-1)!.length
      done = chunk.done
    }
    const bytes = Buffer.concat(parts)
    expect(bytes.length).toBe(size)
    // Read once: the file is gone afterwards.
    await expect(client.call('downloads.chunk', { downloadId, offset: 0 })).rejects.toMatchObject({ code: 'not_found' })

    host.workspace.deleteIncident(demo.id)
    const uploadId = await upload(client, name, bytes)
    const result = await client.call('imports.run', { target: { title: 'ignored for bundles' }, uploadIds: [uploadId], importId: 'bundle' })
    expect(result.incident.title).toBe(demo.title)
    expect(result.artifacts.map((artifact) => artifact.kind).sort()).toEqual(['session', 'trace'])
    expect((await client.call('incidents.list', {})).map((incident) => incident.title)).toEqual([demo.title])
  })

  it('reports a bad file by name and leaves the incident unchanged', async () => {
    const { connect } = await startTestHost()
    const client = await connect()
    const incident = await client.call('incidents.create', { title: 'bad input' })
    const good = Buffer.from(OTLP)
    const bad = Buffer.from(OTLP.slice(0, 120))
    const first = await client.call('uploads.begin', { name: 'good.json', size: good.length })
    await client.call('uploads.chunk', { uploadId: first.uploadId, offset: 0, data: good.toString('base64') })
    const second = await client.call('uploads.begin', { name: 'cut.json', size: bad.length })
    await client.call('uploads.chunk', { uploadId: second.uploadId, offset: 0, data: bad.toString('base64') })
    await expect(client.call('imports.run', { target: { incidentId: incident.id }, uploadIds: [first.uploadId, second.uploadId], importId: 'j' })).rejects.toThrow(
      /^cut\.json: .*truncated/,
    )
    expect((await client.call('incidents.open', { id: incident.id })).artifacts).toEqual([])
  })

  it('stops a running import when asked, leaving the workspace as it was, and drops files sent for an import not yet run', async () => {
    const { connect } = await startTestHost()
    const client = await connect()
    const path = join(mkdtempSync(join(tmpdir(), 'casefile-cancel-')), 'big.otlp.json')
    await writeLargeOtlp(path, 20_000)
    const bytes = readFileSync(path)
    const uploadId = await upload(client, 'big.otlp.json', bytes)
    const firstProgress = new Promise<void>((resolve) => client.on('import.progress', (event) => event.importId === 'big' && resolve()))
    const run = client.call('imports.run', { target: { title: 'Load test' }, uploadIds: [uploadId], importId: 'big' })
    run.catch(() => {})
    await firstProgress
    expect(await client.call('imports.cancel', { importId: 'big', uploadIds: [uploadId] })).toEqual({ cancelled: true })
    await expect(run).rejects.toMatchObject({ code: 'cancelled', message: 'the import was cancelled; nothing was imported' })
    // Not even the incident the import was to make.
    expect(await client.call('incidents.list', {})).toEqual([])
    // Over: asking again stops nothing.
    expect(await client.call('imports.cancel', { importId: 'big', uploadIds: [uploadId] })).toEqual({ cancelled: false })

    // Cancelled while uploading: what was sent is dropped, and the import of it is refused.
    const { uploadId: partial } = await client.call('uploads.begin', { name: 'half.json', size: 10 })
    await client.call('uploads.chunk', { uploadId: partial, offset: 0, data: Buffer.from('{"resour').toString('base64') })
    expect(await client.call('imports.cancel', { importId: 'half', uploadIds: [partial] })).toEqual({ cancelled: true })
    await expect(client.call('uploads.chunk', { uploadId: partial, offset: 8, data: Buffer.from('ce').toString('base64') })).rejects.toMatchObject({ code: 'not_found' })
  })

  it('rejects malformed calls without running them', async () => {
    const { connect } = await startTestHost()
    const client = await connect()
    await expect(client.call('incidents.create', { title: '   ' })).rejects.toMatchObject({ code: 'invalid_input' })
    // @ts-expect-error: a call the contract does not have
    await expect(client.call('incidents.drop', {})).rejects.toMatchObject({ code: 'unknown_method' })
    // @ts-expect-error: wrong input type
    await expect(client.call('incidents.open', { id: '1 OR 1=1' })).rejects.toMatchObject({ code: 'invalid_input', message: /id/ })
    const { uploadId } = await client.call('uploads.begin', { name: 'x.json', size: 10 })
    await expect(
      client.call('uploads.chunk', { uploadId, offset: 0, data: 'A'.repeat(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4 + 4) }),
    ).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(client.call('incidents.open', { id: 999 })).rejects.toMatchObject({ code: 'not_found' })
    expect(await client.call('incidents.list', {})).toEqual([])
  })

  it('refuses to send a call over the message limit, saying so, and the connection carries on', async () => {
    const { socketUrl, server } = await startTestHost()
    const client = createClient(webSocketTransport(socketUrl(server.token)))
    await expect(client.call('runbooks.save', { markdown: 'x'.repeat(MAX_MESSAGE_BYTES + 1) })).rejects.toMatchObject({ code: 'invalid_input', message: /runbooks\.save: too large to send \([\d.]+ MB; at most 2\.0 MB\)/ })
    await expect(client.call('runbooks.save', { markdown: '# Big\n\n' + 'x'.repeat(1_000_001) })).rejects.toMatchObject({ code: 'invalid_input', message: /a runbook is at most 1,000,000 characters/ })
    expect(await client.call('incidents.list', {})).toEqual([])
  })

  it('closes a socket that sends something other than a call', async () => {
    const { socketUrl, server } = await startTestHost()
    const socket = new WebSocket(socketUrl(server.token))
    await new Promise((resolve) => socket.once('open', resolve))
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)))
    socket.send('{"type":"call","id":"not a number"}')
    expect(await closed).toBe(1003)
  })

  it('drops a limited connection that stops reading its answers, and serves the others on', async () => {
    const { socketUrl, server, connect: connectClient } = await startTestHost({ seedDemo: true, limit: { perSecond: 1e6, burst: 1e6, maxUnreadBytes: 1024 * 1024 } })
    const reader = await connectClient()
    const [demo] = await reader.call('incidents.list', {})
    const session = (await reader.call('incidents.open', { id: demo.id })).artifacts.find((artifact) => artifact.summary.kind === 'session')!
    const last = (await reader.call('sessions.outline', { artifactId: session.id })).chunks.length - 1

    const stalled = new WebSocket(socketUrl(server.token))
    await new Promise((resolve) => stalled.once('open', resolve))
    // The peer's TCP socket stops being read: answers pile up in the kernel's buffers, then in the host.
    const tcp = (stalled as unknown as { _socket: Socket })._socket
    tcp.pause()
    let answers = 0
    stalled.on('message', () => answers++)
    const closed = new Promise<number>((resolve) => stalled.once('close', (code) => resolve(code)))
    const calls = 2_000
    for (let id = 1; id <= calls; id++) stalled.send(JSON.stringify({ type: 'call', id, method: 'sessions.chunks', input: { artifactId: session.id, fromSeq: 0, toSeq: last } }))
    await vi.waitFor(async () => expect(await reader.call('incidents.list', {})).toHaveLength(1))
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    tcp.resume()
    // 1006: the host ended the connection without a closing handshake.
    expect(await closed).toBe(1006)
    expect(answers).toBeLessThan(calls)
    expect((await reader.call('incidents.list', {})).map((incident) => incident.id)).toEqual([demo.id])
  })

  it('answers requests whose URL does not parse with 400, and goes on serving', async () => {
    const { server, socketUrl } = await startTestHost()
    const host = `127.0.0.1:${server.port}`
    // Sent as raw bytes: an http client would not send these.
    const statusOf = (head: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(server.port, '127.0.0.1', () => socket.write(`${head}\r\nHost: ${host}\r\n\r\n`))
        let answer = ''
        socket.setEncoding('utf8').on('data', (text: string) => (answer += text))
        socket.on('end', () => resolve(answer.split('\r\n')[0]))
        socket.on('error', reject)
        socket.setTimeout(5_000, () => reject(new Error(`no answer to ${head}`)))
      })
    expect(await statusOf('GET /%E0%A4%A HTTP/1.1\r\nConnection: close')).toBe('HTTP/1.1 400 Bad Request')
    expect(await statusOf('GET http://[ HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==')).toBe(
      'HTTP/1.1 400 Bad Request',
    )
    expect((await fetch(`http://${host}/`)).status).toBe(200)
    expect(await upgradeStatus(socketUrl(server.token))).toBe(101)
  })

  it('listening on every interface, answers under each of the machine\'s addresses and refuses any other name', async () => {
    const { server } = await startTestHost({ address: '0.0.0.0' })
    const statusUnder = (name: string) =>
      new Promise<number | undefined>((resolve, reject) => get({ host: '127.0.0.1', port: server.port, path: '/', headers: { host: `${name}:${server.port}` } }, (answer) => resolve(answer.resume().statusCode)).on('error', reject))
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?`))
    const lan = Object.values(networkInterfaces())
      .flatMap((entries) => entries ?? [])
      .filter((entry) => entry.family === 'IPv4' && !entry.internal)
      .map((entry) => entry.address)
    expect(server.otherUrls.map((url) => new URL(url).hostname)).toEqual(expect.arrayContaining(lan))
    for (const name of ['127.0.0.1', 'localhost', ...lan]) expect(await statusUnder(name)).toBe(200)
    expect(await statusUnder('casefile.attacker.example')).toBe(421)
  })

  it('serves the renderer files but nothing outside them', async () => {
    const { server, dir } = await startTestHost()
    writeFileSync(join(dir, 'secret.txt'), 'secret')
    const base = `http://127.0.0.1:${server.port}`
    const page = await fetch(`${base}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    // The same policy as the page's own meta (plus what only a header can say).
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(readFileSync(join(import.meta.dirname, '..', '..', 'renderer', 'index.html'), 'utf8'))?.[1]
    expect(page.headers.get('content-security-policy')?.replace(" frame-ancestors 'none';", '').split('; ').sort()).toEqual(meta?.split('; ').sort())
    expect((await fetch(`${base}/..%2fsecret.txt`)).status).toBe(404)
  })
})

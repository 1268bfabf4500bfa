import { afterEach, describe, expect, it, vi } from 'vitest'
import { createClient, reconnectDelayMs, SessionEndedError, webSocketTransport } from '../../shared/api/client'
import type { ConnectionStatus } from '../../shared/api/contract'
import { LiveText } from '../../shared/collab/liveText'
import { guestSocketUrl, startSharingHost, upgradeStatus } from '../test-support/host'

// The renderer's own transport (shared/api/client.ts) on Node's WebSocket, against a real host.
// "The network" is a WebSocket class whose sockets the test can cut and keep from coming back.
class Network extends WebSocket {
  static down = false
  static readonly sockets = new Set<Network>()
  constructor(url: string | URL) {
    // Nothing listens on port 9 of loopback: while down, every attempt is refused.
    super(Network.down ? 'ws://127.0.0.1:9/' : url)
    Network.sockets.add(this)
  }
  static cut() {
    Network.down = true
    for (const socket of Network.sockets) socket.close()
    Network.sockets.clear()
  }
}

afterEach(() => {
  vi.unstubAllGlobals()
  Network.down = false
})

const anchors = { timeMs: 1, traceId: null, spanId: null, node: null, edge: null }

describe("a guest's connection", () => {
  it('comes back after a drop, and the calls made meanwhile reach the host', async () => {
    const { status, hostClient, incident } = await startSharingHost()
    vi.stubGlobal('WebSocket', Network)
    const guest = createClient(webSocketTransport(guestSocketUrl(status.invitation.url)))
    const seen: ConnectionStatus[] = []
    guest.watchStatus((change) => seen.push(change))
    await guest.call('pairing.join', { name: 'Bo' })

    Network.cut()
    await vi.waitFor(() => expect(seen).toEqual(['reconnecting']))
    const offline = guest.call('findings.create', { incidentId: incident.id, finding: { title: 'Written offline', notes: '', severity: 'low', tags: [], author: 'Bo', anchors } })
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect((await hostClient.call('findings.list', { incidentId: incident.id })).map((finding) => finding.title)).not.toContain('Written offline')

    Network.down = false
    expect((await offline).title).toBe('Written offline')
    expect(seen).toEqual(['reconnecting', 'open'])
    expect((await hostClient.call('findings.list', { incidentId: incident.id })).map((finding) => finding.title)).toContain('Written offline')
  })

  it('sends the text typed while it was down once it is back, merged with what the host typed meanwhile', async () => {
    const { status, hostClient, incident } = await startSharingHost()
    const finding = await hostClient.call('findings.create', { incidentId: incident.id, finding: { title: 'Retries', notes: 'Checkout retries the charge.', severity: 'medium', tags: [], author: 'Ana', anchors } })
    const docId = `finding:${finding.id}` as const
    vi.stubGlobal('WebSocket', Network)
    const guest = createClient(webSocketTransport(guestSocketUrl(status.invitation.url)))
    await guest.call('pairing.join', { name: 'Bo' })
    const mine = new LiveText(guest, docId)
    const theirs = new LiveText(hostClient, docId)
    const start = await mine.ready
    await theirs.ready

    Network.cut()
    mine.edit(`${start}\nWritten offline by Bo.\n`)
    theirs.edit(`Host was here.\n${start}`)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(theirs.text).not.toContain('offline')

    Network.down = false
    const merged = `Host was here.\n${start}\nWritten offline by Bo.\n`
    await expect.poll(() => [mine.text, theirs.text], { timeout: 10_000 }).toEqual([merged, merged])
    expect((await hostClient.call('findings.get', { id: finding.id })).notes).toBe(merged)
    mine.close()
    theirs.close()
  })

  it('comes back with its own secret once the host removed another guest, who cannot come back', async () => {
    const { status, hostClient, incident } = await startSharingHost()
    vi.stubGlobal('WebSocket', Network)
    const stays = createClient(webSocketTransport(guestSocketUrl(status.invitation.url)))
    await stays.call('pairing.join', { name: 'Bo' })
    const removed = createClient(webSocketTransport(guestSocketUrl(status.invitation.url)))
    const given: string[] = []
    removed.on('pairing.credential', ({ secret }) => given.push(secret))
    const { memberId } = await removed.call('pairing.join', { name: 'Cy' })
    expect(given).toHaveLength(1)

    await hostClient.call('pairing.remove', { participantId: memberId })
    const { invitation } = (await hostClient.call('pairing.status', {}))!
    expect(await upgradeStatus(guestSocketUrl(status.invitation.url))).toBe(401)
    expect(await upgradeStatus(guestSocketUrl(status.invitation.url, given[0]))).toBe(401)
    expect(await upgradeStatus(guestSocketUrl(invitation.url))).toBe(101)

    const seen: ConnectionStatus[] = []
    stays.watchStatus((change) => seen.push(change))
    Network.cut()
    await vi.waitFor(() => expect(seen).toEqual(['reconnecting']))
    Network.down = false
    const finding = await stays.call('findings.create', { incidentId: incident.id, finding: { title: 'After the drop', notes: '', severity: 'low', tags: [], author: 'Bo', anchors } })
    expect(finding.title).toBe('After the drop')
    expect(seen).toEqual(['reconnecting', 'open'])
  })

  it('keeps each guest\'s preferences its own, across its reconnects', async () => {
    const { status } = await startSharingHost()
    vi.stubGlobal('WebSocket', Network)
    const bo = createClient(webSocketTransport(guestSocketUrl(status.invitation.url)))
    const cy = createClient(webSocketTransport(guestSocketUrl(status.invitation.url)))
    await bo.call('prefs.set', { authorName: 'Bo', allowRemoteAssets: true })
    expect(await cy.call('prefs.get', {})).not.toHaveProperty('allowRemoteAssets')
    await cy.call('prefs.set', { authorName: 'Cy' })
    expect((await bo.call('prefs.get', {})).authorName).toBe('Bo')

    const seen: ConnectionStatus[] = []
    bo.watchStatus((change) => seen.push(change))
    Network.cut()
    await vi.waitFor(() => expect(seen).toEqual(['reconnecting']))
    Network.down = false
    expect(await bo.call('prefs.get', {})).toMatchObject({ authorName: 'Bo', allowRemoteAssets: true })
    expect(await cy.call('prefs.get', {})).toMatchObject({ authorName: 'Cy' })
  })

  it('drives again after a drop if nobody took control meanwhile; follows if someone did', async () => {
    const { status, hostClient } = await startSharingHost()
    const host = await hostClient.call('pairing.join', { name: 'Ana' })
    vi.stubGlobal('WebSocket', Network)
    const bo = createClient(webSocketTransport(guestSocketUrl(status.invitation.url)))
    const seen: ConnectionStatus[] = []
    bo.watchStatus((change) => seen.push(change))
    const { memberId } = await bo.call('pairing.join', { name: 'Bo' })
    await hostClient.call('pairing.control', { action: 'give', to: memberId })
    const dropAndReturn = async () => {
      seen.length = 0
      Network.cut()
      await vi.waitFor(() => expect(seen).toEqual(['reconnecting']))
      // While Bo is away, the host's window drives.
      await vi.waitFor(async () => expect((await hostClient.call('pairing.control', { action: 'request', wants: false })).driverId).toBe(host.memberId))
    }

    await dropAndReturn()
    Network.down = false
    const back = await bo.call('pairing.join', { name: 'Bo' })
    expect(back.room.driverId).toBe(back.memberId)

    await dropAndReturn()
    await hostClient.call('pairing.control', { action: 'give', to: host.memberId })
    Network.down = false
    const later = await bo.call('pairing.join', { name: 'Bo' })
    expect(later.room.driverId).toBe(host.memberId)
  })

  it('stops for good when the host stops sharing, keeping what it has', async () => {
    const { status, hostClient, incident } = await startSharingHost()
    vi.stubGlobal('WebSocket', Network)
    const guest = createClient(webSocketTransport(guestSocketUrl(status.invitation.url)))
    const seen: ConnectionStatus[] = []
    guest.watchStatus((change) => seen.push(change))
    const reasons: string[] = []
    guest.on('pairing.ended', ({ reason }) => reasons.push(reason))
    await guest.call('pairing.join', { name: 'Bo' })

    await hostClient.call('pairing.stop', {})
    await vi.waitFor(() => expect(seen).toEqual(['ended']))
    expect(reasons).toEqual(['The host stopped sharing.'])
    await expect(guest.call('incidents.open', { id: incident.id })).rejects.toThrow(new SessionEndedError('The host stopped sharing.'))
  })

  it('waits longer after each failed attempt, up to 5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((attempt) => reconnectDelayMs(attempt, () => 0.5))).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000])
  })
})

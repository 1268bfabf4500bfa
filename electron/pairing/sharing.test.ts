import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { COLLAB_TEXT } from '../../shared/collab/model'
import { createClient } from '../../shared/api/client'
import { TOKEN_PARAM } from '../../shared/api/wire'
import { guestSocketUrl, nodeSocketTransport, startSharingHost, upgradeStatus } from '../test-support/host'
import { MAX_GUESTS } from './sharing'


describe('sharing an incident', () => {
  it('gives an invitation with a 128-bit secret as a URL, a casefile:// link and a short code', async () => {
    const { status, incident } = await startSharingHost()
    const secret = new URL(status.invitation.url).searchParams.get(TOKEN_PARAM)!
    expect(Buffer.from(secret, 'base64url')).toHaveLength(16)
    expect(status.invitation.link).toMatch(new RegExp(`^casefile://join\\?host=127\\.0\\.0\\.1&port=\\d+&secret=${secret}$`))
    expect(status.invitation.code).toMatch(new RegExp(`^127\\.0\\.0\\.1:\\d+#${secret}$`))
    expect(status).toMatchObject({ incidentId: incident.id, participants: [] })
  })

  it('lists who joined, lets the host remove a guest, and ends every guest session when sharing stops', async () => {
    const { status, hostClient, incident } = await startSharingHost()
    const transport = await nodeSocketTransport(guestSocketUrl(status.invitation.url))
    const guest = createClient(transport)
    expect((await guest.call('incidents.list', {})).map((i) => i.id)).toEqual([incident.id])
    await expect(guest.call('pairing.share', { incidentId: incident.id, address: '127.0.0.1' })).rejects.toMatchObject({ code: 'invalid_input' })

    const [participant] = (await hostClient.call('pairing.status', {}))!.participants
    expect(participant.address).toMatch(/127\.0\.0\.1/)
    const closed = new Promise<number>((resolve) => transport.socket.once('close', (code) => resolve(code)))
    expect(await hostClient.call('pairing.remove', { participantId: participant.id })).toEqual({ removed: true })
    expect(await closed).toBe(4001)

    // Removing a guest replaced the invitation's secret.
    const { invitation } = (await hostClient.call('pairing.status', {}))!
    expect(invitation.url).not.toBe(status.invitation.url)
    expect(await upgradeStatus(guestSocketUrl(status.invitation.url))).toBe(401)
    const again = await nodeSocketTransport(guestSocketUrl(invitation.url))
    const ended = new Promise<void>((resolve) => again.socket.once('close', () => resolve()))
    expect(await hostClient.call('pairing.stop', {})).toEqual({ stopped: true })
    await ended
    expect(await hostClient.call('pairing.status', {})).toBeNull()
    // The secret died with the session: a new share has a new one, and the old one is refused.
    const next = await hostClient.call('pairing.share', { incidentId: incident.id, address: '127.0.0.1' })
    const oldSecret = new URL(status.invitation.url).searchParams.get(TOKEN_PARAM)!
    expect(await upgradeStatus(guestSocketUrl(next.invitation.url, oldSecret))).toBe(401)
    await hostClient.call('pairing.stop', {})
  })

  it('removes a guest from every window it has open with its secret', async () => {
    const { status, hostClient } = await startSharingHost()
    // Listening from the start: the host gives the guest its own secret as the socket opens.
    const first = new WebSocket(guestSocketUrl(status.invitation.url))
    const credential = new Promise<string>((resolve) =>
      first.on('message', (data) => {
        const message = JSON.parse(String(data))
        if (message.event === 'pairing.credential') resolve(message.payload.secret)
      }),
    )
    // The same guest's second tab, on the secret it was given.
    const second = new WebSocket(guestSocketUrl(status.invitation.url, await credential))
    await expect.poll(async () => (await hostClient.call('pairing.status', {}))!.participants.length).toBe(2)
    const closed = [first, second].map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve())))
    const [one] = (await hostClient.call('pairing.status', {}))!.participants
    await hostClient.call('pairing.remove', { participantId: one.id })
    await Promise.all(closed)
    expect((await hostClient.call('pairing.status', {}))!.participants).toEqual([])
  })

  it('ends the session when the host deletes the shared incident, telling its guests why', async () => {
    const { status, hostClient, incident } = await startSharingHost()
    const transport = await nodeSocketTransport(guestSocketUrl(status.invitation.url))
    const guest = createClient(transport)
    const reasons: string[] = []
    guest.on('pairing.ended', ({ reason }) => reasons.push(reason))
    await guest.call('incidents.list', {})
    const closed = new Promise<void>((resolve) => transport.socket.once('close', () => resolve()))
    expect(await hostClient.call('incidents.delete', { id: incident.id })).toEqual({ deleted: true })
    await closed
    expect(reasons).toEqual(['The host deleted the shared incident.'])
    expect(await hostClient.call('pairing.status', {})).toBeNull()
  })

  it('sends guests the live edits of the shared incident\'s texts only', async () => {
    const { status, hostClient, incident } = await startSharingHost()
    const anchor = { timeMs: 1, traceId: null, spanId: null, node: null, edge: null }
    const note = (title: string) => ({ title, notes: 'start', severity: 'low' as const, tags: [], author: 'host', anchors: anchor })
    const sharedFinding = await hostClient.call('findings.create', { incidentId: incident.id, finding: note('shared') })
    const other = await hostClient.call('incidents.create', { title: 'Private' })
    const privateFinding = await hostClient.call('findings.create', { incidentId: other.id, finding: note('private') })

    const guest = createClient(await nodeSocketTransport(guestSocketUrl(status.invitation.url)))
    const seen: string[] = []
    guest.on('collab.update', (event) => seen.push(event.docId))
    await guest.call('collab.pull', { docId: `finding:${sharedFinding.id}` })
    await expect(guest.call('collab.pull', { docId: `finding:${privateFinding.id}` })).rejects.toMatchObject({ code: 'not_found' })

    const edit = async (docId: string) => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, Buffer.from((await hostClient.call('collab.pull', { docId })).update, 'base64'))
      const before = Y.encodeStateVector(doc)
      doc.getText(COLLAB_TEXT).insert(0, 'edited ')
      await hostClient.call('collab.push', { docId, update: Buffer.from(Y.encodeStateAsUpdate(doc, before)).toString('base64') })
    }
    await edit(`finding:${privateFinding.id}`)
    await edit(`finding:${sharedFinding.id}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(seen).toEqual([`finding:${sharedFinding.id}`])
    await hostClient.call('pairing.stop', {})
  })

  it(`turns away a guest past ${MAX_GUESTS}, saying the session is full`, async () => {
    const { hostClient, incident, guest, status } = await startSharingHost()
    for (let i = 0; i < MAX_GUESTS; i++) await guest()
    // Listening from the start: the host says so as soon as the socket opens.
    const extra = new WebSocket(guestSocketUrl(status.invitation.url))
    const heard: unknown[] = []
    extra.on('message', (data) => heard.push(JSON.parse(String(data))))
    const closed = new Promise<number>((resolve) => extra.once('close', (code) => resolve(code)))
    expect(await closed).toBe(4001)
    expect(heard).toEqual([{ type: 'event', event: 'pairing.ended', payload: { reason: `The session is full: ${MAX_GUESTS} guests are connected.` } }])
    expect((await hostClient.call('pairing.status', {}))!.participants).toHaveLength(MAX_GUESTS)
    expect((await hostClient.call('incidents.list', {})).map((i) => i.id)).toContain(incident.id)
  })

  it('only on an address of this computer', async () => {
    const { hostClient, incident } = await startSharingHost()
    await expect(hostClient.call('pairing.share', { incidentId: incident.id, address: '10.99.99.99' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: /not an address of this computer/,
    })
    expect((await hostClient.call('pairing.addresses', {}))[0]).toEqual({ name: 'This computer only', address: '127.0.0.1' })
    await hostClient.call('pairing.stop', {})
  })
})


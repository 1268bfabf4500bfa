import { describe, expect, it, vi } from 'vitest'
import { MAX_MESSAGE_BYTES } from '../../shared/api/wire'
import type { ApiClient, EventName, EventPayload } from '../../shared/api/contract'
import { NO_SELECTION, type Playback } from '../../shared/pairing/model'
import { startSharingHost } from '../test-support/host'

/** The events `event` a client receives, as they come. */
function collect<E extends EventName>(client: ApiClient, event: E) {
  const seen: Array<EventPayload<E>> = []
  client.on(event, (payload) => seen.push(payload))
  return {
    seen,
    /** Waits until one received payload passes `test`. */
    next: (test: (payload: EventPayload<E>) => boolean = () => true) =>
      new Promise<EventPayload<E>>((resolve, reject) => {
        const found = seen.find(test)
        if (found) return resolve(found)
        const timer = setTimeout(() => reject(new Error(`no ${event} event came`)), 2000)
        const stop = client.on(event, (payload) => {
          if (!test(payload)) return
          clearTimeout(timer)
          stop()
          resolve(payload)
        })
      }),
  }
}

const playback = (timeMs: number, playing = true): Playback => ({ timeMs, playing, speed: 2, selection: { ...NO_SELECTION, trace: { traceId: 'abc', artifactId: null }, spanId: 'def' } })

async function pair() {
  const session = await startSharingHost()
  const host = await session.hostClient.call('pairing.join', { name: 'Ana' })
  const guest = await session.guest()
  const guestRooms = collect(guest.client, 'pairing.room')
  const joined = await guest.client.call('pairing.join', { name: 'Bo' })
  return { ...session, another: session.guest, host, guest, joined, guestRooms }
}

describe('the live session of a shared incident', () => {
  it('shows everyone who is there, each in a color, with the host driving', async () => {
    const { host, joined, hostClient } = await pair()
    expect(joined.room.members.map((member) => [member.name, member.role])).toEqual([
      ['Ana', 'host'],
      ['Bo', 'guest'],
    ])
    expect(joined.room.driverId).toBe(host.memberId)
    expect(new Set(joined.room.members.map((member) => member.color)).size).toBe(2)
    // The guest's member id is its participant id: the host removes it by that.
    const status = await hostClient.call('pairing.status', {})
    expect(status!.participants.map((participant) => participant.id)).toEqual([joined.memberId])
  })

  it("relays the driver's playback to followers and refuses anyone else's", async () => {
    const { hostClient, guest, host } = await pair()
    const followed = collect(guest.client, 'pairing.playback')
    expect(await hostClient.call('pairing.drive', playback(1_700_000_000_500))).toEqual({ accepted: true })
    expect(await followed.next()).toMatchObject({ timeMs: 1_700_000_000_500, playing: true, speed: 2, from: host.memberId })

    const hostHears = collect(hostClient, 'pairing.playback')
    expect(await guest.client.call('pairing.drive', playback(5))).toEqual({ accepted: false })
    // A guest that has not joined cannot drive or be present either.
    const stranger = await (await startSharingHost()).guest()
    await expect(stranger.client.call('pairing.presence', { timeMs: 1, playing: false, following: true, selection: NO_SELECTION })).rejects.toMatchObject({
      message: /join the shared session first/,
    })
    expect(hostHears.seen).toEqual([])
  })

  it('hands control over when the follower asks and the driver agrees, for good when the host reloads', async () => {
    const { hostClient, guest, joined, guestRooms } = await pair()
    await guest.client.call('pairing.control', { action: 'request', wants: true })
    const asking = await guestRooms.next((room) => room.members.some((member) => member.wantsControl))
    expect(asking.members.find((member) => member.wantsControl)?.id).toBe(joined.memberId)
    await expect(guest.client.call('pairing.control', { action: 'give', to: joined.memberId })).rejects.toMatchObject({ message: /only the driver or the host/ })

    const room = await hostClient.call('pairing.control', { action: 'give', to: joined.memberId })
    expect(room.driverId).toBe(joined.memberId)
    expect(room.members.every((member) => !member.wantsControl)).toBe(true)
    expect(await guest.client.call('pairing.drive', playback(7))).toEqual({ accepted: true })

    // The host's window reloads: the guest it handed control to keeps driving, and the host lands where the guest is.
    await hostClient.call('pairing.leave', {})
    const back = await hostClient.call('pairing.join', { name: 'Ana' })
    expect(back.room.driverId).toBe(joined.memberId)
    expect(back.playback?.timeMs).toBe(7)
  })

  it("shows each participant's playhead and selection to the others, and relays pings", async () => {
    const { hostClient, guest, joined } = await pair()
    const hostRooms = collect(hostClient, 'pairing.room')
    const selection = { trace: { traceId: 'abc', artifactId: 3 }, spanId: 'def', service: 'checkout' }
    await guest.client.call('pairing.presence', { timeMs: 1234, playing: false, following: false, selection })
    const seen = await hostRooms.next((room) => room.members.some((member) => member.presence.timeMs === 1234))
    expect(seen.members.find((member) => member.id === joined.memberId)?.presence).toEqual({ timeMs: 1234, playing: false, following: false, selection })

    const pings = collect(hostClient, 'pairing.ping')
    await guest.client.call('pairing.ping', { timeMs: 99, trace: null, spanId: null })
    expect(await pings.next()).toMatchObject({ timeMs: 99, from: joined.memberId, name: 'Bo', color: joined.room.members[1].color })
  })

  it('drops a guest who leaves, tells a removed guest why, and ends the session for all when sharing stops', async () => {
    const { hostClient, guest, joined } = await pair()
    const hostRooms = collect(hostClient, 'pairing.room')
    const ended = collect(guest.client, 'pairing.ended')
    const closed = new Promise<number>((resolve) => guest.socket.once('close', resolve))
    await hostClient.call('pairing.remove', { participantId: joined.memberId })
    expect((await ended.next()).reason).toMatch(/removed you/)
    expect(await closed).toBe(4001)
    await hostRooms.next((room) => room.members.length === 1)

    const hostEnded = collect(hostClient, 'pairing.ended')
    await hostClient.call('pairing.stop', {})
    expect((await hostEnded.next()).reason).toMatch(/stopped sharing/)
  })

  it('tells guests when findings of the shared incident change', async () => {
    const { hostClient, guest, incident } = await pair()
    const changed = collect(guest.client, 'findings.changed')
    const anchors = { timeMs: 1, traceId: null, spanId: null, node: null, edge: null }
    const finding = await hostClient.call('findings.create', { incidentId: incident.id, finding: { title: 'Slow', notes: '', severity: 'low', tags: [], author: 'Ana', anchors } })
    expect(await changed.next()).toEqual({ incidentId: incident.id })
    await hostClient.call('findings.delete', { id: finding.id })
    await changed.next((event) => event.incidentId === incident.id && changed.seen.length === 2)
  })

  it('answers a flooding guest rate_limited without slowing the host or the other guests', async () => {
    const { hostClient, guest, incident, another } = await pair()
    const calm = await another()
    const flood = await Promise.allSettled(Array.from({ length: 1000 }, () => guest.client.call('pairing.leave', {})))
    const refused = flood.filter((outcome) => outcome.status === 'rejected')
    expect(refused.length).toBeGreaterThan(500)
    expect(refused[0]).toMatchObject({ reason: { code: 'rate_limited' } })
    expect((await calm.client.call('incidents.list', {})).map((i) => i.id)).toEqual([incident.id])
    expect((await hostClient.call('pairing.status', {}))!.participants).toHaveLength(2)
  })

  it('closes the connection of a guest sending a message over the size limit, and the session goes on', async () => {
    const { hostClient, guest, incident, another } = await pair()
    const calm = await another()
    const closed = new Promise<number>((resolve) => guest.socket.once('close', (code) => resolve(code)))
    guest.socket.send(JSON.stringify({ type: 'call', id: 1, method: 'pairing.ping', input: { note: 'x'.repeat(MAX_MESSAGE_BYTES) } }))
    // 1009: message too big.
    expect(await closed).toBe(1009)
    expect((await calm.client.call('incidents.list', {})).map((i) => i.id)).toEqual([incident.id])
    await vi.waitFor(async () => expect((await hostClient.call('pairing.status', {}))!.participants).toHaveLength(1))
  })
})

describe('colours in the room', () => {
  it('never give a member one another member has, however often people leave and come back', async () => {
    const { Room } = await import('./room')
    const room = new Room(1)
    const caller = () => ({ transport: 'websocket' as const, emit: () => {} })
    const ana = caller()
    room.join(ana, 'Ana', 'host')
    const bo = caller()
    room.join(bo, 'Bo', 'guest')
    for (let rejoin = 0; rejoin < 12; rejoin++) {
      const cy = caller()
      room.join(cy, 'Cy', 'guest')
      const colors = room.state().members.map((member) => member.color)
      expect(new Set(colors).size).toBe(colors.length)
      room.leave(cy)
    }
  })
})

describe('what the room tells its members', () => {
  it("never includes a guest's secret (another guest could come back with it after being removed)", async () => {
    const { Room } = await import('./room')
    const room = new Room(1)
    const heard: unknown[] = []
    const caller = () => ({ transport: 'websocket' as const, emit: (_event: string, payload: unknown) => heard.push(payload) })
    room.join(caller(), 'Ana', 'host')
    const joined = room.join(caller(), 'Bo', 'guest', undefined, 'bo-secret')
    room.join(caller(), 'Cy', 'guest', undefined, 'cy-secret')
    expect(heard.length).toBeGreaterThan(0)
    for (const payload of [joined, room.state(), ...heard]) expect(JSON.stringify(payload)).not.toMatch(/bo-secret|cy-secret/)
  })
})

describe('names in the room', () => {
  it('are told apart: a second Bo is Bo (2), a guest cannot go by Host, nobody by You', async () => {
    const { Room } = await import('./room')
    const room = new Room(1)
    const caller = () => ({ transport: 'websocket' as const, emit: () => {} })
    room.join(caller(), 'Host', 'host')
    room.join(caller(), 'Bo', 'guest')
    room.join(caller(), 'bo', 'guest')
    room.join(caller(), 'Host', 'guest')
    room.join(caller(), 'you', 'guest')
    // Nor by Host written with a Greek capital Eta, a Cyrillic o, or a zero-width space in it.
    room.join(caller(), '\u0397ost', 'guest')
    room.join(caller(), 'H\u043est', 'guest')
    room.join(caller(), 'Ho\u200bst', 'guest')
    expect(room.state().members.map((member) => member.name)).toEqual(['Host', 'Bo', 'bo (2)', 'Host (2)', 'you (2)', '\u0397ost (3)', 'H\u043est (4)', 'Host (5)'])
  })
})

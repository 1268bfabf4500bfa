import { randomBytes, randomUUID } from 'node:crypto'
import { networkInterfaces } from 'node:os'
import type Database from 'better-sqlite3'
import type { Caller, Handlers } from '../../shared/api/dispatch'
import type { Invitation, Participant, SharingStatus } from '../../shared/pairing/model'
import { type Connection, type ConnectionLimit, type RunningWebServer, startWebServer } from '../host/web-server'
import { guestCaller, guestHandlers } from './guest-scope'
import { Room } from './room'

/** Addresses a host can share on: loopback first (the default), then the LAN interfaces. */
export function shareableAddresses(): Array<{ name: string; address: string }> {
  const found = [{ name: 'This computer only', address: '127.0.0.1' }]
  for (const [name, entries] of Object.entries(networkInterfaces())) {
    for (const entry of entries ?? []) if (entry.family === 'IPv4' && !entry.internal) found.push({ name, address: entry.address })
  }
  return found
}

export interface SharingOptions {
  incidentId: number
  address: string
  port?: number
  rendererDir: string
  handlers: Handlers
  db: () => Database.Database
  /** Tells the host's own callers (and guests) about events of the session. */
  connect(caller: Caller): () => void
}

/**
 * What a guest connection may ask: calls at a steady rate and a burst above it (a flood past it is
 * answered `rate_limited` call by call, so one noisy guest never slows the session for the others;
 * a replay seek loads a handful of chunks, presence goes out a few times a second), and answers
 * left unread up to about 32 seeks' worth (a guest that stops reading is dropped).
 */
/** Guests connected at once, at most: a pair or a small group, and a bound on what they can ask together. */
export const MAX_GUESTS = 8

export const GUEST_CONNECTION_LIMIT: ConnectionLimit = { perSecond: 100, burst: 300, maxUnreadBytes: 32 * 1024 * 1024 }

/** A new secret: 128 random bits. */
const newSecret = () => randomBytes(16).toString('base64url')

/**
 * One shared incident: a WebSocket host on the chosen interface, serving guests the incident only
 * (guest-scope.ts). The invitation's secret lets guests in until sharing stops; each guest is then
 * given a secret of its own to reconnect with. Removing a guest revokes its own secret and replaces
 * the invitation's (the others reconnect with theirs), so the guest cannot come back.
 */
export class Sharing {
  private readonly participants = new Map<string, Participant & { connection: Connection; caller: Caller; secret: string }>()
  /** The secrets given to guests, still valid. */
  private readonly guestSecrets = new Set<string>()

  private constructor(
    readonly incidentId: number,
    private readonly address: string,
    private readonly server: RunningWebServer,
    /** The live session of everyone in the incident, the host's own window included. */
    readonly room: Room,
  ) {}

  static async start(options: SharingOptions): Promise<Sharing> {
    const room = new Room(options.incidentId)
    // A guest's participant id (from its connection) is also its member id in the room.
    const participantIds = new WeakMap<Caller, string>()
    let sharing: Sharing | undefined
    const server = await startWebServer({
      host: options.address,
      port: options.port ?? 0,
      rendererDir: options.rendererDir,
      token: newSecret(),
      alsoAdmits: (secret) => sharing!.guestSecrets.has(secret),
      limit: GUEST_CONNECTION_LIMIT,
      handlers: guestHandlers(options.handlers, options.db, options.incidentId, {
        room,
        memberId: (caller) => participantIds.get(caller),
        guestKey: (caller) => sharing!.participants.get(participantIds.get(caller) ?? '')?.secret,
      }),
      connect: (caller, connection) => {
        if (sharing!.participants.size >= MAX_GUESTS) {
          caller.emit('pairing.ended', { reason: `The session is full: ${MAX_GUESTS} guests are connected.` })
          connection.close()
          return () => {}
        }
        const id = randomUUID()
        participantIds.set(caller, id)
        let secret = connection.secret
        if (!sharing!.guestSecrets.has(secret)) {
          secret = newSecret()
          sharing!.guestSecrets.add(secret)
          caller.emit('pairing.credential', { secret })
        }
        sharing!.participants.set(id, { id, address: connection.remoteAddress, joinedAt: Date.now(), connection, caller, secret })
        const disconnect = options.connect(guestCaller(caller, options.db, options.incidentId))
        return () => {
          sharing!.participants.delete(id)
          room.leave(caller)
          disconnect()
        }
      },
    })
    sharing = new Sharing(options.incidentId, options.address, server, room)
    return sharing
  }

  /** The link, code and URL that let a guest in now. */
  get invitation(): Invitation {
    const { port, token: secret } = this.server
    const address = this.address.includes(':') ? `[${this.address}]` : this.address
    return {
      url: this.server.url,
      link: `casefile://join?host=${encodeURIComponent(this.address)}&port=${port}&secret=${secret}`,
      code: `${address}:${port}#${secret}`,
    }
  }

  status(): SharingStatus {
    return {
      incidentId: this.incidentId,
      invitation: this.invitation,
      participants: [...this.participants.values()].map(({ connection: _connection, caller: _caller, secret: _secret, ...participant }) => participant),
    }
  }

  /** Removes a guest: every window it has open with its secret (a second tab of its link too). */
  remove(participantId: string): boolean {
    const participant = this.participants.get(participantId)
    if (!participant) return false
    this.guestSecrets.delete(participant.secret)
    this.server.changeToken(newSecret())
    for (const window of this.participants.values()) {
      if (window.secret !== participant.secret) continue
      window.caller.emit('pairing.ended', { reason: 'The host removed you from the session.' })
      window.connection.close()
    }
    return true
  }

  /**
   * Ends the session: every member, and every guest not in the room yet, is told `reason`; every
   * guest is disconnected, and the secret stops working.
   */
  stop(reason = 'The host stopped sharing.'): Promise<void> {
    for (const { caller } of this.participants.values()) if (!this.room.seated(caller)) caller.emit('pairing.ended', { reason })
    this.room.end(reason)
    return this.server.close()
  }
}

import { randomUUID } from 'node:crypto'
import { ApiError, type EventName, type EventPayload } from '../../shared/api/contract'
import type { Caller } from '../../shared/api/dispatch'
import {
  type ControlAction,
  type Member,
  NO_SELECTION,
  type Playback,
  type PingInput,
  type Presence,
  type Room as RoomState,
} from '../../shared/pairing/model'

/** Colors participants are drawn in, in joining order; distinct on light and dark backgrounds. */
const COLORS = ['#e8590c', '#1c7ed6', '#2f9e44', '#ae3ec9', '#f08c00', '#0c8599', '#d6336c', '#5c7cfa']

const IDLE: Presence = { timeMs: null, playing: false, following: true, selection: NO_SELECTION }

/** How long a driver who dropped has to come back and drive again, if nobody was handed control meanwhile. */
export const DRIVER_RETURN_MS = 30_000

/** A name as shown: in Unicode's compatibility form, without invisible or control characters, trimmed. */
const visibleName = (name: string) => name.normalize('NFKC').replace(/[\p{Cf}\p{Cc}]/gu, '').trim()

/** Greek and Cyrillic letters drawn as Latin ones are (Η, о, ѕ …), by the Latin letter they pass for. */
const LOOK_ALIKES: Record<string, string> = Object.fromEntries(
  ['αa', 'βb', 'εe', 'ηh', 'ιi', 'κk', 'μm', 'νv', 'οo', 'ρp', 'τt', 'υu', 'χx', 'ζz', 'аa', 'вb', 'еe', 'нh', 'кk', 'мm', 'оo', 'рp', 'сc', 'тt', 'хx', 'уy', 'ѕs', 'іi', 'јj', 'һh'].map((pair) => [...pair]),
)

/** How a name reads, to tell names apart: lowercased, its look-alike letters as the Latin ones. */
const readsAs = (name: string) => [...visibleName(name).toLowerCase()].map((letter) => LOOK_ALIKES[letter] ?? letter).join('')

interface Seat extends Member {
  caller: Caller
  /** Who is behind the connection (a guest's own secret): the same person after a reconnect. */
  person?: string
}

/**
 * The live session of one shared incident: its members (the host's window and the guests), the
 * one driver whose replay the others follow, and the relay of presence, playback and pings.
 * Every member is known by the caller (connection) it joined on.
 */
export class Room {
  private readonly seats = new Map<Caller, Seat>()
  private driverId: string | null = null
  /** The driver was handed control (rather than driving because nobody else was there). */
  private handedOver = false
  private playback: Playback | null = null
  /** A driver whose connection dropped: the person and when. */
  private droppedDriver: { person: string; at: number } | null = null

  constructor(readonly incidentId: number) {}

  join(caller: Caller, asked: string, role: Member['role'], id: string = randomUUID(), person?: string) {
    const seat = this.seats.get(caller)
    const name = this.distinctName(asked, role, caller)
    if (seat) seat.name = name
    else this.seats.set(caller, { id, name, color: this.freeColor(), role, wantsControl: false, presence: IDLE, caller, person })
    const memberId = this.seats.get(caller)!.id
    // The host drives first; a guest who arrives before the host's window drives until it comes.
    // One the host handed control to keeps it when the host's window reloads.
    if (this.driverId === null || (role === 'host' && !this.handedOver && this.member(this.driverId)?.role !== 'host')) this.driverId = memberId
    // A driver back from a dropped connection drives again, unless control was handed on meanwhile.
    const dropped = this.droppedDriver
    if (dropped && person === dropped.person && Date.now() - dropped.at <= DRIVER_RETURN_MS && !this.handedOver) {
      this.driverId = memberId
      this.handedOver = true
      this.droppedDriver = null
    }
    this.announce()
    return { memberId, room: this.state(), playback: this.playback }
  }

  presence(caller: Caller, presence: Presence): void {
    this.seat(caller).presence = presence
    this.announce()
  }

  /** The driver's playback goes to everyone else; anyone else's is refused (accepted: false). */
  drive(caller: Caller, playback: Playback): { accepted: boolean } {
    const seat = this.seat(caller)
    if (seat.id !== this.driverId) return { accepted: false }
    this.playback = playback
    this.send((other) => other !== seat, 'pairing.playback', { ...playback, from: seat.id })
    return { accepted: true }
  }

  control(caller: Caller, control: ControlAction): RoomState {
    const seat = this.seat(caller)
    if (control.action === 'request') {
      seat.wantsControl = control.wants && seat.id !== this.driverId
    } else {
      if (seat.id !== this.driverId && seat.role !== 'host') throw new ApiError('invalid_input', 'only the driver or the host can hand over control')
      const next = this.member(control.to)
      if (!next) throw new ApiError('not_found', `no participant ${control.to} in this session`)
      next.wantsControl = false
      this.driverId = next.id
      this.handedOver = next.role !== 'host'
      this.droppedDriver = null
    }
    this.announce()
    return this.state()
  }

  ping(caller: Caller, ping: PingInput): void {
    const seat = this.seat(caller)
    this.send((other) => other !== seat, 'pairing.ping', { ...ping, from: seat.id, name: seat.name, color: seat.color })
  }

  leave(caller: Caller): void {
    const seat = this.seats.get(caller)
    if (!seat) return
    this.seats.delete(caller)
    if (seat.id === this.driverId) {
      if (this.handedOver && seat.person) this.droppedDriver = { person: seat.person, at: Date.now() }
      const members = [...this.seats.values()]
      this.driverId = (members.find((member) => member.role === 'host') ?? members[0])?.id ?? null
      this.handedOver = false
    }
    this.announce()
  }

  /** The name `caller` joined under; undefined before it joined. */
  nameOf(caller: Caller): string | undefined {
    return this.seats.get(caller)?.name
  }

  /** The caller of the member with this id (to disconnect a removed guest). */
  callerOf(memberId: string): Caller | undefined {
    return this.member(memberId)?.caller
  }

  /**
   * A name no other member goes by (two Alexes become Alex and Alex (2)), and none a guest could
   * pass for the host by ("Host" is the host's, also written with look-alike letters of another
   * script or with invisible characters) or that reads as the one looking ("You").
   */
  private distinctName(asked: string, role: Member['role'], caller: Caller): string {
    const taken = new Set([...this.seats.values()].filter((seat) => seat.caller !== caller).map((seat) => readsAs(seat.name)))
    taken.add('you')
    if (role === 'guest') taken.add('host')
    const base = visibleName(asked) || (role === 'host' ? 'Host' : 'Guest')
    if (!taken.has(readsAs(base))) return base
    for (let n = 2; ; n++) if (!taken.has(readsAs(`${base} (${n})`))) return `${base} (${n})`
  }

  /** The first colour no member has (so rejoining never lands on someone else's); past them all, the least used. */
  private freeColor(): string {
    const used = new Map<string, number>()
    for (const seat of this.seats.values()) used.set(seat.color, (used.get(seat.color) ?? 0) + 1)
    return [...COLORS].sort((a, b) => (used.get(a) ?? 0) - (used.get(b) ?? 0))[0]
  }

  /** Whether `caller` has a seat (joined, not yet left). */
  seated(caller: Caller): boolean {
    return this.seats.has(caller)
  }

  /** Tells every member the session is over. */
  end(reason: string): void {
    this.send(() => true, 'pairing.ended', { reason })
    this.seats.clear()
    this.driverId = null
    this.handedOver = false
    this.droppedDriver = null
  }

  state(): RoomState {
    return {
      incidentId: this.incidentId,
      driverId: this.driverId,
      // Never a guest's person: it is the secret its page reconnects with.
      members: [...this.seats.values()].map(({ caller: _caller, person: _person, ...member }) => member),
    }
  }

  private member(id: string): Seat | undefined {
    for (const seat of this.seats.values()) if (seat.id === id) return seat
    return undefined
  }

  private seat(caller: Caller): Seat {
    const seat = this.seats.get(caller)
    if (!seat) throw new ApiError('invalid_input', 'join the shared session first (pairing.join)')
    return seat
  }

  private announce(): void {
    const state = this.state()
    this.send(() => true, 'pairing.room', state)
  }

  private send<E extends EventName>(to: (seat: Seat) => boolean, event: E, payload: EventPayload<E>): void {
    for (const seat of this.seats.values()) if (to(seat)) seat.caller.emit(event, payload)
  }
}

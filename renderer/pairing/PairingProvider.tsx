import '../styles/pairing.css'
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react'
import type { ConnectionStatus, EventPayload } from '../../shared/api/contract'
import type { Member, Playback, Room, SharingStatus } from '../../shared/pairing/model'
import { useApi } from '../api/ApiProvider'
import { errorMessage } from '../api/errors'
import { useClockStore } from '../clock/ClockContext'
import { useFindings } from '../findings/FindingsProvider'
import { useFocusStore } from '../focus/focus'
import { type PeerSelections, peerSelections } from './selection'
import { usePlaybackSync } from './usePlaybackSync'
import { usePresenceSync } from './usePresenceSync'

// Live pairing on the open incident: the host shares it, guests join, and everyone in the room sees
// the others' playheads and selections while followers copy the driver's replay.

export type Ping = EventPayload<'pairing.ping'> & { serial: number }

export interface Pairing {
  role: 'host' | 'guest'
  /** The shared incident. */
  incidentId: number
  /** The host's running share of this incident (its invitation and connections); null for guests or when not sharing. */
  sharing: SharingStatus | null
  /** The host's share of another incident, running while this one is open (sharing this one would end it). */
  sharingElsewhere: SharingStatus | null
  room: Room | null
  /** This window's member in the room; null until joined. */
  me: Member | null
  /** Whether this window copies the driver's replay (a driver is never following). */
  following: boolean
  connection: ConnectionStatus
  /**
   * A guest's host has not answered for HOST_SILENT_MS: it may have quit (started again, it shares
   * at a new address), so what the guest is writing may never reach it. Reconnecting goes on.
   */
  hostSilent: boolean
  /** Why the session is over for this window (the host stopped sharing, removed this guest). */
  ended: string | null
  error: string | null
  /** What happened to this window's part while it was away (control went to someone else). */
  notice: string | null
  dismissNotice(): void
  pings: readonly Ping[]
  share(address: string): Promise<void>
  stop(): Promise<void>
  join(name: string): Promise<void>
  remove(memberId: string): Promise<void>
  giveControl(memberId: string): Promise<void>
  askForControl(wants: boolean): Promise<void>
  setFollowing(following: boolean): void
  ping(): void
  dismissPing(serial: number): void
}

const PairingContext = createContext<Pairing | null>(null)

/** How often the host reads its connections again while sharing. */
const STATUS_POLL_MS = 2000

/** The pairing session of the open incident, or null outside an incident. */
export const usePairing = () => useContext(PairingContext)

/** Where a guest's name is remembered between sessions (this browser only). */
const NAME_KEY = 'casefile.pairing.name'
/** Pings shown at once; older ones drop off. */
const PING_LIMIT = 3
/** How long a guest's host may be out of reach before the guest is told it may be gone. */
const HOST_SILENT_MS = 20_000

export function PairingProvider({ incidentId, guest, children }: { incidentId: number; guest: boolean; children: ReactNode }) {
  const api = useApi()
  const clock = useClockStore()
  const focus = useFocusStore()
  const findings = useFindings()
  // The latest, without making the session's value change with every finding.
  const rememberAuthor = useRef(findings.rememberAuthor)
  rememberAuthor.current = findings.rememberAuthor
  const [sharing, setSharing] = useState<SharingStatus | null>(null)
  const [sharingElsewhere, setSharingElsewhere] = useState<SharingStatus | null>(null)
  const [room, setRoom] = useState<Room | null>(null)
  const [memberId, setMemberId] = useState<string | null>(null)
  const [following, setFollowingState] = useState(true)
  const [connection, setConnection] = useState<ConnectionStatus>('open')
  const [hostSilent, setHostSilent] = useState(false)
  useEffect(() => {
    if (!guest || connection !== 'reconnecting') return
    const timer = setTimeout(() => setHostSilent(true), HOST_SILENT_MS)
    return () => clearTimeout(timer)
  }, [guest, connection])
  const [ended, setEnded] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  // Whether this window drove when its connection dropped, to say so if it comes back following.
  const driving = useRef(false)
  const droveWhenDropped = useRef(false)
  const [pings, setPings] = useState<Ping[]>([])
  // Stable: a toast's own timer depends on it.
  const dismissPing = useCallback((serial: number) => setPings((shown) => shown.filter((ping) => ping.serial !== serial)), [])
  const nameRef = useRef<string | null>(guest ? localStorage.getItem(NAME_KEY) : null)
  const joinedPlayback = useRef<Playback | null>(null)
  const [takeUp, setTakeUp] = useState<Playback | null>(null)

  // The host's window leaves the room when it goes to another incident, so the guests are not
  // left following a window that looks elsewhere (it joins again on coming back).
  const inRoom = useRef<'no' | 'yes' | 'gone'>('no')
  useEffect(() => {
    inRoom.current = 'no'
    return () => {
      if (!guest && inRoom.current === 'yes') void api.call('pairing.leave', {}).catch(() => {})
      inRoom.current = 'gone'
    }
  }, [api, guest])

  const enter = useCallback(
    async (name: string) => {
      const joined = await api.call('pairing.join', { name })
      // Joined after this incident was left: leave again at once.
      if (inRoom.current === 'gone' && !guest) return void api.call('pairing.leave', {}).catch(() => {})
      inRoom.current = 'yes'
      nameRef.current = name
      joinedPlayback.current = joined.playback
      // Driving from the start (back after a drop, the host back from another incident): from where the room is.
      setTakeUp(joined.room.driverId === joined.memberId && joined.playback ? { ...joined.playback } : null)
      setMemberId(joined.memberId)
      setRoom(joined.room)
      setEnded(null)
      if (droveWhenDropped.current && joined.room.driverId !== joined.memberId) {
        const driver = joined.room.members.find((member) => member.id === joined.room.driverId)
        setNotice(`While you were disconnected, control went to ${driver?.name ?? 'the host'}. Ask for control to drive again.`)
      }
      droveWhenDropped.current = false
    },
    [api, guest],
  )
  const attempt = useCallback(
    (action: () => Promise<unknown>) =>
      action().then(
        () => setError(null),
        (failure: unknown) => setError(errorMessage(failure)),
      ),
    [],
  )

  // The host's window joins the room of an incident it is sharing (again after a reload).
  const hostName = useCallback(async () => (await api.call('prefs.get', {})).authorName || 'Host', [api])
  useEffect(() => {
    if (guest) return
    let live = true
    api.call('pairing.status', {}).then(async (status) => {
      if (!live || !status) return
      if (status.incidentId !== incidentId) return setSharingElsewhere(status)
      setSharing(status)
      await enter(await hostName())
    }, () => {})
    return () => {
      live = false
    }
  }, [api, guest, incidentId, enter, hostName])

  // A guest with a remembered name goes straight in.
  useEffect(() => {
    if (guest && nameRef.current) void attempt(() => enter(nameRef.current!))
  }, [guest, enter, attempt])

  useEffect(() => {
    const stops = [
      api.on('pairing.room', (next) => next.incidentId === incidentId && setRoom(next)),
      api.on('pairing.ended', ({ reason }) => {
        setEnded(reason)
        // Asking for control is over too.
        setNotice(null)
        setRoom(null)
        setMemberId(null)
        setSharing(null)
      }),
      // A newer ping from someone replaces theirs: it is where they point now.
      api.on('pairing.ping', (ping) =>
        setPings((shown) => [...shown.filter((earlier) => earlier.from !== ping.from), { ...ping, serial: (shown.at(-1)?.serial ?? 0) + 1 }].slice(-PING_LIMIT)),
      ),
      api.watchStatus((status) => {
        setConnection(status)
        if (status !== 'reconnecting') setHostSilent(false)
        if (status === 'reconnecting') droveWhenDropped.current ||= driving.current
        // Back after a drop: take our place in the room again (as a new connection).
        if (status === 'open' && nameRef.current) void attempt(() => enter(nameRef.current!))
      }),
    ]
    return () => stops.forEach((stop) => stop())
  }, [api, incidentId, enter, attempt])

  // The host's list of connections (with their addresses) follows the room, and is read again
  // now and then: a connection still choosing its name is not in the room yet.
  const isSharing = sharing !== null
  useEffect(() => {
    if (guest || (!room && !isSharing)) return
    const read = () =>
      api.call('pairing.status', {}).then(
        (status) => setSharing((shown) => (JSON.stringify(shown) === JSON.stringify(status) ? shown : status?.incidentId === incidentId ? status : null)),
        () => {},
      )
    void read()
    const timer = setInterval(() => void read(), STATUS_POLL_MS)
    return () => clearInterval(timer)
  }, [api, guest, room, isSharing, incidentId])

  const me = room?.members.find((member) => member.id === memberId) ?? null
  const drives = me !== null && room?.driverId === me.id
  driving.current = drives
  useEffect(() => {
    if (drives) setNotice(null)
  }, [drives])
  // A guest is told when the host's window leaves (closed, or gone to another incident); the note goes once it is back.
  const hostHere = useRef<string | null>(null)
  const leftNotice = useRef<string | null>(null)
  useEffect(() => {
    if (!guest || !room) return
    const host = room.members.find((member) => member.role === 'host')?.name ?? null
    if (hostHere.current !== null && host === null) {
      // Gone to another incident or closed the window: the session goes on, and they can come back.
      leftNotice.current = `${hostHere.current} stepped away from this incident${drives ? ': you drive until they are back' : ''}.`
      setNotice(leftNotice.current)
    } else if (host !== null && leftNotice.current !== null) {
      const left = leftNotice.current
      setNotice((shown) => (shown === left ? null : shown))
      leftNotice.current = null
    }
    hostHere.current = host
  }, [guest, room, drives])
  // Control taken or handed on: the one who drove follows the new driver, whatever it did before driving.
  const drove = useRef(false)
  useEffect(() => {
    if (drove.current && !drives && me !== null) setFollowingState(true)
    drove.current = drives
  }, [drives, me])
  usePlaybackSync({ active: me !== null, driving: drives, following, joinedPlayback, takeUp, onExplore: () => setFollowingState(false) })
  usePresenceSync(me !== null, following && !drives)

  const value = useMemo<Pairing>(
    () => ({
      role: guest ? 'guest' : 'host',
      incidentId,
      sharing,
      sharingElsewhere,
      room,
      me,
      following: following && !drives,
      connection,
      hostSilent,
      ended,
      error,
      notice,
      dismissNotice: () => setNotice(null),
      pings,
      share: (address) =>
        attempt(async () => {
          setSharing(await api.call('pairing.share', { incidentId, address }))
          setSharingElsewhere(null)
          await enter(await hostName())
        }),
      stop: () =>
        attempt(async () => {
          await api.call('pairing.stop', {})
          setSharing(null)
          setSharingElsewhere(null)
          setRoom(null)
          setMemberId(null)
        }),
      join: (name) =>
        attempt(async () => {
          localStorage.setItem(NAME_KEY, name)
          // Findings the guest writes carry this name.
          rememberAuthor.current(name)
          await enter(name)
        }),
      remove: (id) => attempt(() => api.call('pairing.remove', { participantId: id })),
      giveControl: (to) => attempt(() => api.call('pairing.control', { action: 'give', to })),
      askForControl: (wants) => attempt(() => api.call('pairing.control', { action: 'request', wants })),
      setFollowing: setFollowingState,
      ping: () => {
        const { timeMs } = clock.get()
        const { trace, span } = focus.get()
        void attempt(() => api.call('pairing.ping', { timeMs, trace, spanId: span && 'spanId' in span ? span.spanId : null }))
      },
      dismissPing,
    }),
    [guest, sharing, sharingElsewhere, room, me, following, drives, connection, hostSilent, ended, error, notice, pings, api, incidentId, attempt, enter, hostName, clock, focus, dismissPing],
  )
  return <PairingContext.Provider value={value}>{children}</PairingContext.Provider>
}

const NO_PEERS: PeerSelections = { spans: new Map(), services: new Map() }

/**
 * What the others in the room have selected. The same object while their selections stay as
 * they are (presence also carries playheads, which change all the time).
 */
export function usePeerSelections(): PeerSelections {
  const pairing = usePairing()
  const members = pairing?.room?.members
  const meId = pairing?.me?.id
  const signature =
    members && meId ? JSON.stringify(members.filter((member) => member.id !== meId).map(({ id, name, color, presence }) => [id, name, color, presence.selection])) : ''
  // Keyed on the signature: a new room with the same selections gives the same object.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => (members && meId ? peerSelections(members, meId) : NO_PEERS), [signature])
}

import { useEffect, useState } from 'react'
import type { ConnectionStatus } from '../../shared/api/contract'
import { useApi } from '../api/ApiProvider'
import { usePairing } from './PairingProvider'

type SessionState = 'reconnecting' | 'silent' | 'ended'

const SAID: Record<Exclude<SessionState, 'ended'>, string> = {
  reconnecting: 'Lost the connection to the host. Reconnecting… What you received stays here, and what you add is sent once the connection is back.',
  silent:
    'The host has not answered for a while: it may have stopped sharing or quit (shared again, it has a new invitation). Still trying… Copy what you are writing to keep it.',
}

/** A strip while a guest's connection to the host is down, or once the session is over. */
function SessionNotice({ state, reason }: { state: SessionState; reason: string | null }) {
  return (
    <div className="connection-notice" role="status" data-testid="pairing-notice" data-state={state}>
      {state === 'ended' ? `${reason ?? 'The host ended the session.'} What you received stays on this page until you close it.` : SAID[state]}
    </div>
  )
}

const stateOf = (connection: ConnectionStatus, ended: string | null, hostSilent = false): SessionState | null =>
  ended || connection === 'ended' ? 'ended' : connection === 'reconnecting' ? (hostSilent ? 'silent' : 'reconnecting') : null

/** Under the incident header, for a guest. */
export function PairingNotice() {
  const pairing = usePairing()
  if (!pairing || pairing.role !== 'guest') return null
  const state = stateOf(pairing.connection, pairing.ended, pairing.hostSilent)
  return state && <SessionNotice state={state} reason={pairing.ended} />
}

/** Elsewhere in a guest's window (its runbooks), where no incident's pairing state is at hand. */
export function GuestSessionNotice() {
  const api = useApi()
  const [connection, setConnection] = useState<ConnectionStatus>('open')
  const [ended, setEnded] = useState<string | null>(null)
  useEffect(() => {
    const stops = [api.watchStatus(setConnection), api.on('pairing.ended', ({ reason }) => setEnded(reason))]
    return () => stops.forEach((stop) => stop())
  }, [api])
  const state = stateOf(connection, ended)
  return state && <SessionNotice state={state} reason={ended} />
}

import { usePairing } from './PairingProvider'

/** A strip under the incident header while the connection to the host is down, or once the session is over. */
export function PairingNotice() {
  const pairing = usePairing()
  if (!pairing || pairing.role !== 'guest') return null
  const { connection, ended } = pairing
  if (connection === 'open' && !ended) return null
  const state = ended || connection === 'ended' ? 'ended' : 'reconnecting'
  return (
    <div className="pairing-notice" role="status" data-testid="pairing-notice" data-state={state}>
      {state === 'ended'
        ? `${ended ?? 'The host ended the session.'} What you received stays on this page until you close it.`
        : 'Lost the connection to the host. Reconnecting… What you received stays here, and what you add is sent once the connection is back.'}
    </div>
  )
}

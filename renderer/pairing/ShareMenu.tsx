import { useEffect, useState } from 'react'
import { useApi } from '../api/ApiProvider'
import { useOpenIncident } from '../app/IncidentOpener'
import { useMenu } from '../app/useMenu'
import type { SharingStatus } from '../../shared/pairing/model'
import type { Pairing } from './PairingProvider'
import { copyText } from '../app/copyText'

/** The host's Share button: pick an interface and start sharing; then the invitation, who joined, and stop. */
export function ShareMenu({ pairing }: { pairing: Pairing }) {
  const { open, setOpen, root } = useMenu()
  const { sharing, sharingElsewhere } = pairing
  const guests = sharing?.participants.length ?? 0
  const label = sharing ? `Sharing${guests ? ` · ${guests}` : ''}` : sharingElsewhere ? 'Sharing another incident' : 'Share session'
  return (
    <div className="share-menu" ref={root}>
      <button
        type="button"
        className="header-button"
        data-testid="share-button"
        data-sharing={sharing ? '' : sharingElsewhere ? 'elsewhere' : undefined}
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
      >
        {label}
      </button>
      {open && (
        <div className="menu share-panel" role="dialog" aria-label="Share this incident" data-testid="share-panel">
          {sharing ? (
            <Invitation pairing={pairing} />
          ) : (
            <>
              {sharingElsewhere && <SharingElsewhere pairing={pairing} elsewhere={sharingElsewhere} />}
              <StartSharing pairing={pairing} />
            </>
          )}
        </div>
      )}
    </div>
  )
}

/** A share of another incident is running: go back to it, stop it, or share this one instead. */
function SharingElsewhere({ pairing, elsewhere }: { pairing: Pairing; elsewhere: SharingStatus }) {
  const openIncident = useOpenIncident()
  const guests = elsewhere.participants.length
  return (
    <div className="share-elsewhere" data-testid="share-elsewhere">
      <p className="menu-note">
        Another incident is being shared{guests ? ` with ${guests === 1 ? '1 guest' : `${guests} guests`}` : ''}. They follow this window only while it shows that incident.
      </p>
      <div className="button-row">
        <button type="button" className="button" data-testid="share-elsewhere-open" onClick={() => openIncident(elsewhere.incidentId)}>
          Go to it
        </button>
        <button type="button" className="button button-danger" data-testid="share-elsewhere-stop" onClick={() => void pairing.stop()}>
          Stop sharing it
        </button>
      </div>
    </div>
  )
}

function StartSharing({ pairing }: { pairing: Pairing }) {
  const api = useApi()
  const [addresses, setAddresses] = useState<Array<{ name: string; address: string }> | null>(null)
  const [address, setAddress] = useState('127.0.0.1')
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    api.call('pairing.addresses', {}).then(setAddresses, () => setAddresses([]))
  }, [api])
  return (
    <form
      className="share-start"
      onSubmit={(event) => {
        event.preventDefault()
        setBusy(true)
        void pairing.share(address).finally(() => setBusy(false))
      }}
    >
      <div className="menu-label">Partners reach this incident on</div>
      {(addresses ?? []).map((candidate) => (
        <label key={candidate.address} className="share-address">
          <input type="radio" name="share-address" value={candidate.address} checked={address === candidate.address} data-testid="share-address" onChange={() => setAddress(candidate.address)} />
          <span className="share-address-name">{candidate.name}</span>
          <code>{candidate.address}</code>
        </label>
      ))}
      <p className="menu-note">Only this incident and the runbooks its findings cite are shared. The invitation stops working when you stop sharing, and is replaced when you remove someone.</p>
      <button type="submit" className="button button-primary" data-testid="share-start" disabled={busy || addresses === null}>
        {busy ? 'Starting…' : pairing.sharingElsewhere ? 'Share this one instead' : 'Start sharing'}
      </button>
    </form>
  )
}

function Invitation({ pairing }: { pairing: Pairing }) {
  const { sharing, room } = pairing
  if (!sharing) return null
  const { invitation } = sharing
  const nameOf = (id: string) => room?.members.find((member) => member.id === id)?.name ?? 'Joining…'
  return (
    <div className="share-invitation" data-testid="share-invitation">
      <div className="menu-label">Invitation</div>
      <CopyField label="Link" value={invitation.link} testId="invitation-link" />
      <CopyField label="Code" value={invitation.code} testId="invitation-code" />
      <CopyField label="In a browser" value={invitation.url} testId="invitation-url" />
      <div className="menu-label">Guests</div>
      {sharing.participants.length === 0 && <div className="menu-empty">No one has joined yet.</div>}
      <ul className="share-participants">
        {sharing.participants.map((participant) => (
          <li key={participant.id} className="share-participant" data-testid="share-participant">
            <span className="share-participant-name">{nameOf(participant.id)}</span>
            <code className="share-participant-address">{participant.address.replace(/^::ffff:/, '')}</code>
            <button type="button" className="button" data-testid="remove-participant" onClick={() => void pairing.remove(participant.id)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="button button-danger" data-testid="stop-sharing" onClick={() => void pairing.stop()}>
        Stop sharing
      </button>
    </div>
  )
}

function CopyField({ label, value, testId }: { label: string; value: string; testId: string }) {
  const [copied, setCopied] = useState(false)
  return (
    <div className="copy-field">
      <span className="copy-field-label">{label}</span>
      <input className="input copy-field-value" readOnly value={value} data-testid={testId} onFocus={(event) => event.currentTarget.select()} />
      <button
        type="button"
        className="button"
        onClick={() =>
          void copyText(value).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  )
}

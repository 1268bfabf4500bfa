import { useState } from 'react'
import type { Member } from '../../shared/pairing/model'
import { useMenu } from '../app/useMenu'
import { formatClockMs } from '../format/time'
import { type Pairing, usePairing } from './PairingProvider'
import { KeepCopyButton } from './KeepCopyButton'
import { ShareMenu } from './ShareMenu'

/** The incident header's pairing controls: share (host) or join (guest), then who is here and who drives. */
export function PairingBar() {
  const pairing = usePairing()
  if (!pairing) return null
  const { role, room, me } = pairing
  // Cut off from the host, a guest's room is as last heard, and what it would ask waits.
  const offline = role === 'guest' && pairing.connection !== 'open'
  return (
    <div className="pairing-bar" data-testid="pairing-bar" data-role={role} data-joined={me ? '' : undefined}>
      {role === 'guest' && !me && !pairing.ended && <JoinForm pairing={pairing} />}
      {room && me && <Members pairing={pairing} stale={offline} />}
      {room && me && !offline && <DriveControls pairing={pairing} />}
      {role === 'host' && <ShareMenu pairing={pairing} />}
      {role === 'guest' && me && <KeepCopyButton incidentId={pairing.incidentId} />}
      {pairing.notice && (
        <span className="pairing-note" role="status" data-testid="pairing-note">
          {pairing.notice}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={pairing.dismissNotice}>
            ×
          </button>
        </span>
      )}
      {pairing.error && (
        <span className="pairing-error" role="alert" data-testid="pairing-error">
          {pairing.error}
        </span>
      )}
    </div>
  )
}

function JoinForm({ pairing }: { pairing: Pairing }) {
  const [name, setName] = useState('')
  return (
    <form
      className="pairing-join"
      onSubmit={(event) => {
        event.preventDefault()
        if (name.trim()) void pairing.join(name.trim())
      }}
    >
      <label className="pairing-join-label" htmlFor="pairing-name">
        Join this shared session as
      </label>
      <input id="pairing-name" className="input" data-testid="join-name" placeholder="Your name" maxLength={40} value={name} autoFocus onChange={(event) => setName(event.target.value)} />
      <button type="submit" className="button button-primary" data-testid="join-submit" disabled={!name.trim()}>
        Join
      </button>
    </form>
  )
}

const describeSelection = (member: Member) => {
  const { selection } = member.presence
  const parts = []
  if (member.presence.timeMs !== null) parts.push(`at ${formatClockMs(member.presence.timeMs)}`)
  if (selection.spanId) parts.push(`span ${selection.spanId}`)
  else if (selection.trace) parts.push(`trace ${selection.trace.traceId.slice(0, 8)}`)
  if (selection.service) parts.push(`service ${selection.service}`)
  return parts.join(' · ')
}

function Members({ pairing, stale }: { pairing: Pairing; stale: boolean }) {
  const { room, me } = pairing
  if (!room || !me) return null
  return (
    <ul
      className="pairing-members"
      aria-label={stale ? 'In this session, as last heard from the host' : 'In this session'}
      data-testid="pairing-members"
      data-stale={stale || undefined}
    >
      {room.members.map((member) => {
        const driver = member.id === room.driverId
        const where = describeSelection(member)
        return (
          <li
            key={member.id}
            className="pairing-member"
            data-testid="pairing-member"
            data-name={member.name}
            data-driver={driver || undefined}
            data-me={member.id === me.id || undefined}
            data-following={member.presence.following || undefined}
            style={{ '--member-color': member.color } as React.CSSProperties}
            title={`${member.name}${member.id === me.id ? ' (you)' : ''}${member.role === 'host' ? ', host' : ''}${driver ? ', driving' : member.presence.following ? ', following' : ', exploring'}${where ? ` — ${where}` : ''}`}
          >
            <span className="pairing-avatar" aria-hidden="true">
              {member.name.slice(0, 1).toUpperCase()}
            </span>
            <span className="pairing-member-name">{member.id === me.id ? 'You' : member.name}</span>
            {driver && <span className="pairing-badge">{member.id === me.id ? 'drive' : 'drives'}</span>}
            {member.wantsControl && <span className="pairing-badge pairing-badge-ask">{member.id === me.id ? 'ask for control' : 'asks for control'}</span>}
          </li>
        )
      })}
    </ul>
  )
}

function DriveControls({ pairing }: { pairing: Pairing }) {
  const { room, me } = pairing
  if (!room || !me) return null
  const driving = room.driverId === me.id
  const driver = room.members.find((member) => member.id === room.driverId)
  const asking = room.members.filter((member) => member.wantsControl)
  return (
    <div className="pairing-controls">
      {driving ? (
        <>
          {asking.map((member) => (
            <button key={member.id} type="button" className="header-button" data-testid="give-control" onClick={() => void pairing.giveControl(member.id)}>
              Give control to {member.name}
            </button>
          ))}
          {asking.length === 0 && room.members.length > 1 && <HandOver pairing={pairing} />}
        </>
      ) : (
        <>
          <button
            type="button"
            className="header-button"
            data-testid="follow-toggle"
            data-following={pairing.following || undefined}
            title={pairing.following ? `Your replay copies ${driver?.name ?? 'the driver'}'s; explore on your own` : `Go back to where ${driver?.name ?? 'the driver'} is and follow again`}
            onClick={() => pairing.setFollowing(!pairing.following)}
          >
            {pairing.following ? `Following ${driver?.name ?? ''}`.trim() : 'Catch up'}
          </button>
          {me.role === 'host' ? (
            <button type="button" className="header-button" data-testid="take-control" onClick={() => void pairing.giveControl(me.id)}>
              Take control
            </button>
          ) : (
            <button type="button" className="header-button" data-testid="ask-control" data-asking={me.wantsControl || undefined} onClick={() => void pairing.askForControl(!me.wantsControl)}>
              {me.wantsControl ? 'Cancel request' : 'Ask for control'}
            </button>
          )}
        </>
      )}
      <button type="button" className="header-button" data-testid="ping-button" title="Point the others at this moment and span" onClick={pairing.ping}>
        Ping here
      </button>
    </div>
  )
}

function HandOver({ pairing }: { pairing: Pairing }) {
  const { open, setOpen, root } = useMenu()
  const others = pairing.room?.members.filter((member) => member.id !== pairing.me?.id) ?? []
  return (
    <div className="pairing-handover" ref={root}>
      <button type="button" className="header-button" aria-haspopup="menu" aria-expanded={open} data-testid="hand-over" onClick={() => setOpen((value) => !value)}>
        Hand over
      </button>
      {open && (
        <div className="menu" role="menu" aria-label="Give control to">
          {others.map((member) => (
            <button
              key={member.id}
              type="button"
              role="menuitem"
              className="menu-item"
              data-testid="hand-over-to"
              onClick={() => {
                setOpen(false)
                void pairing.giveControl(member.id)
              }}
            >
              <span className="menu-item-name">{member.name}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  )
}

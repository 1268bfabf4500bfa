import { formatClockMs } from '../format/time'
import { usePairing } from './PairingProvider'

interface PeerPlayheadsProps {
  /** The recording's span, in its own times. */
  startMs: number
  endMs: number
  /** Added to recording times to put them on the incident's clock (playheads are on it). */
  clockOffsetMs: number
}

/** Labels closer than this (in % of the scrubber) would cover each other: the later one goes a row up. */
const LABEL_SPAN = 14

/** Each playhead with the row its name is drawn in, so names near each other stay readable. */
function stacked<T extends { at: number }>(peers: readonly T[]): Array<T & { row: number }> {
  const rowEnds: number[] = []
  return [...peers]
    .sort((a, b) => a.at - b.at)
    .map((peer) => {
      let row = rowEnds.findIndex((end) => end <= peer.at)
      if (row === -1) row = rowEnds.length
      rowEnds[row] = peer.at + LABEL_SPAN
      return { ...peer, row }
    })
}

/** The other participants' playheads on the replay's scrubber, each in their color. */
export function PeerPlayheads({ startMs, endMs, clockOffsetMs }: PeerPlayheadsProps) {
  const pairing = usePairing()
  const me = pairing?.me
  if (!pairing?.room || !me || endMs <= startMs) return null
  const peers = pairing.room.members.flatMap((member) => {
    if (member.id === me.id || member.presence.timeMs === null) return []
    const at = ((member.presence.timeMs - clockOffsetMs - startMs) / (endMs - startMs)) * 100
    return at >= 0 && at <= 100 ? [{ member, at }] : []
  })
  return (
    <div className="peer-playheads" aria-hidden="true">
      {stacked(peers).map(({ member, at, row }) => (
        <div
          key={member.id}
          className="peer-playhead"
          data-testid="peer-playhead"
          data-name={member.name}
          data-time-ms={member.presence.timeMs!}
          title={`${member.name} at ${formatClockMs(member.presence.timeMs!)}`}
          style={{ left: `${at}%`, '--member-color': member.color, '--at': at, '--row': row } as React.CSSProperties}
        >
          <span className="peer-playhead-name">{member.name}</span>
        </div>
      ))}
    </div>
  )
}

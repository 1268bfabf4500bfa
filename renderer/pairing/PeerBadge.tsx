import type { CSSProperties } from 'react'
import { initialOf, type PeerMark } from './selection'

/** A partner's initial in their color, where their selection is (a span's row, a picked service). */
export function PeerBadge({ peer, what, className, testId }: { peer: PeerMark; what: string; className: string; testId: string }) {
  return (
    <span className={className} title={`${what} by ${peer.names}`} data-testid={testId} style={{ '--member-color': peer.color } as CSSProperties}>
      {initialOf(peer)}
    </span>
  )
}

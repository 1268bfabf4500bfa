import { useEffect, useState } from 'react'
import { formatClockMs } from '../format/time'
import { useNavigation } from '../focus/NavigationProvider'
import { type Ping, usePairing } from './PairingProvider'

/** How long a ping stays unless the pointer or focus is on it. */
const PING_SHOWN_MS = 20_000

/** "Look here" from the others: who, which moment and span, and a button to go there. */
export function PingToasts() {
  const pairing = usePairing()
  if (!pairing || pairing.pings.length === 0) return null
  return (
    <div className="ping-toasts" role="status" aria-live="polite">
      {pairing.pings.map((ping) => (
        <PingToast key={ping.serial} ping={ping} />
      ))}
    </div>
  )
}

function PingToast({ ping }: { ping: Ping }) {
  const pairing = usePairing()!
  const navigation = useNavigation()
  // Held while the pointer or focus is on it: it does not go away under the hand about to use it.
  const [held, setHeld] = useState(false)
  const dismiss = pairing.dismissPing
  useEffect(() => {
    if (held) return
    const timer = setTimeout(() => dismiss(ping.serial), PING_SHOWN_MS)
    return () => clearTimeout(timer)
  }, [held, dismiss, ping.serial])

  const what = [ping.timeMs !== null ? formatClockMs(ping.timeMs) : null, ping.spanId ? `span ${ping.spanId}` : null].filter(Boolean).join(' · ')
  return (
    <div
      className="ping-toast"
      data-testid="ping-toast"
      style={{ '--member-color': ping.color } as React.CSSProperties}
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={(event) => setHeld(event.currentTarget.contains(event.relatedTarget))}
    >
      <span className="pairing-avatar" aria-hidden="true">
        {ping.name.slice(0, 1).toUpperCase()}
      </span>
      <span className="ping-toast-text">
        <strong>{ping.name}</strong> points here{what ? `: ${what}` : ''}
      </span>
      <button
        type="button"
        className="button button-primary"
        data-testid="ping-go"
        onClick={() => {
          // Looking where a partner points means leaving the driver's view for now.
          pairing.setFollowing(false)
          navigation.go({ timeMs: ping.timeMs, ...(ping.trace ? { trace: ping.trace, span: ping.spanId ? { spanId: ping.spanId } : { land: 'root' } } : {}) })
          dismiss(ping.serial)
        }}
      >
        Go
      </button>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(ping.serial)}>
        ×
      </button>
    </div>
  )
}

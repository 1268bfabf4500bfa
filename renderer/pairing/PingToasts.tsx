import { formatClockMs } from '../format/time'
import { useNavigation } from '../focus/NavigationProvider'
import { usePairing } from './PairingProvider'

/** "Look here" from the others: who, which moment and span, and a button to go there. */
export function PingToasts() {
  const pairing = usePairing()
  const navigation = useNavigation()
  if (!pairing || pairing.pings.length === 0) return null
  return (
    <div className="ping-toasts" role="status" aria-live="polite">
      {pairing.pings.map((ping) => {
        const what = [ping.timeMs !== null ? formatClockMs(ping.timeMs) : null, ping.spanId ? `span ${ping.spanId}` : null].filter(Boolean).join(' · ')
        return (
          <div key={ping.serial} className="ping-toast" data-testid="ping-toast" style={{ '--member-color': ping.color } as React.CSSProperties}>
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
                pairing.dismissPing(ping.serial)
              }}
            >
              Go
            </button>
            <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => pairing.dismissPing(ping.serial)}>
              ×
            </button>
          </div>
        )
      })}
    </div>
  )
}

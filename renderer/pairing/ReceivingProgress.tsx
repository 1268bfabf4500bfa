import { useEffect, useState } from 'react'
import { type IncidentPart, useLoadingProgress } from '../incidents/loading'
import { usePairing } from './PairingProvider'

const PART_NAMES: Record<IncidentPart, string> = {
  recording: 'the recording',
  traces: 'the traces',
  diagram: 'the service diagram',
  findings: 'the findings',
}

/** A guest's strip under the incident header while the shared incident comes from the host: what is in, what is still coming. */
export function ReceivingProgress() {
  const pairing = usePairing()
  const { parts, done } = useLoadingProgress()
  const complete = parts.length > 0 && done === parts.length
  // Once everything is in, the strip has done its job: later loads (another trace) show in their panes.
  const [received, setReceived] = useState(false)
  useEffect(() => {
    if (complete) setReceived(true)
  }, [complete])
  if (pairing?.role !== 'guest' || received || complete) return null
  const host = pairing.room?.members.find((member) => member.role === 'host')?.name
  const coming = parts.filter((part) => !part.done).map((part) => PART_NAMES[part.part])
  return (
    <div className="pairing-receiving" role="status" data-testid="receiving-progress" data-done={done} data-total={parts.length}>
      <span className="pairing-receiving-text">
        Receiving the incident{host ? ` from ${host}` : ''}
        {coming.length > 0 && <>: {coming.join(', ')}…</>}
      </span>
      <span className="pairing-receiving-count">
        {done} of {parts.length}
      </span>
      <progress className="pairing-progress pairing-receiving-bar" max={Math.max(1, parts.length)} value={done} aria-label="Receiving the incident" />
    </div>
  )
}

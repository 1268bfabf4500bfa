import { useMemo, useState } from 'react'
import { byName } from '../format/names'
import { ServiceName } from './ServiceName'

/** Beyond this many, a file's services are folded behind "+N more": the trace list stays in sight. */
export const FOLDED_SERVICES = 12

/** A trace file's services in name order, folded when there are many. */
export function TraceFileServices({ services }: { services: readonly string[] }) {
  const sorted = useMemo(() => [...services].sort(byName), [services])
  const [unfolded, setUnfolded] = useState(false)
  const shown = unfolded || sorted.length <= FOLDED_SERVICES ? sorted : sorted.slice(0, FOLDED_SERVICES)
  return (
    <ul className="trace-file-services" aria-label="Services">
      {shown.map((name) => (
        <li key={name} data-service={name}>
          <ServiceName name={name} />
        </li>
      ))}
      {sorted.length > FOLDED_SERVICES && (
        <li>
          <button type="button" className="link-button" data-testid="trace-services-more" aria-expanded={unfolded} onClick={() => setUnfolded(!unfolded)}>
            {unfolded ? 'fewer' : `+${sorted.length - FOLDED_SERVICES} more`}
          </button>
        </li>
      )}
    </ul>
  )
}

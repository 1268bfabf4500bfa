import { useState } from 'react'
import { plural } from '../format/numbers'

const COLLAPSED_COUNT = 4

/** Trace ids the session's requests carried: the link between the replay and the traces. */
export function LinkedTraceIds({ traceIds }: { traceIds: readonly string[] }) {
  const [expanded, setExpanded] = useState(false)
  if (traceIds.length === 0) {
    return <p className="linked-traces linked-traces-none">No trace ids recorded in this session</p>
  }
  const shown = expanded ? traceIds : traceIds.slice(0, COLLAPSED_COUNT)
  const hidden = traceIds.length - shown.length
  return (
    <div className="linked-traces">
      <span className="linked-traces-label" data-testid="session-trace-ids">
        {plural(traceIds.length, 'linked trace')}
      </span>
      <ul className="trace-id-list">
        {shown.map((id) => (
          <li key={id} className="trace-id" title={id}>
            {id.slice(0, 12)}
          </li>
        ))}
        {hidden > 0 && (
          <li>
            <button type="button" className="link-button" onClick={() => setExpanded(true)}>
              +{hidden} more
            </button>
          </li>
        )}
      </ul>
    </div>
  )
}

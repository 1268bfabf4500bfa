import type { GraphEdge } from '../../../shared/graph/service-graph'
import { errorMessage } from '../../api/errors'
import { useQuery } from '../../api/useQuery'
import { useFocus, useFocusStore } from '../../focus/focus'
import { plural } from '../../format/numbers'
import { ServiceName } from '../../traces/ServiceName'
import { formatNs } from '../../traces/logic/clock'

interface EdgeSpanListProps {
  incidentId: number
  call: GraphEdge
  onClose: () => void
}

const LIMIT = 200

/** The spans behind a picked edge; choosing one opens its trace in the trace pane. */
export function EdgeSpanList({ incidentId, call, onClose }: EdgeSpanListProps) {
  const focus = useFocusStore()
  const openTrace = useFocus((state) => state.trace)
  const query = useQuery((api) => api.call('graph.edgeSpans', { incidentId, from: call.from, to: call.to, limit: LIMIT }), [incidentId, call.from, call.to])
  const result = query.data
  return (
    <section className="dg-spans" aria-label={`Spans from ${call.from} to ${call.to}`} data-testid="edge-spans">
      <header className="dg-spans-header">
        <span className="dg-spans-title">
          <ServiceName name={call.from} /> <span aria-hidden="true">→</span> <ServiceName name={call.to} />
        </span>
        <span className="dg-spans-count" data-testid="edge-spans-count">
          {result && (result.total > result.spans.length ? `${result.spans.length} of ${plural(result.total, 'span')}` : plural(result.total, 'span'))}
        </span>
        <button type="button" className="icon-button" aria-label="Close the span list" data-testid="edge-spans-close" onClick={onClose}>
          ×
        </button>
      </header>
      {query.error ? (
        <p className="dg-message dg-message-error">Could not list the spans: {errorMessage(query.error)}</p>
      ) : !result ? (
        <p className="dg-message">Listing spans…</p>
      ) : (
        <ul className="dg-spans-list">
          {result.spans.map((span) => (
            <li key={span.rowId}>
              <button
                type="button"
                className="dg-span"
                data-testid="edge-span"
                data-error={span.error || undefined}
                data-open={openTrace?.traceId === span.traceId || undefined}
                title={span.error && span.statusMessage ? span.statusMessage : `Open trace ${span.traceId}`}
                onClick={() => focus.set({ trace: { artifactId: span.artifactId, traceId: span.traceId } })}
              >
                <span className="dg-span-error" aria-label={span.error ? 'error' : undefined}>
                  {span.error ? '!' : ''}
                </span>
                <span className="dg-span-names">
                  <span className="dg-span-name">{span.name}</span>
                  <span className="dg-span-caller">from {span.callerName}</span>
                </span>
                <span className="dg-span-duration">{formatNs(span.durationMs * 1e6)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

import { plural } from '../format/numbers'
import type { TraceArtifact } from '../panes/artifacts'
import { EmptyState } from '../panes/EmptyState'
import { Pane } from '../panes/Pane'
import { TraceCard } from './TraceCard'

export function TracesPane({ traces }: { traces: readonly TraceArtifact[] }) {
  const spans = traces.reduce((total, trace) => total + trace.summary.spans, 0)
  return (
    <Pane
      title="Traces"
      testId="pane-traces"
      summary={
        traces.length > 0 && (
          <>
            {plural(traces.length, 'file')} · <span data-testid="traces-total-spans">{plural(spans, 'span')}</span>
          </>
        )
      }
    >
      {traces.length === 0 ? (
        <EmptyState title="No traces" testId="traces-empty">
          Drop OTLP, Jaeger or Zipkin JSON exports anywhere on the window, or import them.
        </EmptyState>
      ) : (
        <div className="card-list">
          {traces.map((trace) => (
            <TraceCard key={trace.id} trace={trace} />
          ))}
        </div>
      )}
    </Pane>
  )
}

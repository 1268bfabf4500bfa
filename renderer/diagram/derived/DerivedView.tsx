import { errorMessage } from '../../api/errors'
import { DerivedGraph } from './DerivedGraph'
import type { DerivedGraphQueries } from './useDerivedGraph'

/** The derived graph once loaded, or why it is not there. */
export function DerivedView({ incidentId, queries }: { incidentId: number; queries: DerivedGraphQueries }) {
  const { graph, trace } = queries
  if (graph.error) return <p className="dg-message dg-message-error">Could not derive the service graph: {errorMessage(graph.error)}</p>
  if (!graph.data) return <p className="dg-message">Deriving the service graph…</p>
  if (graph.data.nodes.length === 0) return <p className="dg-message">These traces have no services to draw.</p>
  return <DerivedGraph incidentId={incidentId} graph={graph.data} traceGraph={trace.data ?? null} traceError={trace.error || undefined} active={queries.active} />
}

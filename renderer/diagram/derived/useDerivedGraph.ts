import type { ServiceGraph } from '../../../shared/graph/service-graph'
import { type Query, useQuery } from '../../api/useQuery'
import { useFocus } from '../../focus/focus'

export interface DerivedGraphQueries {
  graph: Query<ServiceGraph>
  /** The graph of the trace open in the trace pane (null while none is open). */
  trace: Query<ServiceGraph | null>
}

/**
 * The incident's derived graph and the open trace's. `artifactsKey` changes when trace files are
 * added or removed, and the graph is derived again.
 */
export function useDerivedGraph(incidentId: number | null, artifactsKey: string): DerivedGraphQueries {
  const traceId = useFocus((state) => state.trace?.traceId ?? null)
  const graph = useQuery((api) => (incidentId === null ? Promise.resolve({ nodes: [], edges: [] }) : api.call('graph.derived', { incidentId })), [incidentId, artifactsKey])
  const trace = useQuery(
    (api) => (incidentId === null || traceId === null ? Promise.resolve(null) : api.call('graph.derived', { incidentId, traceId })),
    [incidentId, traceId, artifactsKey],
  )
  return { graph, trace }
}

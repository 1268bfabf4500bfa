import type { ServiceGraph } from '../../../shared/graph/service-graph'
import { type Query, useQuery } from '../../api/useQuery'
import { useFocus } from '../../focus/focus'
import { useReportLoading } from '../../incidents/loading'
import { useServicesAtClock } from './useServicesAtClock'

export interface DerivedGraphQueries {
  graph: Query<ServiceGraph>
  /** The graph of the trace open in the trace pane (null while none is open). */
  trace: Query<ServiceGraph | null>
  /** The services at work at the replay's moment. */
  active: ReadonlySet<string>
}

/**
 * The incident's derived graph and the open trace's, and the services at work at the replay's
 * moment. `artifactsKey` changes when trace files are added or removed (the graph is derived
 * again), `clockKey` when their clock offsets change too.
 */
export function useDerivedGraph(incidentId: number | null, artifactsKey: string, clockKey: string): DerivedGraphQueries {
  const traceId = useFocus((state) => state.trace?.traceId ?? null)
  const graph = useQuery((api) => (incidentId === null ? Promise.resolve({ nodes: [], edges: [] }) : api.call('graph.derived', { incidentId })), [incidentId, artifactsKey])
  const trace = useQuery(
    (api) => (incidentId === null || traceId === null ? Promise.resolve(null) : api.call('graph.derived', { incidentId, traceId })),
    [incidentId, traceId, artifactsKey],
  )
  const active = useServicesAtClock(incidentId, clockKey)
  useReportLoading('diagram', !graph.loading)
  return { graph, trace, active }
}

import type { ServiceGraph } from '../../../shared/graph/service-graph'

/** Past this many services the whole graph cannot be read in a pane: it opens on the part that matters. */
export const FOCUS_ABOVE_SERVICES = 30

export type FocusReason = 'trace' | 'failing' | 'busiest'

export interface FocusedGraph {
  graph: ServiceGraph
  /** Why these services, when only some are shown; null when the graph is whole. */
  reason: FocusReason | null
}

/** The services of `ids` and the calls between them. */
function subgraph(graph: ServiceGraph, ids: ReadonlySet<string>): ServiceGraph {
  return { nodes: graph.nodes.filter((node) => ids.has(node.id)), edges: graph.edges.filter((edge) => ids.has(edge.from) && ids.has(edge.to)) }
}

/** The failing part, most failing first, then who calls it, up to `limit` services. */
function failingPart(graph: ServiceGraph, limit: number): Set<string> {
  const chosen = new Set<string>()
  const take = (id: string) => chosen.size < limit && chosen.add(id)
  for (const edge of graph.edges.filter((call) => call.errors > 0).sort((a, b) => b.errors - a.errors)) take(edge.from) && take(edge.to)
  for (const node of graph.nodes.filter((service) => service.errorSpans > 0).sort((a, b) => b.errorSpans - a.errorSpans)) take(node.id)
  // Who feels those failures: their callers, busiest calls first.
  const failing = new Set(chosen)
  for (const edge of [...graph.edges].sort((a, b) => b.calls - a.calls)) if (failing.has(edge.to)) take(edge.from)
  return chosen
}

/**
 * A large incident graph narrowed to what an engineer triaging it looks at: the open trace's
 * services; else the most failing calls and services, with their callers; else the busiest
 * services, at most `limit` of them. The picked service is always in. A graph of at most
 * `limit` services is shown whole.
 */
export function focusedGraph(graph: ServiceGraph, { trace, picked, limit = FOCUS_ABOVE_SERVICES }: { trace: ServiceGraph | null; picked: string | null; limit?: number }): FocusedGraph {
  if (graph.nodes.length <= limit) return { graph, reason: null }
  const pickedToo = (ids: Set<string>) => (picked !== null && graph.nodes.some((node) => node.id === picked) ? ids.add(picked) : ids)
  if (trace !== null) return { graph: subgraph(graph, pickedToo(new Set(trace.nodes.map((node) => node.id)))), reason: 'trace' }
  const failing = failingPart(graph, limit)
  if (failing.size > 0) return { graph: subgraph(graph, pickedToo(failing)), reason: 'failing' }
  const busiest = [...graph.nodes].sort((a, b) => b.spans - a.spans).slice(0, limit)
  return { graph: subgraph(graph, pickedToo(new Set(busiest.map((node) => node.id)))), reason: 'busiest' }
}

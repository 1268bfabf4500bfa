import { toMermaid } from '../diagrams/mermaid'
import { node } from '../diagrams/model'
import { callLabel, serviceDetail } from './labels'
import type { ServiceGraph } from './service-graph'

/**
 * The derived service graph as Mermaid flowchart text: a Markdown report pasted where images in
 * data URLs are dropped (GitHub, GitLab) still shows the diagram. Calls in error are drawn red.
 */
export function serviceGraphMermaid(graph: ServiceGraph): string {
  const ids = new Map(graph.nodes.map((service, i) => [service.id, `s${i + 1}`]))
  const text = toMermaid({
    nodes: graph.nodes.map((service) => node({ id: ids.get(service.id)!, label: `${service.id}\n${serviceDetail(service)}`, shape: service.shape })),
    edges: graph.edges.map((call, i) => ({ id: `c${i + 1}`, source: ids.get(call.from)!, target: ids.get(call.to)!, label: callLabel(call) })),
  }, { restorable: false })
  const failing = graph.edges.flatMap((call, i) => (call.errors > 0 ? [i] : []))
  return failing.length ? `${text}  linkStyle ${failing.join(',')} stroke:#d92d20,color:#d92d20\n` : text
}

import { type DiagramContent, node } from '../../../../shared/diagrams/model'
import type { ServiceGraph } from '../../../../shared/graph/service-graph'
import { autoLayout } from '../../../../shared/diagrams/autoLayout'

/** A diagram to start from: each service of the derived graph as a node bound to it, each call as an edge. */
export function seedFromGraph(graph: ServiceGraph): DiagramContent {
  const ids = new Map(graph.nodes.map((service, i) => [service.id, `svc${i + 1}`]))
  return autoLayout({
    nodes: graph.nodes.map((service) => node({ id: ids.get(service.id)!, label: service.id, service: service.id, shape: service.shape, width: 176, height: 56 })),
    edges: graph.edges.map((call, i) => ({ id: `call${i + 1}`, source: ids.get(call.from)!, target: ids.get(call.to)!, label: call.messaging ? 'messages' : '' })),
  })
}

import type { GraphEdge, GraphNode } from './service-graph'

// The words drawn on the derived service graph wherever it is drawn (SVG, Mermaid).

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** Under a service's name: its spans and errors, or that it was only seen being called. */
export const serviceDetail = (node: GraphNode) =>
  node.uninstrumented ? 'uninstrumented' : `${plural(node.spans, 'span')}${node.errorSpans ? ` · ${plural(node.errorSpans, 'error')}` : ''}`

/** On a call: how many, and the share in error. */
export const callLabel = (edge: GraphEdge) =>
  `${plural(edge.calls, 'call')}${edge.errors > 0 ? ` · ${Math.round((100 * edge.errors) / edge.calls)}% err` : ''}`

import type { GraphNode } from '../../../../shared/graph/service-graph'
import { plural } from '../../../format/numbers'

/** A bound node's second line, as the element and the canvas both draw it. */
export interface ServiceDetail {
  text: string
  /** unbound: the incident has no such service; error: it has error spans. */
  tone: 'unbound' | 'error' | 'plain'
}

/** What the open incident says of the service a node is bound to; null for a node bound to none. */
export function serviceDetail(service: string | null, bound: GraphNode | undefined): ServiceDetail | null {
  if (service === null) return null
  if (!bound) return { text: 'not in this incident', tone: 'unbound' }
  if (bound.errorSpans > 0) return { text: plural(bound.errorSpans, 'error'), tone: 'error' }
  if (bound.uninstrumented) return { text: 'uninstrumented', tone: 'plain' }
  return { text: plural(bound.spans, 'span'), tone: 'plain' }
}

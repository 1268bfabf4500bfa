import type { FindingInput } from '../../shared/findings/model'

// What a finding points at, taken from what the engineer is looking at when they add it: the
// replay's moment, the span selected in the open trace, the service and the call picked in the diagram.

export type Anchors = FindingInput['anchors']
export type AnchorKind = 'time' | 'span' | 'node' | 'edge'

export const NO_ANCHORS: Anchors = { timeMs: null, traceId: null, spanId: null, node: null, edge: null }

/** The parts of the incident's state a finding can be anchored to. */
export interface AnchorSources {
  /** The replay's playhead on the incident clock; null without a recording playing or paused. */
  clockMs: number | null
  /** The replay is paused where it opened, at its start. */
  clockAtStart: boolean
  trace: { traceId: string } | null
  /** The selected span, or where a trace is about to land (not a span yet). */
  span: { spanId: string } | { land: 'error' | 'root' } | null
  /** The service picked in the diagram. */
  service: string | null
  /** The call picked in the diagram (its edge's id). */
  edge: string | null
}

export function captureAnchors({ clockMs, clockAtStart, trace, span, service, edge }: AnchorSources): Anchors {
  const spanId = trace && span && 'spanId' in span ? span.spanId : null
  // A replay left where it opened is no moment of the finding's, when something else is picked.
  const timeless = clockAtStart && (spanId !== null || service !== null || edge !== null)
  return {
    timeMs: clockMs === null || timeless ? null : Math.round(clockMs),
    traceId: spanId === null ? null : trace!.traceId,
    spanId,
    node: service,
    edge,
  }
}

/** The anchors present, in the order chips show them. */
export function anchorKinds(anchors: Anchors): AnchorKind[] {
  const kinds: AnchorKind[] = []
  if (anchors.timeMs !== null) kinds.push('time')
  if (anchors.spanId !== null) kinds.push('span')
  if (anchors.node !== null) kinds.push('node')
  if (anchors.edge !== null) kinds.push('edge')
  return kinds
}

export function withoutAnchor(anchors: Anchors, kind: AnchorKind): Anchors {
  switch (kind) {
    case 'time':
      return { ...anchors, timeMs: null }
    case 'span':
      return { ...anchors, traceId: null, spanId: null }
    case 'node':
      return { ...anchors, node: null }
    case 'edge':
      return { ...anchors, edge: null }
  }
}

export const hasAnchor = (anchors: Anchors): boolean => anchorKinds(anchors).length > 0

const SHOWN: Record<AnchorKind, string> = {
  time: 'the replay at its moment',
  span: 'its span selected',
  node: 'its service picked',
  edge: "its call's spans listed",
}

/** What showing a finding again brings back, as its anchors have it. */
export const showsWhat = (anchors: Anchors): string => `Show it: ${anchorKinds(anchors).map((kind) => SHOWN[kind]).join(', ')}`

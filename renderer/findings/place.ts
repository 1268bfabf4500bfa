import type { Destination } from '../app/IncidentOpener'
import type { Place } from '../focus/navigation'
import type { Anchors } from './anchors'

/** Where navigation takes the panes to show a finding: its moment (else its span's start), and its span in its trace, zoomed in on. */
export function placeOfAnchors(anchors: Anchors): Partial<Place> {
  return {
    ...(anchors.timeMs === null ? {} : { timeMs: anchors.timeMs }),
    ...(anchors.traceId === null || anchors.spanId === null ? {} : { trace: { traceId: anchors.traceId, artifactId: null }, span: { spanId: anchors.spanId, zoom: true, ...(anchors.timeMs === null ? { seek: true } : {}) } }),
  }
}

/** Where to take the panes to show a finding as it was written: its place, and the service and call it picks. */
export const destinationOf = (anchors: Anchors): Destination => ({ place: placeOfAnchors(anchors), service: anchors.node, edge: anchors.edge })

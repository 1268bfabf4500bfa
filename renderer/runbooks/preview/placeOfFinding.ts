import type { Finding } from '../../../shared/findings/model'
import type { Place } from '../../focus/navigation'

/** Where a finding points in its incident: its moment, its trace and span (what it leaves out stays as it is). */
export function placeOfFinding(finding: Pick<Finding, 'anchors'>): Partial<Place> {
  const { timeMs, traceId, spanId } = finding.anchors
  return {
    ...(timeMs === null ? {} : { timeMs }),
    ...(traceId === null ? {} : { trace: { traceId, artifactId: null }, span: spanId === null ? null : { spanId } }),
  }
}

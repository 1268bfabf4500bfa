import { BaseEdge, type EdgeProps, getBezierPath } from '@xyflow/react'
import { EdgeLabel } from '../flow/EdgeLabels'
import type { CallFlowEdge } from './derivedFlow'
import { routedPath } from './routedPath'

/** A call edge: thicker for more calls, red with errors, dashed for messaging, labelled. */
export function CallEdge({ id, data, selected, markerEnd, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition }: EdgeProps<CallFlowEdge>) {
  if (!data) return null
  // A call to a service layers away goes around the ones between (their handles are where the layout put the route's ends).
  const curve = () => {
    const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition })
    return { path, labelX, labelY }
  }
  const { path, labelX, labelY } = data.route ? routedPath(data.route, data.direction) : curve()
  const failing = data.call.errors > 0
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className="dg-call"
        style={{ strokeWidth: selected ? data.width + 1.5 : data.width }}
        data-failing={failing || undefined}
        data-messaging={data.call.messaging || undefined}
        data-dimmed={data.dimmed || undefined}
        data-highlighted={data.highlighted || undefined}
        interactionWidth={Math.max(16, data.width + 10)}
      />
      {/* A click on the label reaches the edge's own click handler: React events bubble through the portal. */}
      <EdgeLabel>
        <button
          type="button"
          className="dg-call-label nodrag nopan"
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          data-failing={failing || undefined}
          data-dimmed={data.dimmed || undefined}
          data-selected={selected || undefined}
          data-testid="diagram-call-label"
          data-edge={id}
          aria-label={`${data.call.from} calls ${data.call.to}: ${data.label}`}
          title={`${data.call.from} → ${data.call.to}: p50 ${data.call.p50Ms} ms, p95 ${data.call.p95Ms} ms${data.call.messaging ? ' (messaging)' : ''}`}
        >
          {data.label}
        </button>
      </EdgeLabel>
    </>
  )
}

import type { NodeProps } from '@xyflow/react'
import type { CSSProperties } from 'react'
import { plural } from '../../format/numbers'
import { HiddenHandles } from '../flow/HiddenHandles'
import { ServiceShape } from '../flow/ServiceShape'
import type { ServiceFlowNode } from './derivedFlow'

/** A service of the derived graph with its span and error counts. */
export function ServiceNode({ data, sourcePosition, targetPosition }: NodeProps<ServiceFlowNode>) {
  const { service } = data
  const detail = service.uninstrumented ? (
    'uninstrumented'
  ) : (
    <>
      {plural(service.spans, 'span')}
      {service.errorSpans > 0 && <span className="dg-error-count"> · {plural(service.errorSpans, 'error')}</span>}
    </>
  )
  return (
    <>
      <HiddenHandles source={sourcePosition} target={targetPosition} />
      <ServiceShape
        label={service.id}
        service={service.id}
        shape={service.shape}
        dashed={service.uninstrumented}
        detail={detail}
        errors={service.errorSpans}
        highlighted={data.highlighted}
        dimmed={data.dimmed}
        picked={data.picked}
        testId="diagram-service"
      />
      {data.peer && (
        <span className="dg-peer-mark" title={`Picked by ${data.peer.names}`} data-testid="service-peer-mark" style={{ '--member-color': data.peer.color } as CSSProperties}>
          {data.peer.names.slice(0, 1).toUpperCase()}
        </span>
      )}
    </>
  )
}

import type { NodeProps } from '@xyflow/react'
import { plural } from '../../format/numbers'
import { PeerBadge } from '../../pairing/PeerBadge'
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
      {data.peer && <PeerBadge peer={data.peer} what="Picked" className="dg-peer-mark" testId="service-peer-mark" />}
    </>
  )
}

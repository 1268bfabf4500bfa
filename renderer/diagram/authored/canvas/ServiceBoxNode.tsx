import type { NodeProps } from '@xyflow/react'
import { plural } from '../../../format/numbers'
import { ServiceShape } from '../../flow/ServiceShape'
import type { DiagramFlowNode } from '../logic/flowModel'
import { ConnectHandles } from './ConnectHandles'
import { useLiveServices } from './EditorContext'
import { Resizer } from './Resizer'

/** A service of an authored diagram; bound to a service, it shows that service's errors in the open incident. */
export function ServiceBoxNode({ data, selected }: NodeProps<DiagramFlowNode>) {
  const live = useLiveServices()
  const bound = data.service ? live.byService.get(data.service) : undefined
  const detail =
    data.service === null ? undefined : !bound ? (
      <span className="dg-unbound">not in this incident</span>
    ) : bound.errorSpans > 0 ? (
      <span className="dg-error-count">{plural(bound.errorSpans, 'error')}</span>
    ) : bound.uninstrumented ? (
      'uninstrumented'
    ) : (
      plural(bound.spans, 'span')
    )
  return (
    <>
      <Resizer visible={selected} />
      <ConnectHandles selected={selected} />
      <ServiceShape
        label={data.label}
        service={data.service}
        shape={data.shape}
        detail={detail}
        errors={bound?.errorSpans ?? 0}
        highlighted={!!data.service && live.traced?.has(data.service)}
        dimmed={live.traced !== null && (!data.service || !live.traced.has(data.service))}
        testId="authored-node"
      />
    </>
  )
}

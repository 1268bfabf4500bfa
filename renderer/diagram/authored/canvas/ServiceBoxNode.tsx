import type { NodeProps } from '@xyflow/react'
import { ServiceShape } from '../../flow/ServiceShape'
import type { DiagramFlowNode } from '../logic/flowModel'
import { serviceDetail } from '../logic/serviceDetail'
import { ConnectHandles } from './ConnectHandles'
import { useLiveServices } from './EditorContext'
import { Resizer } from './Resizer'

const DETAIL_CLASS = { unbound: 'dg-unbound', error: 'dg-error-count', plain: undefined } as const

/** A service of an authored diagram; bound to a service, it shows that service's errors in the open incident. */
export function ServiceBoxNode({ data, selected }: NodeProps<DiagramFlowNode>) {
  const live = useLiveServices()
  const bound = data.service ? live.byService.get(data.service) : undefined
  const detail = serviceDetail(data.service, bound)
  const detailClass = detail && DETAIL_CLASS[detail.tone]
  return (
    <>
      <Resizer visible={selected} />
      <ConnectHandles selected={selected} />
      <ServiceShape
        label={data.label}
        service={data.service}
        shape={data.shape}
        detail={detail === null ? undefined : detailClass ? <span className={detailClass}>{detail.text}</span> : detail.text}
        errors={bound?.errorSpans ?? 0}
        highlighted={!!data.service && live.traced?.has(data.service)}
        dimmed={live.traced !== null && (!data.service || !live.traced.has(data.service))}
        testId="authored-node"
      />
    </>
  )
}

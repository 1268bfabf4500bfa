import type { NodeProps } from '@xyflow/react'
import type { DiagramFlowNode } from '../logic/flowModel'
import { Resizer } from './Resizer'

export const BOUNDARY_NAMES = { region: 'Region', zone: 'Trust zone', team: 'Team' } as const

/** A boundary holding nodes: a region, a trust zone or a team. */
export function GroupNode({ data, selected }: NodeProps<DiagramFlowNode>) {
  return (
    <>
      <Resizer visible={selected} minWidth={120} minHeight={80} />
      <div className="dg-group" data-boundary={data.boundary ?? 'plain'} data-testid="authored-group">
        <span className="dg-group-label">
          {data.boundary && <span className="dg-group-kind">{BOUNDARY_NAMES[data.boundary]}</span>}
          {data.label}
        </span>
      </div>
    </>
  )
}

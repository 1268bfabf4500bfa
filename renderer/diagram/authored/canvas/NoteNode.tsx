import type { NodeProps } from '@xyflow/react'
import type { DiagramFlowNode } from '../logic/flowModel'
import { ConnectHandles } from './ConnectHandles'
import { Resizer } from './Resizer'

/** Free text on the diagram: a runbook hint, an owner, a link. */
export function NoteNode({ data, selected }: NodeProps<DiagramFlowNode>) {
  return (
    <>
      <Resizer visible={selected} minHeight={24} />
      <ConnectHandles selected={selected} />
      <div className="dg-note" data-testid="authored-note">
        {data.label || <span className="dg-placeholder">Empty note</span>}
      </div>
    </>
  )
}

import { Handle, Position } from '@xyflow/react'

/** Where edges leave and arrive (right and left by default); not for drawing new edges. */
export function HiddenHandles({ source = Position.Right, target = Position.Left }: { source?: Position; target?: Position }) {
  return (
    <>
      <Handle type="target" position={target} isConnectable={false} className="dg-handle-hidden" />
      <Handle type="source" position={source} isConnectable={false} className="dg-handle-hidden" />
    </>
  )
}

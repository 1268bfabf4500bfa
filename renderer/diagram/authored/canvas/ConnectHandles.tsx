import { Handle, Position } from '@xyflow/react'

/** A handle on each side to draw edges from and to (the editor connects in loose mode). */
export function ConnectHandles() {
  return (
    <>
      {[Position.Top, Position.Right, Position.Bottom, Position.Left].map((position) => (
        <Handle key={position} id={position} type="source" position={position} className="dg-handle" />
      ))}
    </>
  )
}

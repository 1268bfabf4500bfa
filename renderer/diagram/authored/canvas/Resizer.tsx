import { NodeResizer } from '@xyflow/react'
import { GRID } from '../logic/geometry'
import { useEditorActions } from './EditorContext'

export function Resizer({ visible, minWidth = GRID * 4, minHeight = GRID * 2 }: { visible: boolean; minWidth?: number; minHeight?: number }) {
  const { commit } = useEditorActions()
  return <NodeResizer isVisible={visible} minWidth={minWidth} minHeight={minHeight} onResizeEnd={commit} lineClassName="dg-resize-line" handleClassName="dg-resize-handle" />
}

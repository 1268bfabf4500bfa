import { NodeResizer } from '@xyflow/react'
import { GRID } from '../../../../shared/diagrams/geometry'
import { useEditorActions } from './EditorContext'

/** Resize handles on a selected node (none otherwise: a node coming into view mounts less). */
export function Resizer({ visible, minWidth = GRID * 4, minHeight = GRID * 2 }: { visible: boolean; minWidth?: number; minHeight?: number }) {
  const { commit } = useEditorActions()
  if (!visible) return null
  return <NodeResizer isVisible minWidth={minWidth} minHeight={minHeight} onResizeEnd={commit} lineClassName="dg-resize-line" handleClassName="dg-resize-handle" />
}

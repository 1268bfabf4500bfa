import { useStore } from '@xyflow/react'
import { useCallback, useState } from 'react'

/** Below this zoom, labels on edges and second lines in nodes are too small to read. */
export const FAR_ZOOM = 0.5

/**
 * Classes for the flow pane that let CSS draw less while it would not be seen: `dg-far` when
 * zoomed out past FAR_ZOOM (the pane's class changes once, no node re-renders), and `dg-moving`
 * while a pan or zoom goes on (the view is then one layer the compositor moves, not repainted
 * every frame; it is drawn sharp again when the move ends).
 */
export function useViewClasses(): { far: boolean; className: string; onMoveStart: () => void; onMoveEnd: () => void } {
  const far = useStore((state) => state.transform[2] < FAR_ZOOM)
  const [moving, setMoving] = useState(false)
  const onMoveStart = useCallback(() => setMoving(true), [])
  const onMoveEnd = useCallback(() => setMoving(false), [])
  return { far, className: [far && 'dg-far', moving && 'dg-moving'].filter(Boolean).join(' '), onMoveStart, onMoveEnd }
}

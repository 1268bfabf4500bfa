import { useStore, useStoreApi } from '@xyflow/react'
import { useEffect, useState } from 'react'
import { followTransform } from './followTransform'

/** Below this zoom, labels on edges and second lines in nodes are too small to read. */
export const FAR_ZOOM = 0.5

/** The view is taken to have come to rest once it has not moved for this long. */
const REST_MS = 120

/**
 * Whether the flow's view is moving: it panned or zoomed less than REST_MS ago. Read from the view
 * itself rather than from xyflow's move start and end, which overlap (a wheel zoom ends after the
 * drag that follows it has started).
 */
function useViewMoving(): boolean {
  const store = useStoreApi()
  const [moving, setMoving] = useState(false)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    let first = true
    const stop = followTransform(store, () => {
      if (first) {
        first = false
        return
      }
      if (timer === undefined) setMoving(true)
      clearTimeout(timer)
      timer = setTimeout(() => {
        timer = undefined
        setMoving(false)
      }, REST_MS)
    })
    return () => {
      stop()
      clearTimeout(timer)
    }
  }, [store])
  return moving
}

/**
 * The view's state, and classes for the flow pane that let CSS draw less while it would not be
 * seen: `dg-far` when zoomed out past FAR_ZOOM (the pane's class changes once, no node re-renders),
 * and `dg-moving` while the view pans or zooms (it is then one layer the compositor moves, not
 * repainted every frame; it is drawn sharp again when the move ends).
 */
export function useViewClasses(): { far: boolean; moving: boolean; className: string } {
  const far = useStore((state) => state.transform[2] < FAR_ZOOM)
  const moving = useViewMoving()
  return { far, moving, className: [far && 'dg-far', moving && 'dg-moving'].filter(Boolean).join(' ') }
}

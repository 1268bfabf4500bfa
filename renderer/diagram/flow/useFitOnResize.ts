import { useReactFlow } from '@xyflow/react'
import { type RefObject, useEffect } from 'react'

/** The closest a fitted view zooms in (a small drawing is not blown up). */
export const FIT_MAX_ZOOM = 1.25

/** Keeps the whole drawing in view while the pane is resized (and when `key` changes). */
export function useFitOnResize(container: RefObject<HTMLElement | null>, key: unknown, enabled = true) {
  const flow = useReactFlow()
  useEffect(() => {
    const element = container.current
    if (!element || !enabled) return
    let frame = 0
    const fit = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => void flow.fitView({ padding: 0.12, maxZoom: FIT_MAX_ZOOM }))
    }
    const observer = new ResizeObserver(fit)
    observer.observe(element)
    fit()
    return () => {
      observer.disconnect()
      cancelAnimationFrame(frame)
    }
  }, [container, flow, key, enabled])
}

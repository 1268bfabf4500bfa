import { useReactFlow } from '@xyflow/react'
import { type RefObject, useEffect } from 'react'

/** Keeps the whole drawing in view while the pane is resized (and when `key` changes). */
export function useFitOnResize(container: RefObject<HTMLElement | null>, key: unknown, enabled = true) {
  const flow = useReactFlow()
  useEffect(() => {
    const element = container.current
    if (!element || !enabled) return
    let frame = 0
    const fit = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => void flow.fitView({ padding: 0.12, maxZoom: 1.25 }))
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

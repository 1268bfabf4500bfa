import { useCallback, useEffect, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { clampWindow, sameWindow, type TimeWindow } from '../logic/viewport'

/**
 * The waterfall's time window. Updates from wheel and drag come many per frame: they compose on
 * the latest target and render once per animation frame.
 */
export function useTimeWindow(bounds: TimeWindow) {
  const [window, setWindowState] = useState(bounds)
  const target = useRef(bounds)
  const frame = useRef(0)
  const boundsRef = useRef(bounds)

  // New bounds (raw times ↔ skew-corrected): a full view stays full, a zoomed one is clamped.
  useEffect(() => {
    const previous = boundsRef.current
    boundsRef.current = bounds
    if (sameWindow(previous, bounds)) return
    const next = sameWindow(target.current, previous) ? bounds : clampWindow(target.current, bounds)
    target.current = next
    setWindowState(next)
  }, [bounds])

  useEffect(() => () => cancelAnimationFrame(frame.current), [])

  /** Sets the window now. */
  const set = useCallback((next: TimeWindow | ((current: TimeWindow) => TimeWindow)) => {
    const value = typeof next === 'function' ? next(target.current) : next
    target.current = value
    cancelAnimationFrame(frame.current)
    frame.current = 0
    setWindowState(value)
  }, [])

  /** Changes the window at the next frame, composing with changes still pending. */
  const schedule = useCallback((change: (current: TimeWindow) => TimeWindow) => {
    target.current = change(target.current)
    if (frame.current) return
    frame.current = requestAnimationFrame(() => {
      frame.current = 0
      flushSync(() => setWindowState(target.current))
    })
  }, [])

  return { window, set, schedule, current: () => target.current }
}

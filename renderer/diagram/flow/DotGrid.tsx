import { useStoreApi } from '@xyflow/react'
import { useEffect, useRef } from 'react'
import { followTransform, type Transform } from './followTransform'
import { gridPhase, gridStep } from './gridStep'

/**
 * The canvas's dot grid (dots on multiples of `gap` in flow coordinates), drawn so a pan costs
 * the compositor a move and nothing else: one tiled layer a step larger than the pane on each side,
 * shifted by the pan modulo one step. xyflow's own <Background> re-renders an SVG pattern on
 * every frame of a pan, which repaints the whole pane. The layer follows the viewport through a
 * store subscription, without a React render; it is repainted only when the zoom changes the step.
 */
export function DotGrid({ gap }: { gap: number }) {
  const store = useStoreApi()
  const dots = useRef<HTMLDivElement>(null)
  useEffect(() => {
    let step = 0
    const follow = ([x, y, zoom]: Transform) => {
      const layer = dots.current
      if (!layer) return
      const next = gridStep(gap, zoom)
      if (next !== step) {
        step = next
        layer.style.setProperty('--step', `${step}px`)
      }
      // The dot sits in the middle of its tile.
      layer.style.transform = `translate(${gridPhase(x, step) - step / 2}px, ${gridPhase(y, step) - step / 2}px)`
    }
    return followTransform(store, follow)
  }, [store, gap])
  return (
    <div className="dg-grid" aria-hidden="true">
      <div ref={dots} className="dg-grid-dots" />
    </div>
  )
}

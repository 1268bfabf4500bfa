import { useStore, useStoreApi } from '@xyflow/react'
import { useEffect, useState } from 'react'
import type { CanvasScene } from '../logic/canvasScene'
import { type GrowthBudget, growLive, type LiveSet, NOTHING_LIVE, pruneLive, viewOf } from '../logic/liveSet'

/**
 * What a frame mounts at most once the view rests. Every step also costs xyflow and React a pass
 * over all nodes and edges and every mounted element's store subscription, whatever its size, so
 * steps are big: a view of a dense diagram (80 nodes, 650 edges in the benchmark's) in a few frames.
 */
const STEP: GrowthBudget = { nodes: 40, edges: 150 }

/**
 * Which nodes and edges of a large diagram (one with a `scene`) xyflow mounts (liveSet.ts): while
 * `frozen` (the view moving, or the overview shown) nothing more, and what left the view is let go;
 * at rest, what is in view, a step each frame. Null for a diagram that is not large: xyflow mounts
 * what is in view itself.
 */
export function useLiveSet(scene: CanvasScene | null, frozen: boolean): LiveSet | null {
  const store = useStoreApi()
  const [live, setLive] = useState(NOTHING_LIVE)
  // The pane's size: a wider pane (the editor expanded) shows more to mount.
  const paneSize = useStore((state) => `${state.width}x${state.height}`)

  useEffect(() => {
    if (!scene) return
    const { transform, width, height } = store.getState()
    const view = viewOf(transform, width, height)
    if (frozen) {
      setLive((current) => pruneLive(current, scene, view))
      return
    }
    const frame = requestAnimationFrame(() => setLive((current) => growLive(current, scene, view, STEP)))
    return () => cancelAnimationFrame(frame)
  }, [store, scene, frozen, live, paneSize])

  return scene ? live : null
}

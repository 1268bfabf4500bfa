import { useStoreApi } from '@xyflow/react'
import { type RefObject, useEffect, useRef, useState } from 'react'
import { followTransform } from '../../flow/followTransform'
import { useElementSize } from '../../../app/useElementSize'
import { FAR_ZOOM } from '../../flow/useViewClasses'
import type { CanvasScene } from '../logic/canvasScene'
import type { LiveSet } from '../logic/liveSet'
import { useLiveServices } from './EditorContext'
import { PALETTE_NAMES, type Palette, type SceneLook, type SceneMessage, ScenePainter } from './scenePaint'

// A large diagram drawn on one canvas, under xyflow's elements (see canvasScene.ts): a pan or a
// zoom redraws a thousand boxes and two thousand curves, where xyflow would mount and update as
// many elements. The drawing is done in a worker on an OffscreenCanvas, so it does not hold up
// the page's frames; where no worker starts, the page draws it itself.

interface Painter {
  post: (message: Exclude<SceneMessage, { kind: 'canvas' }>) => void
  close: () => void
}

/** Hands `canvas` to a worker, or keeps it here when that cannot be done. */
function startPainter(canvas: HTMLCanvasElement): Painter {
  try {
    const worker = new Worker(new URL('./scene.worker.ts', import.meta.url), { type: 'module', name: 'diagram-scene' })
    const offscreen = canvas.transferControlToOffscreen()
    worker.postMessage({ kind: 'canvas', canvas: offscreen } satisfies SceneMessage, [offscreen])
    return { post: (message) => worker.postMessage(message), close: () => worker.terminate() }
  } catch (error) {
    console.warn('Casefile: the diagram canvas is drawn on the main thread:', error)
    const painter = new ScenePainter(canvas)
    return {
      post: (message) => {
        if (message.kind === 'scene') painter.setScene(message.scene, message.look)
        else if (message.kind === 'live') painter.setLive(message.nodes, message.edges)
        else painter.setView(message.view)
        painter.draw()
      },
      close: () => {},
    }
  }
}

const readPalette = (element: Element): Palette => {
  const style = getComputedStyle(element)
  return Object.fromEntries(PALETTE_NAMES.map((name) => [name, style.getPropertyValue(name).trim()])) as Palette
}

/** The theme's colors, read again when the system switches between light and dark. */
function usePalette(element: RefObject<HTMLElement | null>): Palette | null {
  const [palette, setPalette] = useState<Palette | null>(null)
  useEffect(() => {
    const read = () => element.current && setPalette(readPalette(element.current))
    read()
    const scheme = matchMedia('(prefers-color-scheme: dark)')
    scheme.addEventListener('change', read)
    return () => scheme.removeEventListener('change', read)
  }, [element])
  return palette
}

/**
 * `scene` drawn under the flow's elements, following its pan and zoom, leaving out what `live` has
 * as elements; in the `overview`, it alone shows the diagram. Clicks go through to the pane.
 */
export function SceneCanvas({ scene, live, overview }: { scene: CanvasScene; live: LiveSet; overview: boolean }) {
  const store = useStoreApi()
  const holder = useRef<HTMLDivElement>(null)
  const [painter, setPainter] = useState<Painter | null>(null)
  const size = useElementSize(holder)
  const palette = usePalette(holder)
  const services = useLiveServices()

  // A canvas can be handed to a worker once: each mount makes its own.
  useEffect(() => {
    const canvas = document.createElement('canvas')
    holder.current?.append(canvas)
    const started = startPainter(canvas)
    setPainter(started)
    return () => {
      started.close()
      canvas.remove()
    }
  }, [])

  useEffect(() => {
    if (!painter || !palette) return
    const look: SceneLook = {
      palette,
      services: Object.fromEntries(services.byService),
      traced: services.traced && [...services.traced],
    }
    painter.post({ kind: 'scene', scene, look })
  }, [painter, scene, palette, services])

  useEffect(() => {
    painter?.post({ kind: 'live', nodes: [...live.nodes], edges: [...live.edges] })
  }, [painter, live])

  useEffect(() => {
    if (!painter || size.width === 0) return
    return followTransform(store, (transform) =>
      painter.post({ kind: 'view', view: { transform, width: size.width, height: size.height, pixelRatio: devicePixelRatio, far: transform[2] < FAR_ZOOM } }),
    )
  }, [painter, store, size])

  const described = overview ? { role: 'img', 'aria-label': 'Overview of the diagram' } : { 'aria-hidden': true }
  return <div ref={holder} className="dg-scene" data-testid="diagram-scene" {...described} />
}

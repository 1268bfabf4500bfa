import { useStoreApi } from '@xyflow/react'
import { type RefObject, useEffect, useRef, useState } from 'react'
import { followTransform } from '../../flow/followTransform'
import { useElementSize } from '../../flow/useElementSize'
import type { OverviewScene } from '../logic/overviewScene'
import { useLiveServices } from './EditorContext'
import { type OverviewLook, type OverviewMessage, OverviewPainter, PALETTE_NAMES, type Palette } from './overviewPaint'

// A large diagram zoomed out, drawn on one canvas (see overviewScene): a pan or a zoom redraws a
// thousand boxes and two thousand curves, where xyflow would update as many elements and their
// store subscriptions. The drawing is done in a worker on an OffscreenCanvas, so it does not hold
// up the page's frames; where no worker starts, the page draws it itself.

interface Painter {
  post: (message: Exclude<OverviewMessage, { kind: 'canvas' }>) => void
  close: () => void
}

/** Hands `canvas` to a worker, or keeps it here when that cannot be done. */
function startPainter(canvas: HTMLCanvasElement): Painter {
  try {
    const worker = new Worker(new URL('./overview.worker.ts', import.meta.url), { type: 'module', name: 'diagram-overview' })
    const offscreen = canvas.transferControlToOffscreen()
    worker.postMessage({ kind: 'canvas', canvas: offscreen } satisfies OverviewMessage, [offscreen])
    return { post: (message) => worker.postMessage(message), close: () => worker.terminate() }
  } catch (error) {
    console.warn('Casefile: the diagram overview is drawn on the main thread:', error)
    const painter = new OverviewPainter(canvas)
    return {
      post: (message) => {
        if (message.kind === 'scene') painter.setScene(message.scene, message.look)
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

/** The overview of `scene`, following the flow's pan and zoom. Clicks go through to the pane. */
export function OverviewCanvas({ scene }: { scene: OverviewScene }) {
  const store = useStoreApi()
  const holder = useRef<HTMLDivElement>(null)
  const [painter, setPainter] = useState<Painter | null>(null)
  const size = useElementSize(holder)
  const palette = usePalette(holder)
  const live = useLiveServices()

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
    const look: OverviewLook = {
      palette,
      erroring: [...live.byService.values()].filter((service) => service.errorSpans > 0).map((service) => service.id),
      traced: live.traced && [...live.traced],
    }
    painter.post({ kind: 'scene', scene, look })
  }, [painter, scene, palette, live])

  useEffect(() => {
    if (!painter || size.width === 0) return
    return followTransform(store, (transform) =>
      painter.post({ kind: 'view', view: { transform, width: size.width, height: size.height, pixelRatio: devicePixelRatio } }),
    )
  }, [painter, store, size])

  return <div ref={holder} className="dg-overview" data-testid="diagram-overview" role="img" aria-label="Overview of the diagram" />
}

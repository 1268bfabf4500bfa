import { type RefObject, useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { TraceClock } from '../logic/clock'
import { ROW_HEIGHT } from './geometry'
import { paintRows, type Palette, readPalette, TextFitter } from './paintRows'
import type { RowsView } from './rowGeometry'
import type { ScrollStore } from './scrollStore'
import { useRowMarks } from './useRowMarks'

export interface RowCanvasProps {
  view: RowsView
  clock: TraceClock
  cursorMs?: number | null
  /** The rows' scroller, which the canvas lies under (its hover is read from there). */
  scrollRef: RefObject<HTMLDivElement | null>
  scrollStore: ScrollStore
  /** The scroller's client area, CSS px. */
  width: number
  height: number
}

const DARK = '(prefers-color-scheme: dark)'

/** The rows, drawn: repainted in the scroll event itself, so each frame shows the rows of its own scroll position. */
export function RowCanvas({ view, clock, cursorMs, scrollRef, scrollStore, width, height }: RowCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const marks = useRowMarks(view.trace, clock, cursorMs)
  const [palette, setPalette] = useState<Palette | null>(null)
  const hovered = useRef(-1)
  const fitter = useRef<TextFitter | null>(null)
  const latest = useRef({ view, marks, palette, width, height })
  latest.current = { view, marks, palette, width, height }

  const paint = useRef(() => {
    const canvas = canvasRef.current
    const { view, marks, palette, width, height } = latest.current
    const ctx = canvas?.getContext('2d')
    if (!canvas || !ctx || !palette) return
    const ratio = window.devicePixelRatio || 1
    const pixelWidth = Math.round(width * ratio)
    const pixelHeight = Math.round(height * ratio)
    if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
      canvas.width = pixelWidth
      canvas.height = pixelHeight
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0)
    fitter.current ??= new TextFitter(ctx)
    paintRows(ctx, fitter.current, view, marks, palette, { top: scrollStore.get().top, width, height, hovered: hovered.current })
  }).current

  // The theme's colors, again when the system switches between light and dark.
  useLayoutEffect(() => {
    const canvas = canvasRef.current
    if (!canvas) return
    const read = () => setPalette(readPalette(canvas))
    read()
    const scheme = window.matchMedia(DARK)
    scheme.addEventListener('change', read)
    return () => scheme.removeEventListener('change', read)
  }, [])

  useLayoutEffect(paint)
  useEffect(() => scrollStore.subscribe(paint), [scrollStore, paint])

  // The row under the pointer is highlighted.
  useEffect(() => {
    const scroller = scrollRef.current
    if (!scroller) return
    const hover = (row: number) => {
      if (row === hovered.current) return
      hovered.current = row
      paint()
    }
    const onMove = (event: PointerEvent) => hover(rowAtPointer(scroller, event.clientY))
    const onLeave = () => hover(-1)
    scroller.addEventListener('pointermove', onMove, { passive: true })
    scroller.addEventListener('pointerleave', onLeave)
    return () => {
      scroller.removeEventListener('pointermove', onMove)
      scroller.removeEventListener('pointerleave', onLeave)
    }
  }, [scrollRef, paint])

  return <canvas ref={canvasRef} className="wf-canvas" aria-hidden="true" style={{ width, height }} />
}

/** The row at viewport height `clientY` in the rows' scroller. */
export function rowAtPointer(scroller: HTMLElement, clientY: number): number {
  return Math.floor((clientY - scroller.getBoundingClientRect().top + scroller.scrollTop) / ROW_HEIGHT)
}

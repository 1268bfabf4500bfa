/// <reference lib="webworker" />
import { type OverviewMessage, OverviewPainter } from './overviewPaint'

// Draws a large diagram's overview off the main thread, on the canvas OverviewCanvas hands over:
// a pan or zoom costs the page a message, and this worker the drawing.

declare const self: DedicatedWorkerGlobalScope

let painter: OverviewPainter | null = null
let drawing = false

/** Messages that arrive while a frame is pending are drawn together, once. */
const drawSoon = () => {
  if (drawing) return
  drawing = true
  requestAnimationFrame(() => {
    drawing = false
    painter?.draw()
  })
}

self.onmessage = ({ data }: MessageEvent<OverviewMessage>) => {
  if (data.kind === 'canvas') painter = new OverviewPainter(data.canvas)
  else if (data.kind === 'scene') painter?.setScene(data.scene, data.look)
  else painter?.setView(data.view)
  drawSoon()
}

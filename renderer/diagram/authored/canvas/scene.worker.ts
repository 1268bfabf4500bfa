/// <reference lib="webworker" />
import { type SceneMessage, ScenePainter } from './scenePaint'

// Draws a large diagram off the main thread, on the canvas SceneCanvas hands over: a pan or zoom
// costs the page a message, and this worker the drawing.

declare const self: DedicatedWorkerGlobalScope

let painter: ScenePainter | null = null
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

self.onmessage = ({ data }: MessageEvent<SceneMessage>) => {
  if (data.kind === 'canvas') painter = new ScenePainter(data.canvas)
  else if (data.kind === 'scene') painter?.setScene(data.scene, data.look)
  else if (data.kind === 'live') painter?.setLive(data.nodes, data.edges)
  else painter?.setView(data.view)
  drawSoon()
}

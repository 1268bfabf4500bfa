import { memo, useEffect, useRef, useState } from 'react'
import type { TraceData } from '../../../shared/traces/trace-data'
import type { TimeWindow } from '../logic/viewport'
import { ROW_HEIGHT } from './geometry'
import { type ScrollStore, useScroll } from './scrollStore'

export const MINIMAP_HEIGHT = 40

interface MinimapProps {
  trace: TraceData
  rows: Int32Array
  starts: ArrayLike<number>
  bounds: TimeWindow
  window: TimeWindow
  width: number
  matchMask: Uint8Array | null
  scrollStore: ScrollStore
  /** Move the time window (same width) so that it starts at `start`. */
  onPan: (start: number) => void
  onRange: (from: number, to: number) => void
  /** Scroll so that row `row` is in the middle of the viewport. */
  onScrollToRow: (row: number) => void
  onScrollBy: (pixels: number) => void
}

/** An `rgb(…)`/hex color of a CSS variable as bytes. */
function colorOf(element: Element, variable: string, fallback: [number, number, number]): [number, number, number] {
  const value = getComputedStyle(element).getPropertyValue(variable).trim()
  if (!value) return fallback
  const probe = document.createElement('canvas').getContext('2d')
  if (!probe) return fallback
  probe.fillStyle = value
  probe.fillRect(0, 0, 1, 1)
  const [r, g, b] = probe.getImageData(0, 0, 1, 1).data
  return [r, g, b]
}

/**
 * Draws every shown row as a line from its start to its end: rows are binned into pixel rows and
 * each bin's coverage becomes ink density (difference arrays: O(spans + pixels) whatever the size).
 */
function drawDensity(canvas: HTMLCanvasElement, props: Pick<MinimapProps, 'trace' | 'rows' | 'starts' | 'bounds' | 'matchMask'>, cssWidth: number) {
  const ratio = window.devicePixelRatio || 1
  const width = Math.max(1, Math.round(cssWidth * ratio))
  const height = Math.max(1, Math.round(MINIMAP_HEIGHT * ratio))
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('2d')
  if (!context) return
  const { trace, rows, starts, bounds, matchMask } = props
  const count = rows.length
  if (count === 0) return
  const bins = Math.min(height, count)
  const stride = width + 1
  const ink = new Float32Array(bins * stride)
  const errors = new Float32Array(bins * stride)
  const matches = matchMask ? new Float32Array(bins * stride) : null
  const scale = width / Math.max(1, bounds.end - bounds.start)
  for (let row = 0; row < count; row++) {
    const span = rows[row]
    const bin = Math.min(bins - 1, Math.floor((row * bins) / count))
    const from = Math.max(0, Math.min(width - 1, Math.floor((starts[span] - bounds.start) * scale)))
    const to = Math.max(from + 1, Math.min(width, Math.ceil((starts[span] + trace.duration[span] - bounds.start) * scale)))
    const at = bin * stride
    ink[at + from] += 1
    ink[at + to] -= 1
    if (trace.error[span]) {
      errors[at + from] += 1
      errors[at + to] -= 1
    }
    if (matches && matchMask![span]) {
      matches[at + from] += 1
      matches[at + to] -= 1
    }
  }
  const perBin = count / bins
  const image = context.createImageData(width, bins)
  const base = colorOf(canvas, '--wf-minimap-ink', [110, 112, 125])
  const red = colorOf(canvas, '--danger', [196, 43, 43])
  const match = colorOf(canvas, '--wf-match-ink', [212, 160, 23])
  for (let bin = 0; bin < bins; bin++) {
    let inkRun = 0
    let errorRun = 0
    let matchRun = 0
    for (let x = 0; x < width; x++) {
      const at = bin * stride + x
      inkRun += ink[at]
      errorRun += errors[at]
      if (matches) matchRun += matches[at]
      const pixel = (bin * width + x) * 4
      let color = base
      let alpha = 0
      if (inkRun > 0) alpha = 0.28 + 0.72 * Math.min(1, inkRun / perBin / 0.6)
      if (errorRun > 0) {
        color = red
        alpha = Math.max(alpha, 0.9)
      }
      if (matchRun > 0) {
        color = match
        alpha = 1
      }
      image.data[pixel] = color[0]
      image.data[pixel + 1] = color[1]
      image.data[pixel + 2] = color[2]
      image.data[pixel + 3] = Math.round(alpha * 255)
    }
  }
  // Bins are image rows; stretch them over the canvas height.
  const staging = document.createElement('canvas')
  staging.width = width
  staging.height = bins
  staging.getContext('2d')?.putImageData(image, 0, 0)
  context.imageSmoothingEnabled = false
  const margin = bins < height ? Math.min(2 * ratio, (height / bins) * 0.2) : 0
  context.clearRect(0, 0, width, height)
  if (margin > 0) {
    // Few rows: draw each as a bar with a gap, like the rows themselves.
    const step = height / bins
    for (let bin = 0; bin < bins; bin++) context.drawImage(staging, 0, bin, width, 1, 0, bin * step + margin / 2, width, step - margin)
  } else {
    context.drawImage(staging, 0, 0, width, height)
  }
}

/** The whole trace in small: every row, errors and matches, with the visible window on it. */
export const Minimap = memo(function Minimap(props: MinimapProps) {
  const { trace, rows, starts, bounds, window, width, matchMask, scrollStore, onPan, onRange, onScrollToRow, onScrollBy } = props
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const scroll = useScroll(scrollStore)
  const drag = useRef<{ mode: 'move' | 'brush'; x: number; y: number; start: number; moved: boolean } | null>(null)
  const [brush, setBrush] = useState<{ from: number; to: number } | null>(null)

  useEffect(() => {
    if (canvasRef.current && width > 0) drawDensity(canvasRef.current, { trace, rows, starts, bounds, matchMask }, width)
  }, [trace, rows, starts, bounds, matchMask, width])

  const boundsNs = Math.max(1, bounds.end - bounds.start)
  const left = ((window.start - bounds.start) / boundsNs) * width
  const right = ((window.end - bounds.start) / boundsNs) * width
  const total = rows.length * ROW_HEIGHT
  const top = total > 0 ? Math.min(1, scroll.top / total) * MINIMAP_HEIGHT : 0
  const bottom = total > 0 ? Math.min(1, (scroll.top + scroll.height) / total) * MINIMAP_HEIGHT : MINIMAP_HEIGHT
  const nsAt = (x: number) => bounds.start + (x / Math.max(1, width)) * boundsNs
  const point = (event: React.PointerEvent) => {
    const box = event.currentTarget.getBoundingClientRect()
    return { x: Math.max(0, Math.min(width, event.clientX - box.left)), y: Math.max(0, Math.min(MINIMAP_HEIGHT, event.clientY - box.top)) }
  }

  return (
    <div
      className="wf-minimap"
      data-testid="minimap"
      style={{ width, height: MINIMAP_HEIGHT }}
      title="Drag the window to pan · drag elsewhere to zoom to a range · click to jump"
      onPointerDown={(event) => {
        if (event.button !== 0) return
        event.currentTarget.setPointerCapture(event.pointerId)
        const { x, y } = point(event)
        const inside = x >= left - 2 && x <= right + 2 && y >= top - 2 && y <= bottom + 2
        drag.current = { mode: inside ? 'move' : 'brush', x, y, start: window.start, moved: false }
      }}
      onPointerMove={(event) => {
        const state = drag.current
        if (!state) return
        const { x, y } = point(event)
        if (Math.abs(x - state.x) + Math.abs(y - state.y) > 3) state.moved = true
        if (!state.moved) return
        if (state.mode === 'move') {
          onPan(state.start + ((x - state.x) / Math.max(1, width)) * boundsNs)
          onScrollBy(((y - state.y) / MINIMAP_HEIGHT) * total)
          state.y = y
        } else {
          setBrush({ from: state.x, to: x })
        }
      }}
      onPointerUp={(event) => {
        const state = drag.current
        drag.current = null
        setBrush(null)
        if (!state) return
        const { x, y } = point(event)
        if (state.mode === 'brush' && state.moved && Math.abs(x - state.x) >= 3) {
          onRange(nsAt(Math.min(x, state.x)), nsAt(Math.max(x, state.x)))
        } else if (!state.moved) {
          // A click: center the window there, in time and in rows.
          onPan(nsAt(x) - (window.end - window.start) / 2)
          onScrollToRow(Math.floor((y / MINIMAP_HEIGHT) * rows.length))
        }
      }}
      onPointerCancel={() => {
        drag.current = null
        setBrush(null)
      }}
    >
      <canvas ref={canvasRef} className="wf-minimap-canvas" style={{ width, height: MINIMAP_HEIGHT }} />
      <span className="wf-minimap-window" data-testid="minimap-window" style={{ left, width: Math.max(2, right - left), top, height: Math.max(3, bottom - top) }} />
      {brush && <span className="wf-brush" style={{ left: Math.min(brush.from, brush.to), width: Math.abs(brush.to - brush.from) }} />}
    </div>
  )
})

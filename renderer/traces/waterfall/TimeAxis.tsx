import { useRef, useState } from 'react'
import type { TraceClock } from '../logic/clock'
import { timeTicks } from '../logic/ticks'
import type { TimeWindow } from '../logic/viewport'

interface TimeAxisProps {
  window: TimeWindow
  width: number
  clock: TraceClock
  /** Zoom to the range dragged across the axis (ns from the trace's base). */
  onRange: (from: number, to: number) => void
  onReset: () => void
}

/** Wall-clock ticks over the track; drag across it to zoom to a range, double-click to reset. */
export function TimeAxis({ window, width, clock, onRange, onReset }: TimeAxisProps) {
  const ticks = timeTicks(window, width, clock)
  const [brush, setBrush] = useState<{ from: number; to: number } | null>(null)
  const origin = useRef<number | null>(null)
  const xIn = (event: React.PointerEvent) => Math.max(0, Math.min(width, event.clientX - event.currentTarget.getBoundingClientRect().left))
  const nsAt = (x: number) => window.start + (x / Math.max(1, width)) * (window.end - window.start)

  return (
    <div
      className="wf-axis"
      data-testid="time-axis"
      style={{ width }}
      title="Drag to zoom to a range · double-click to reset"
      onPointerDown={(event) => {
        if (event.button !== 0) return
        event.currentTarget.setPointerCapture(event.pointerId)
        origin.current = xIn(event)
        setBrush({ from: origin.current, to: origin.current })
      }}
      onPointerMove={(event) => {
        if (origin.current === null) return
        setBrush({ from: origin.current, to: xIn(event) })
      }}
      onPointerUp={(event) => {
        if (origin.current === null) return
        const from = origin.current
        const to = xIn(event)
        origin.current = null
        setBrush(null)
        if (Math.abs(to - from) >= 4) onRange(nsAt(Math.min(from, to)), nsAt(Math.max(from, to)))
      }}
      onPointerCancel={() => {
        origin.current = null
        setBrush(null)
      }}
      onDoubleClick={onReset}
    >
      {ticks.map((tick) => (
        <span key={tick.offset} className="wf-tick" data-full={tick.full || undefined} style={{ left: tick.x * width }}>
          {tick.label}
        </span>
      ))}
      {brush && Math.abs(brush.to - brush.from) > 1 && (
        <span className="wf-brush" style={{ left: Math.min(brush.from, brush.to), width: Math.abs(brush.to - brush.from) }} />
      )}
    </div>
  )
}

/** The tick lines across the rows (behind them), matching the axis. */
export function GridLines({ window, width, clock }: { window: TimeWindow; width: number; clock: TraceClock }) {
  return (
    <>
      {timeTicks(window, width, clock).map((tick) => (
        <span key={tick.offset} className="wf-gridline" style={{ left: Math.round(tick.x * width) }} />
      ))}
    </>
  )
}

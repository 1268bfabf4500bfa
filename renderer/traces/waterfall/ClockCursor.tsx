import { useClock } from '../../clock/ClockContext'
import { clockLabel, offsetAtEpochMs, type TraceClock } from '../logic/clock'
import type { TimeWindow } from '../logic/viewport'

interface CursorProps {
  window: TimeWindow
  width: number
  clock: TraceClock
}

/** A vertical line at `timeMs` (epoch ms, incident clock) when it falls in the window. */
export function TimeCursor({ timeMs, playing, window, width, clock }: CursorProps & { timeMs: number | null; playing?: boolean }) {
  if (timeMs === null) return null
  const offset = offsetAtEpochMs(clock, timeMs)
  if (offset < window.start || offset > window.end) return null
  const x = ((offset - window.start) / (window.end - window.start)) * width
  return (
    <span className="wf-cursor" data-testid="clock-cursor" data-playing={playing || undefined} style={{ transform: `translateX(${x}px)` }} title={`Replay at ${clockLabel(clock, offset)}`} />
  )
}

/** The cursor following the incident's shared clock (the replay's playhead); only this re-renders as it moves. */
export function ClockCursor(props: CursorProps) {
  const timeMs = useClock((state) => state.timeMs)
  const playing = useClock((state) => state.playing)
  return <TimeCursor {...props} timeMs={timeMs} playing={playing} />
}

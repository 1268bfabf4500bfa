import { formatClockMs } from '../format/time'
import { useClock } from './ClockContext'

/** The incident's clock as a wall-clock time (local), e.g. in a pane header. */
export function ClockReadout() {
  const timeMs = useClock((state) => state.timeMs)
  const playing = useClock((state) => state.playing)
  if (timeMs === null) return null
  return (
    <span className="clock-readout" data-testid="clock-readout" data-playing={playing || undefined} title="The incident's clock (local time), shared by the panes">
      {formatClockMs(timeMs)}
    </span>
  )
}

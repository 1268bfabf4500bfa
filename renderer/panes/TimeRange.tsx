import { formatRangeMs } from '../format/time'

/** A wall-clock range with milliseconds, on the clock every pane shares. */
export function TimeRange({ label, startMs, endMs, testId }: { label: string; startMs: number; endMs: number; testId: string }) {
  return (
    <p className="time-range">
      <span className="time-range-label">{label}</span>
      <span data-testid={testId}>{formatRangeMs(startMs, endMs)}</span>
    </p>
  )
}

import type { TraceData } from '../../../shared/traces/trace-data'
import { useClock } from '../../clock/ClockContext'
import { useAnchoredSpans } from '../../findings/useAnchoredSpans'
import { usePeerSelections } from '../../pairing/PairingProvider'
import { type PeerMark, type PeerSelections, spanKey } from '../../pairing/selection'
import { offsetAtEpochMs, type TraceClock } from '../logic/clock'

/** What marks rows beyond the trace itself: the clock's time, the findings anchored to spans, the partners' selections. */
export interface RowMarks {
  /** Trace offset (ns) of the clock's time, whose spans in flight are marked; NaN with no clock. */
  clockNs: number
  /** Titles of the findings anchored to spans, by span id. */
  findings: ReadonlyMap<string, string>
  peers: PeerSelections
}

/** The row marks for `trace`; `cursorMs` (epoch ms) stands for the shared clock's time when given. */
export function useRowMarks(trace: TraceData, clock: TraceClock, cursorMs: number | null | undefined): RowMarks {
  const sharedClockMs = useClock((state) => state.timeMs)
  const clockMs = cursorMs === undefined ? sharedClockMs : cursorMs
  return {
    clockNs: clockMs === null ? Number.NaN : offsetAtEpochMs(clock, clockMs),
    findings: useAnchoredSpans(trace.traceId),
    peers: usePeerSelections(),
  }
}

export const isLive = (start: number, duration: number, clockNs: number) => start <= clockNs && clockNs <= start + duration

/** The finding title and the partners' mark on `span`, if any. */
export function marksOf(marks: RowMarks, trace: TraceData, span: number): { finding: string | undefined; peer: PeerMark | undefined } {
  const spanId = trace.spanId[span]
  return {
    finding: marks.findings.get(spanId),
    peer: marks.peers.spans.size === 0 ? undefined : marks.peers.spans.get(spanKey(trace.traceId, spanId)),
  }
}

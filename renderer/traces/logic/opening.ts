import type { TraceListItem } from '../../../shared/domain/model'
import type { Place } from '../../focus/navigation'
import { epochMsAt, traceClock } from './clock'

/** Opening a trace: the trace, no span yet, and the shared clock (the replay) at its start. */
export const traceOpening = (item: TraceListItem): Place => ({
  trace: { artifactId: item.artifactId, traceId: item.traceId },
  span: null,
  timeMs: epochMsAt(traceClock(item.startNs), 0),
})

import { useMemo } from 'react'
import { type ServiceActivity, servicesActiveAt } from '../../../shared/graph/service-activity'
import { useQuery } from '../../api/useQuery'
import { useClock } from '../../clock/ClockContext'

const NONE: ServiceActivity = {}

/**
 * The services at work at the incident clock's time (the replay's playhead). `revision` changes
 * when the incident's files or their clock offsets do. Re-renders only when the set changes.
 */
export function useServicesAtClock(incidentId: number | null, revision: string): ReadonlySet<string> {
  const activity = useQuery((client) => (incidentId === null ? Promise.resolve(NONE) : client.call('graph.activity', { incidentId })), [incidentId, revision]).data ?? NONE
  const key = useClock((state) => (state.timeMs === null ? '' : [...servicesActiveAt(activity, state.timeMs)].sort().join('\n')))
  return useMemo(() => new Set(key ? key.split('\n') : []), [key])
}

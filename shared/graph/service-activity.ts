import { z } from 'zod'

/** Per service, the times it was busy: sorted, non-overlapping [start, end] intervals in epoch ms. */
export const ServiceActivity = z.record(z.string(), z.array(z.tuple([z.number(), z.number()])))
export type ServiceActivity = z.infer<typeof ServiceActivity>

/** The services busy at `timeMs`. */
export function servicesActiveAt(activity: ServiceActivity, timeMs: number): Set<string> {
  const active = new Set<string>()
  for (const [service, intervals] of Object.entries(activity)) {
    // The last interval starting at or before timeMs.
    let low = 0
    let high = intervals.length - 1
    let found = -1
    while (low <= high) {
      const mid = (low + high) >> 1
      if (intervals[mid][0] <= timeMs) {
        found = mid
        low = mid + 1
      } else high = mid - 1
    }
    if (found >= 0 && timeMs <= intervals[found][1]) active.add(service)
  }
  return active
}

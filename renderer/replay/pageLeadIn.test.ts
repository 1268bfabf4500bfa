import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { EventType, type eventWithTime } from 'rrweb'
import { describe, expect, it } from 'vitest'
import { pageShownAt } from './pageLeadIn'

const events = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'e2e', 'fixtures', 'data', 'checkout-session.rrweb.json'), 'utf8')) as eventWithTime[]

describe('the page a replay shows', () => {
  // The recorded session goes to its cart page: a Meta event, then the page's full snapshot 82 ms later.
  const meta = events.filter((event) => event.type === EventType.Meta)[1].timestamp
  const snapshot = events.find((event) => event.type === EventType.FullSnapshot && event.timestamp > meta)!.timestamp

  it('is the page navigated to while it loads (between its Meta event and its snapshot)', () => {
    expect(snapshot - meta).toBeGreaterThan(50)
    for (const t of [meta, meta + 1, snapshot - 1]) expect(pageShownAt(events, t)).toBe(snapshot)
  })

  it("is the moment's own elsewhere: before the navigation, and once the page is there", () => {
    for (const t of [meta - 1, meta - 5, snapshot, snapshot + 40, events.at(-1)!.timestamp]) expect(pageShownAt(events, t)).toBe(t)
  })

  it('is a whole millisecond: a playhead between two events shows the earlier only', () => {
    // Two events a millisecond apart.
    const later = events.find((event, index) => index > 0 && event.timestamp === events[index - 1].timestamp + 1)!.timestamp
    const earlier = later - 1
    // rrweb applies the events before the moment + 1 ms: the later one is not among them.
    expect(pageShownAt(events, earlier + 0.6) + 1).toBeLessThanOrEqual(later)
  })
})

import type { eventWithTime, Replayer } from 'rrweb'

/**
 * Gives a replayer a new list of events, as if it had been built over them, keeping its frame:
 * a new rrweb Replayer means a new iframe, which takes tens of milliseconds to create (and as
 * many to destroy) on every seek. Its next play or pause at an offset rebuilds the page from the
 * list's snapshot in the same document, as rrweb does for a recording's later snapshots.
 */
export function reloadReplayer(replayer: Replayer, events: readonly eventWithTime[]): void {
  replayer.pause()
  const context = replayer.service.state.context
  context.events.length = 0
  // Sorted, as the Replayer constructor sorts them (stable: keyframe events stay first).
  for (const event of [...events].sort((a, b) => a.timestamp - b.timestamp)) context.events.push(event)
  // Nothing of the new list has been played: the next offset replays it from its snapshot.
  context.lastPlayedEvent = null
  // rrweb skips the first replay of the snapshot its constructor built on its own (the page is
  // still that one, it assumes); after a reload it is not, so every snapshot must be rebuilt.
  ;(replayer as unknown as { firstFullSnapshot: unknown }).firstFullSnapshot = true
}

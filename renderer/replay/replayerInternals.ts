import type { mutationData, scrollData, serializedNodeWithId, styleDeclarationData, styleSheetRuleData } from '@rrweb/types'
import { EventType, type eventWithTime, IncrementalSource, type Replayer, ReplayerEvents } from 'rrweb'

// What the replay does with rrweb's Replayer beyond its public API (rrweb 2.2), in one place.

/** The parts of rrweb's Replayer reached into. */
export interface ReplayerInternals {
  iframe: HTMLIFrameElement
  usingVirtualDom: boolean
  virtualDom: Replayer['virtualDom']
  service: Replayer['service']
  emitter: { emit(type: string, payload?: unknown): void }
  mirror: ReturnType<Replayer['getMirror']>
  firstFullSnapshot: unknown
  constructedStyleMutations: unknown[]
  adoptedStyleSheets: unknown[]
  rebuildFullSnapshot(event: eventWithTime, isSync?: boolean): void
  attachDocumentToIframe(mutation: { node: serializedNodeWithId }, iframe: { contentDocument: unknown }): void
  insertStyleRules(documentElement: unknown, head: unknown): void
  applyScroll(data: scrollData, isSync: boolean): void
  applyInput(data: unknown): void
  applyStyleSheetMutation(data: unknown): void
  applyAdoptedStyleSheet(data: unknown): void
  applyStyleSheetRule(data: styleSheetRuleData, sheet: CSSStyleSheet): void
  applyStyleDeclaration(data: styleDeclarationData, sheet: CSSStyleSheet): void
  applyMutation(data: mutationData, isSync: boolean): void
}

export const internalsOf = (replayer: Replayer): ReplayerInternals => replayer as unknown as ReplayerInternals

/** The mirror's maps from ids to nodes and from nodes to their serialized form (reset() replaces both). */
export const mirrorMaps = (mirror: ReplayerInternals['mirror']) => mirror as unknown as { idNodeMap: Map<number, Node>; nodeMetaMap: WeakMap<Node, unknown> }

/** The class rrweb puts on the page's root while paused (its rule pauses the page's animations). */
export const PAUSED_CLASS = 'rrweb-paused'

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
  internalsOf(replayer).firstFullSnapshot = true
}

/**
 * rrweb's pause(offset), without taking the paused class off the page and putting it back: its
 * rule selects every element, so each toggle restyles the whole page.
 */
export function pauseReplayerAt(replayer: Replayer, offset: number): void {
  const internals = internalsOf(replayer)
  if (!replayer.service.state.matches('paused')) replayer.service.send({ type: 'PAUSE' })
  seekOnce(replayer, () => replayer.service.send({ type: 'PLAY', payload: { timeOffset: offset } }))
  replayer.service.send({ type: 'PAUSE' })
  internals.iframe.contentDocument?.documentElement?.classList.add(PAUSED_CLASS)
  internals.emitter.emit(ReplayerEvents.Pause)
}

/** rrweb's play(offset), noting what it applied at once as played (see seekOnce). */
export function playReplayerAt(replayer: Replayer, offset: number): void {
  seekOnce(replayer, () => replayer.play(offset))
}

/**
 * Runs a seek, after which every event before the offset counts as played. rrweb takes a batch
 * of mouse moves, when it is the last event played, as played only from its first position on
 * (in playback it is cast that early, before the events stamped between). A seek applies them
 * all at once, though: the next seek forward then applied those events again, and a mutation
 * applied twice loses its removals for good (rrweb filters the event's own list of them), so a
 * later replay of it left removed text on the page. The last event a seek applied is swapped
 * for a marker stamped at its time.
 */
function seekOnce(replayer: Replayer, seek: () => void): void {
  const before = replayer.service.state.context.lastPlayedEvent
  seek()
  const context = replayer.service.state.context
  const last = context.lastPlayedEvent
  if (!last || last === before || !isMouseMoves(last)) return
  context.lastPlayedEvent = { type: EventType.Custom, timestamp: last.timestamp, data: { tag: 'casefile:played-up-to', payload: null } }
}

const isMouseMoves = (event: eventWithTime) => event.type === EventType.IncrementalSnapshot && event.data.source === IncrementalSource.MouseMove

/**
 * rrweb's applyMutation drops, from the event itself, the removals of nodes it does not find.
 * Events are kept (chunk cache) and replayed again from other snapshots: it gets a copy.
 */
export function keepEventsIntact(replayer: Replayer): void {
  const internals = internalsOf(replayer)
  const applyMutation = internals.applyMutation.bind(internals)
  internals.applyMutation = (data, isSync) => applyMutation({ ...data }, isSync)
}

import { KEYFRAME_FLAG } from '../../../shared/domain/model'
import { EventType, IncrementalSource, MediaInteractions, NodeType } from '@rrweb/types'
import type { RrwebEvent } from '../../../shared/formats/rrweb'
import { isObject, SerializedDom, type SerializedNode } from './serialized-dom'

// Follows a recording event by event and writes, on request, a keyframe: the events that put a
// replayer where the recording is at that moment, without the events before it. A Meta event, a
// full snapshot of the followed DOM (form values, scroll positions and media states folded into
// the attributes a snapshot carries them in), then the stylesheet, font and custom-element events
// since the last recorded snapshot, which a snapshot cannot hold. Keyframe events carry
// KEYFRAME_FLAG: they are Casefile's, not the recording's.

/** Recorded events a keyframe repeats after its snapshot, and the style element they edit (if any). */
interface Carried {
  styleElementId: number | null
  event: RrwebEvent
}

interface MediaClock {
  currentTime: number
  atMs: number
  rate: number
}

const numberOr = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback)

export class KeyframeBuilder {
  private dom: SerializedDom | null = null
  private page = { href: '', width: 0, height: 0 }
  private scroll = { left: 0, top: 0 }
  private carried: Carried[] = []
  private readonly playing = new Map<SerializedNode, MediaClock>()
  private lastIncrementalMs = -Infinity

  /** Takes in the recording's next event (in stored order). Never throws: what it cannot follow, it stops following. */
  apply(event: RrwebEvent): void {
    try {
      this.take(event)
    } catch {
      this.dom?.lose('an event it could not follow')
    }
  }

  /** The keyframe for `timestamp` as event JSON texts, or null when the followed DOM is not the replay's. */
  keyframe(timestamp: number): string[] | null {
    const dom = this.dom
    if (!dom || dom.lost) return null
    try {
      for (const [node, clock] of this.playing) {
        node.attributes!.rr_mediaCurrentTime = clock.currentTime + (Math.max(0, timestamp - clock.atMs) / 1000) * clock.rate
      }
      const flag = { [KEYFRAME_FLAG]: true }
      return [
        JSON.stringify({ type: EventType.Meta, timestamp, data: { ...this.page }, ...flag }),
        JSON.stringify({ type: EventType.FullSnapshot, timestamp, data: { node: dom.snapshotRoot(), initialOffset: { ...this.scroll } }, ...flag }),
        ...this.carried.map(({ event }) => JSON.stringify({ ...event, timestamp, ...flag })),
      ]
    } catch {
      // A tree too deep to write out, say.
      dom.lose('a snapshot it could not write')
      return null
    }
  }

  private take(event: RrwebEvent): void {
    const data = isObject(event.data) ? event.data : {}
    if (event.type === EventType.Meta) {
      this.page = { href: typeof data.href === 'string' ? data.href : '', width: numberOr(data.width, 0), height: numberOr(data.height, 0) }
    } else if (event.type === EventType.FullSnapshot) {
      this.startFrom(event, data)
    } else if (event.type === EventType.IncrementalSnapshot && this.dom && !this.dom.lost) {
      // The replayer plays events in time order; a keyframe built in stored order would differ.
      if (event.timestamp < this.lastIncrementalMs) return this.dom.lose('events out of order')
      this.lastIncrementalMs = event.timestamp
      this.incremental(event, data, this.dom)
    }
  }

  private startFrom(event: RrwebEvent, data: Record<string, unknown>): void {
    this.carried = []
    this.playing.clear()
    this.lastIncrementalMs = event.timestamp
    const offset = isObject(data.initialOffset) ? data.initialOffset : {}
    this.scroll = { left: numberOr(offset.left, 0), top: numberOr(offset.top, 0) }
    const node = data.node
    if (!isObject(node) || node.type !== NodeType.Document || typeof node.id !== 'number') {
      this.dom = null
      return
    }
    // Its own copy: the tree is edited in place from here on.
    this.dom = new SerializedDom(structuredClone(node) as SerializedNode, {
      styleReset: (id) => (this.carried = this.carried.filter((entry) => entry.styleElementId !== id)),
    })
  }

  private incremental(event: RrwebEvent, data: Record<string, unknown>, dom: SerializedDom): void {
    switch (data.source) {
      case IncrementalSource.Mutation:
        return dom.applyMutation(data)
      case IncrementalSource.Scroll:
        return this.scrolled(data, dom)
      case IncrementalSource.ViewportResize:
        this.page = { ...this.page, width: numberOr(data.width, this.page.width), height: numberOr(data.height, this.page.height) }
        return
      case IncrementalSource.Input:
        return this.input(data, dom)
      case IncrementalSource.MediaInteraction:
        return this.media(event, data, dom)
      case IncrementalSource.StyleSheetRule:
      case IncrementalSource.StyleDeclaration:
        this.carried.push({ styleElementId: typeof data.id === 'number' ? data.id : null, event: structuredClone(event) })
        return
      case IncrementalSource.Font:
      case IncrementalSource.AdoptedStyleSheet:
      case IncrementalSource.CustomElement:
        this.carried.push({ styleElementId: null, event: structuredClone(event) })
        return
      default:
      // Mouse, touch, selection, canvas (not replayed here), logs: nothing a snapshot holds.
    }
  }

  private scrolled(data: Record<string, unknown>, dom: SerializedDom): void {
    const x = numberOr(data.x, 0)
    const y = numberOr(data.y, 0)
    if (data.id === dom.root.id) {
      this.scroll = { left: x, top: y }
      return
    }
    const target = dom.node(data.id)
    if (target?.type !== NodeType.Element) return
    const attributes = (target.attributes ??= {})
    for (const [name, value] of [['rr_scrollLeft', x] as const, ['rr_scrollTop', y] as const]) {
      if (value) attributes[name] = value
      else delete attributes[name]
    }
  }

  /** A form value, where a snapshot keeps it: `value`, `checked`, an option's `selected`. */
  private input(data: Record<string, unknown>, dom: SerializedDom): void {
    const target = dom.node(data.id)
    if (target?.type !== NodeType.Element) return
    const attributes = (target.attributes ??= {})
    const text = typeof data.text === 'string' ? data.text : undefined
    if (target.tagName === 'input') {
      const type = String(attributes.type ?? '').toLowerCase()
      if (type === 'checkbox' || type === 'radio') {
        if (data.isChecked === true) attributes.checked = true
        else if (data.isChecked === false) delete attributes.checked
      } else if (text !== undefined) {
        attributes.value = text
      }
    } else if (target.tagName === 'textarea' && text !== undefined) {
      dom.clearChildren(target)
      attributes.value = text
    } else if (target.tagName === 'select' && text !== undefined) {
      const stack = [...(target.childNodes ?? [])]
      while (stack.length > 0) {
        const node = stack.pop()!
        if (node.type !== NodeType.Element) continue
        if (node.tagName === 'option') {
          const optionAttributes = (node.attributes ??= {})
          const value = typeof optionAttributes.value === 'string' ? optionAttributes.value : (node.childNodes ?? []).map((child) => child.textContent ?? '').join('').trim()
          if (value === text) optionAttributes.selected = true
          else delete optionAttributes.selected
        } else {
          stack.push(...(node.childNodes ?? []))
        }
      }
    }
  }

  /** Play state, position, volume and rate, in the rr_media* attributes a snapshot carries them in. */
  private media(event: RrwebEvent, data: Record<string, unknown>, dom: SerializedDom): void {
    const target = dom.node(data.id)
    if (target?.type !== NodeType.Element) return
    const attributes = (target.attributes ??= {})
    if (data.type === MediaInteractions.Play) attributes.rr_mediaState = 'played'
    if (data.type === MediaInteractions.Pause) attributes.rr_mediaState = 'paused'
    if (typeof data.currentTime === 'number') attributes.rr_mediaCurrentTime = data.currentTime
    if (typeof data.volume === 'number') attributes.rr_mediaVolume = data.volume
    if (typeof data.muted === 'boolean') attributes.rr_mediaMuted = data.muted
    if (typeof data.loop === 'boolean') attributes.rr_mediaLoop = data.loop
    if (typeof data.playbackRate === 'number') attributes.rr_mediaPlaybackRate = data.playbackRate
    if (attributes.rr_mediaState === 'played') {
      this.playing.set(target, { currentTime: numberOr(attributes.rr_mediaCurrentTime, 0), atMs: event.timestamp, rate: numberOr(attributes.rr_mediaPlaybackRate, 1) })
    } else {
      this.playing.delete(target)
    }
  }
}

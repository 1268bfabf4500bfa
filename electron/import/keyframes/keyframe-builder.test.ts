import { describe, expect, it } from 'vitest'
import type { RrwebEvent } from '../../../shared/formats/rrweb'
import { KEYFRAME_FLAG } from '../../../shared/domain/model'
import { KeyframeBuilder } from './keyframe-builder'
import type { SerializedNode } from './serialized-dom'

// Serialized nodes as rrweb writes them: {type, id, ...}. Element 2, text 3, document 0.
const el = (id: number, tagName: string, attributes: Record<string, unknown> = {}, childNodes: SerializedNode[] = []): SerializedNode => ({
  type: 2,
  id,
  tagName,
  attributes,
  childNodes,
})
const text = (id: number, textContent: string): SerializedNode => ({ type: 3, id, textContent })
const page = (body: SerializedNode[]): SerializedNode => ({
  type: 0,
  id: 1,
  childNodes: [el(2, 'html', {}, [el(3, 'head'), el(4, 'body', {}, body)])],
})

let clock = 1000
const meta = (width = 1280, height = 800): RrwebEvent => ({ type: 4, timestamp: clock++, data: { href: 'https://shop.example/', width, height } })
const snapshot = (root: SerializedNode): RrwebEvent => ({ type: 2, timestamp: clock++, data: { node: root, initialOffset: { left: 0, top: 0 } } })
const incremental = (source: number, data: Record<string, unknown>): RrwebEvent => ({ type: 3, timestamp: clock++, data: { source, ...data } })
const mutation = (data: { adds?: unknown[]; removes?: unknown[]; texts?: unknown[]; attributes?: unknown[]; isAttachIframe?: boolean }) =>
  incremental(0, { adds: [], removes: [], texts: [], attributes: [], ...data })

/** Follows `events` and returns the keyframe's events, parsed. */
function keyframeAfter(events: RrwebEvent[], at = 99_000): Array<RrwebEvent & Record<string, unknown>> | null {
  const builder = new KeyframeBuilder()
  for (const event of events) builder.apply(event)
  return builder.keyframe(at)?.map((json) => JSON.parse(json)) ?? null
}

/** The keyframe's body, as [tag or text, children] for reading. */
function outline(node: SerializedNode): unknown {
  if (node.type === 3) return node.textContent
  return [`${node.tagName}#${node.id}`, ...(node.childNodes ?? []).map(outline)]
}
const bodyOf = (keyframe: Array<RrwebEvent & Record<string, unknown>>) => {
  const root = (keyframe[1].data as { node: SerializedNode }).node
  return root.childNodes![0].childNodes![1]
}

describe('KeyframeBuilder', () => {
  it('writes a Meta event and a full snapshot at the time asked, flagged as a keyframe', () => {
    const keyframe = keyframeAfter([meta(), snapshot(page([el(5, 'p', {}, [text(6, 'hello')])]))], 5_000)!
    expect(keyframe.map((event) => [event.type, event.timestamp, event[KEYFRAME_FLAG]])).toEqual([
      [4, 5_000, true],
      [2, 5_000, true],
    ])
    expect(keyframe[0].data).toEqual({ href: 'https://shop.example/', width: 1280, height: 800 })
    expect(outline(bodyOf(keyframe))).toEqual(['body#4', ['p#5', 'hello']])
  })

  it('applies adds, removes, texts and attributes as the replayer does', () => {
    const keyframe = keyframeAfter([
      meta(),
      snapshot(page([el(5, 'ul', {}, [el(6, 'li', { style: 'color: red;' }, [text(7, 'a')])]), el(8, 'p', {}, [text(9, 'x')])])),
      mutation({
        // The text's parent comes later in the same mutation; the new item goes before item 6.
        adds: [
          { parentId: 10, nextId: null, node: text(11, 'b') },
          { parentId: 5, nextId: 6, node: el(10, 'li') },
          { parentId: 5, nextId: null, node: el(12, 'li') },
        ],
        removes: [{ parentId: 4, id: 8 }],
        texts: [
          { id: 7, value: 'first' },
          { id: 7, value: 'A' },
        ],
        attributes: [
          { id: 5, attributes: { class: 'list' } },
          { id: 6, attributes: { style: { color: false, 'font-weight': 'bold', margin: ['0', 'important'] } } },
        ],
      }),
      mutation({ attributes: [{ id: 5, attributes: { class: null, 'data-x': '1' } }] }),
    ])!
    const body = bodyOf(keyframe)
    expect(outline(body)).toEqual(['body#4', ['ul#5', ['li#10', 'b'], ['li#6', 'A'], ['li#12']]])
    const list = body.childNodes![0]
    expect(list.attributes).toEqual({ 'data-x': '1' })
    expect(list.childNodes![1].attributes).toEqual({ style: 'font-weight: bold; margin: 0 !important;' })
  })

  it('moves a node added again unchanged, with its children; a changed one is built anew and the old one kept under an id of its own', () => {
    const keyframe = keyframeAfter([
      meta(),
      snapshot(page([el(5, 'div', {}, [el(6, 'span', { class: 'a' }, [text(7, 'moved')])]), el(8, 'div'), el(9, 'em', { class: 'old' })])),
      // rrweb records a move as an add of the same node; its mirror reuses the node when what it
      // first knew of it matches, else builds a new one (the old one stays where it was).
      mutation({ adds: [{ parentId: 8, nextId: null, node: el(6, 'span', { class: 'a' }) }] }),
      mutation({ adds: [{ parentId: 8, nextId: null, node: el(9, 'em', { class: 'new' }) }] }),
    ])!
    const body = bodyOf(keyframe)
    expect(outline(body)).toEqual(['body#4', ['div#5'], ['div#8', ['span#6', 'moved'], ['em#9']], ['em#-1']])
    expect(body.childNodes![2].attributes).toEqual({ class: 'old' })
  })

  it('keeps form values, scroll positions and the viewport where a snapshot carries them', () => {
    const keyframe = keyframeAfter([
      meta(),
      snapshot(
        page([
          el(5, 'input', { type: 'text' }),
          el(6, 'input', { type: 'checkbox' }),
          el(7, 'select', {}, [el(8, 'option', { value: 'a', selected: true }, [text(9, 'A')]), el(10, 'option', { value: 'b' }, [text(11, 'B')])]),
          el(12, 'textarea', { value: 'old' }),
          el(13, 'div', { style: 'overflow: auto' }),
        ]),
      ),
      incremental(5, { id: 5, text: 'typed', isChecked: false }),
      incremental(5, { id: 6, text: 'on', isChecked: true }),
      incremental(5, { id: 7, text: 'b', isChecked: false }),
      incremental(5, { id: 12, text: 'new text', isChecked: false }),
      incremental(3, { id: 13, x: 0, y: 240 }),
      incremental(3, { id: 1, x: 0, y: 900 }),
      incremental(4, { width: 390, height: 844 }),
    ])!
    expect(keyframe[0].data).toMatchObject({ width: 390, height: 844 })
    expect((keyframe[1].data as { initialOffset: unknown }).initialOffset).toEqual({ left: 0, top: 900 })
    const [input, checkbox, select, textarea, scroller] = bodyOf(keyframe).childNodes!
    expect(input.attributes).toEqual({ type: 'text', value: 'typed' })
    expect(checkbox.attributes).toEqual({ type: 'checkbox', checked: true })
    expect(select.childNodes!.map((option) => option.attributes)).toEqual([{ value: 'a' }, { value: 'b', selected: true }])
    expect(textarea.attributes).toEqual({ value: 'new text' })
    expect(scroller.attributes).toEqual({ style: 'overflow: auto', rr_scrollTop: 240 })
  })

  it('repeats stylesheet rule edits after the snapshot, until the style element is rewritten', () => {
    const styled = [meta(), snapshot(page([el(5, 'style', {}, [{ ...text(6, 'p { color: red }'), isStyle: true }])]))]
    const rule = incremental(8, { id: 5, adds: [{ rule: 'p { margin: 0 }', index: 1 }] })
    const font = incremental(10, { family: 'Brand', fontSource: 'url(brand.woff2)', buffer: false })
    const kept = keyframeAfter([...styled, rule, font], 7_000)!
    expect(kept.slice(2).map((event) => [(event.data as { source: number }).source, event.timestamp, event[KEYFRAME_FLAG]])).toEqual([
      [8, 7_000, true],
      [10, 7_000, true],
    ])
    const rewritten = keyframeAfter([...styled, rule, font, mutation({ texts: [{ id: 6, value: 'p { color: blue }' }] })])!
    expect(rewritten.slice(2).map((event) => (event.data as { source: number }).source)).toEqual([10])
  })

  it('writes none from a nested document, a malformed mutation or events out of order, until the next full snapshot', () => {
    const start = [meta(), snapshot(page([el(5, 'iframe')]))]
    expect(keyframeAfter([...start, mutation({ adds: [{ parentId: 5, nextId: null, node: { type: 0, id: 20, childNodes: [] } }], isAttachIframe: true })])).toBeNull()
    expect(keyframeAfter([...start, incremental(0, { adds: 'nonsense' })])).toBeNull()
    const late = { ...mutation({ texts: [] }), timestamp: 0 }
    expect(keyframeAfter([...start, mutation({}), late])).toBeNull()
    expect(keyframeAfter([...start, incremental(0, { adds: 'nonsense' }), meta(), snapshot(page([]))])).not.toBeNull()
    expect(keyframeAfter([meta()])).toBeNull()
  })
})

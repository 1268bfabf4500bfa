import { describe, expect, it } from 'vitest'
import type { Finding } from '../../shared/findings/model'
import { anchorKinds, captureAnchors, NO_ANCHORS, showsWhat, withoutAnchor } from './anchors'
import { draftInput, draftMarkdown, draftOf, draftProblems, newDraft, parseTags } from './draft'
import { placeOfAnchors } from './place'
import { SEVERITIES } from './severity'
import { anchoredSpans, matchesFilter, NO_FILTER, tagCounts, timelineOrder } from './timeline'

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736'
const SPAN = '4925562e26609412'

let nextId = 1
function finding(patch: Partial<Omit<Finding, 'anchors'>> & { anchors?: Partial<Finding['anchors']> } = {}): Finding {
  const id = nextId++
  return {
    id,
    incidentId: 1,
    title: `finding ${id}`,
    notes: '',
    severity: 'medium',
    tags: [],
    author: 'ana',
    createdAt: 1000 + id,
    updatedAt: 1000 + id,
    links: [],
    ...patch,
    anchors: { ...NO_ANCHORS, timeMs: 5000, ...patch.anchors },
  }
}

describe('anchors captured from what is on screen', () => {
  it('takes the replay moment, the selected span of the open trace and the picked service', () => {
    const anchors = captureAnchors({ clockMs: 1764050017123.6, clockAtStart: false, trace: { traceId: TRACE }, span: { spanId: SPAN }, service: 'payments', edge: null })
    expect(anchors).toEqual({ timeMs: 1764050017124, traceId: TRACE, spanId: SPAN, node: 'payments', edge: null })
    expect(anchorKinds(anchors)).toEqual(['time', 'span', 'node'])
  })

  it('takes the call picked in the diagram', () => {
    const anchors = captureAnchors({ clockMs: null, clockAtStart: false, trace: null, span: null, service: null, edge: 'checkout→payments' })
    expect(anchors).toEqual({ ...NO_ANCHORS, edge: 'checkout→payments' })
    expect(anchorKinds(anchors)).toEqual(['edge'])
    expect(withoutAnchor(anchors, 'edge')).toEqual(NO_ANCHORS)
  })

  it('leaves out the moment of a replay still where it opened when a span, service or call is picked, and keeps it alone', () => {
    const picked = { clockMs: 1764050000000, clockAtStart: true, trace: null, span: null, service: 'payments', edge: null }
    expect(captureAnchors(picked)).toEqual({ ...NO_ANCHORS, node: 'payments' })
    expect(captureAnchors({ ...picked, service: null })).toEqual({ ...NO_ANCHORS, timeMs: 1764050000000 })
  })

  it('says what showing a finding brings back, by its anchors', () => {
    expect(showsWhat({ ...NO_ANCHORS, timeMs: 1, traceId: TRACE, spanId: SPAN })).toBe('Show it: the replay at its moment, its span selected')
    expect(showsWhat({ ...NO_ANCHORS, node: 'payments' })).toBe('Show it: its service picked')
  })

  it('has no moment without a replay, and no span while a trace is still landing or none is open', () => {
    expect(captureAnchors({ clockMs: null, clockAtStart: false, trace: { traceId: TRACE }, span: { land: 'error' }, service: null, edge: null })).toEqual(NO_ANCHORS)
    expect(captureAnchors({ clockMs: null, clockAtStart: false, trace: null, span: { spanId: SPAN }, service: null, edge: null })).toEqual(NO_ANCHORS)
    expect(anchorKinds(NO_ANCHORS)).toEqual([])
  })

  it('drops one anchor at a time, a span with its trace', () => {
    const anchors = captureAnchors({ clockMs: 10, clockAtStart: false, trace: { traceId: TRACE }, span: { spanId: SPAN }, service: 'payments', edge: null })
    expect(withoutAnchor(anchors, 'span')).toEqual({ ...anchors, traceId: null, spanId: null })
    expect(anchorKinds(withoutAnchor(anchors, 'time'))).toEqual(['span', 'node'])
  })

  it('restores to the moment (else the span\'s start) and the span in its trace, zoomed in on', () => {
    expect(placeOfAnchors({ ...NO_ANCHORS, timeMs: 42, traceId: TRACE, spanId: SPAN })).toEqual({
      timeMs: 42,
      trace: { traceId: TRACE, artifactId: null },
      span: { spanId: SPAN, zoom: true },
    })
    expect(placeOfAnchors({ ...NO_ANCHORS, node: 'payments' })).toEqual({})
    // Without a moment, the replay goes to the span's start once the waterfall has found it.
    expect(placeOfAnchors({ ...NO_ANCHORS, traceId: TRACE, spanId: SPAN }).span).toEqual({ spanId: SPAN, zoom: true, seek: true })
  })
})

describe('the form', () => {
  it('needs a title and an anchor', () => {
    expect(draftProblems(newDraft(NO_ANCHORS, 'ana'))).toEqual({
      title: 'A finding needs a title.',
      anchors: 'Anchor it to something: a moment of the replay, a span, a service or a call.',
    })
    expect(draftProblems({ ...newDraft({ ...NO_ANCHORS, timeMs: 1 }, ''), title: 'Acquirer timed out' })).toEqual({})
  })

  it('reads tags comma-separated, in lower case, a leading # dropped', () => {
    expect(parseTags(' db, Timeout ,,db, DB, payments, #payments, ## ')).toEqual(['db', 'timeout', 'payments'])
    expect(draftProblems({ ...newDraft({ ...NO_ANCHORS, timeMs: 1 }, ''), title: 't', tagsText: 'x'.repeat(51) }).tags).toBe('Tags are at most 50 characters.')
  })

  it('saves what was typed, trimmed, and edits a finding as it is', () => {
    const draft = { ...newDraft({ ...NO_ANCHORS, timeMs: 1 }, ' ana '), title: ' Acquirer timed out ', tagsText: 'payments, db', notes: '**slow**' }
    const input = draftInput(draft)
    expect(input).toEqual({ title: 'Acquirer timed out', notes: '**slow**', severity: 'medium', tags: ['payments', 'db'], author: 'ana', anchors: draft.anchors })
    const saved = finding({ ...input, anchors: input.anchors })
    expect(draftInput(draftOf(saved))).toEqual({ ...input, anchors: saved.anchors })
  })

  it('copies as Markdown with its anchors, for a guest whose host ended the session', () => {
    const anchors = { timeMs: Date.UTC(2026, 10, 25, 6, 35, 0, 574), traceId: '59e1f996', spanId: '4925562e', node: 'payment-service', edge: 'checkout-service→payment-service' }
    const draft = { ...newDraft(anchors, 'Bo'), title: 'Acquirer timeout', severity: 'high' as const, tagsText: 'Payments, #timeout', notes: 'Times out after **180 ms**.\n' }
    expect(draftMarkdown(draft)).toBe(
      [
        '### Acquirer timeout',
        '',
        'high · Bo · payments, timeout',
        '',
        'Anchored to: moment 2026-11-25T06:35:00.574Z; span 4925562e (trace 59e1f996); service payment-service; call checkout-service→payment-service',
        '',
        'Times out after **180 ms**.',
        '',
      ].join('\n'),
    )
    expect(draftMarkdown(newDraft({ ...NO_ANCHORS, node: 'cart-service' }, ''))).toBe('### Untitled finding\n\nmedium\n\nAnchored to: service cart-service\n')
  })
})

describe('the timeline', () => {
  it('orders by anchored time, findings without one last in the order they were written', () => {
    const late = finding({ anchors: { timeMs: 9000 } })
    const untimedFirst = finding({ anchors: { timeMs: null, node: 'payments' } })
    const early = finding({ anchors: { timeMs: 1000 } })
    const untimedSecond = finding({ anchors: { timeMs: null, node: 'db' } })
    const sameAsLate = finding({ anchors: { timeMs: 9000 } })
    expect(timelineOrder([late, untimedFirst, early, untimedSecond, sameAsLate]).map((f) => f.id)).toEqual([
      early.id,
      late.id,
      sameAsLate.id,
      untimedFirst.id,
      untimedSecond.id,
    ])
  })

  it('filters by any chosen tag and any chosen severity', () => {
    const db = finding({ tags: ['db'], severity: 'high' })
    const payments = finding({ tags: ['payments', 'timeout'], severity: 'critical' })
    const bare = finding({ severity: 'info' })
    const shown = (tags: string[], severities: Finding['severity'][]) =>
      [db, payments, bare].filter((f) => matchesFilter(f, { tags: new Set(tags), severities: new Set(severities) })).map((f) => f.id)
    expect([db, payments, bare].filter((f) => matchesFilter(f, NO_FILTER))).toHaveLength(3)
    expect(shown(['timeout', 'db'], [])).toEqual([db.id, payments.id])
    expect(shown([], ['critical', 'info'])).toEqual([payments.id, bare.id])
    expect(shown(['db'], ['critical'])).toEqual([])
    expect(tagCounts([db, payments, finding({ tags: ['db'] })])).toEqual([
      { tag: 'db', count: 2 },
      { tag: 'payments', count: 1 },
      { tag: 'timeout', count: 1 },
    ])
    // Tags differing only in case are one tag.
    const shouting = finding({ tags: ['DB'] })
    expect(tagCounts([db, shouting])).toEqual([{ tag: 'db', count: 2 }])
    expect([db, shouting].filter((f) => matchesFilter(f, { tags: new Set(['db']), severities: new Set() }))).toHaveLength(2)
  })

  it('knows which spans of a trace findings anchor', () => {
    const one = finding({ title: 'slow acquirer', anchors: { traceId: TRACE, spanId: SPAN } })
    const two = finding({ title: 'retry storm', anchors: { traceId: TRACE, spanId: SPAN } })
    const spans = anchoredSpans([one, two], TRACE)
    expect([...spans]).toEqual([[SPAN, 'slow acquirer; retry storm']])
    expect(anchoredSpans([one], 'f'.repeat(32)).size).toBe(0)
  })

  it('lists severities most severe first', () => {
    expect(SEVERITIES).toEqual(['critical', 'high', 'medium', 'low', 'info'])
  })
})

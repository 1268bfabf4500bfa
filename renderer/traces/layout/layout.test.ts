import { describe, expect, it } from 'vitest'
import { buildTraceData, type SpanSpec } from '../../../shared/traces/build-trace'
import { criticalPath } from '../../../shared/traces/critical-path'
import { buildTree } from '../../../shared/traces/tree'
import { childrenOf, computeLayout, treeAround } from './layout'
import { collapseAll, expandTo, reveal, rowOf, visibleRows, withAncestors } from './rows'
import { selfTime } from '../../../shared/traces/stats'

const span = (name: string, start: number, duration: number, children: SpanSpec[] = [], extra: Partial<SpanSpec> = {}): SpanSpec => ({
  service: extra.service ?? 'svc',
  name,
  start,
  duration,
  children,
  ...extra,
})

// root ─┬─ a ── a1 (error)
//       └─ b ─┬─ b1
//             └─ b2 (other host, outside its parent: skew)
const sample = () =>
  buildTraceData([
    span('root', 0, 100, [
      span('a', 10, 30, [span('a1', 12, 5, [], { error: true })]),
      span('b', 50, 40, [span('b1', 55, 10), span('b2', 200, 10, [], { host: 'other' })]),
    ]),
  ])

const names = (trace: ReturnType<typeof sample>, spans: ArrayLike<number>) => Array.from(spans, (i) => trace.names[trace.name[i]])

describe('trace layout', () => {
  it('keeps the display order, depths, subtree sizes and children', () => {
    const trace = sample()
    const layout = computeLayout(trace)
    expect(names(trace, layout.order)).toEqual(['root', 'a', 'a1', 'b', 'b1', 'b2'])
    expect(Array.from(layout.order, (s) => layout.depth[s])).toEqual([0, 1, 2, 1, 2, 2])
    expect(Array.from(layout.order, (s) => layout.size[s])).toEqual([6, 2, 1, 3, 1, 1])
    expect(names(trace, childrenOf(layout, layout.order[0]))).toEqual(['a', 'b'])
    expect(names(trace, childrenOf(layout, layout.order[3]))).toEqual(['b1', 'b2'])
    expect(layout.displayParent[layout.order[0]]).toBe(-1)
    expect(layout.maxDepth).toBe(2)
    expect(layout.pos[layout.order[4]]).toBe(4)
  })

  it('moves skewed spans and keeps the critical path per span', () => {
    const trace = sample()
    const layout = computeLayout(trace)
    const b2 = layout.order[5]
    expect(layout.adjusted[b2]).toBe(1)
    expect(layout.adjustedCount).toBe(1)
    expect(layout.skewStart[b2]).toBe(65) // centered in b (50 … 90)
    expect(layout.rawMax).toBe(210)
    expect(layout.skewMax).toBe(100)

    const segments = criticalPath(trace, buildTree(trace))
    const flat: Array<[number, number, number]> = []
    for (let s = 0; s < layout.count; s++) {
      for (let k = layout.critStart[s]; k < layout.critStart[s + 1]; k++) flat.push([s, layout.segStart[k], layout.segEnd[k]])
    }
    expect(flat.sort((x, y) => x[1] - y[1])).toEqual(segments.map((segment) => [segment.span, segment.start, segment.end]))
    expect(Array.from(layout.critical).filter(Boolean).length).toBe(new Set(segments.map((segment) => segment.span)).size)
  })

  it('gives the shared selfTime what it needs', () => {
    const trace = sample()
    const layout = computeLayout(trace)
    const root = layout.order[0]
    expect(selfTime(trace, treeAround(layout, root), root)).toBe(selfTime(trace, buildTree(trace), root))
  })

  it('survives a parent cycle: the first span of it becomes a root with the rest below', () => {
    const trace = buildTraceData([span('x', 0, 10), span('y', 1, 10), span('z', 2, 10)])
    trace.parent = [1, 0, -1]
    const layout = computeLayout(trace)
    expect(Array.from(layout.size)).toEqual([2, 1, 1])
    expect(visibleRows(layout, collapseAll(layout))).toHaveLength(2)
    expect(visibleRows(layout, new Uint8Array(3))).toHaveLength(3)
  })

  it('lays out 100,000 spans in one go', () => {
    const roots = [span('root', 0, 1_000_000)]
    const trace = buildTraceData(roots)
    for (let i = 1; i < 100_000; i++) {
      trace.spanId.push(i.toString(16).padStart(16, '0'))
      trace.rowId.push(i + 1)
      trace.parent.push(Math.floor((i - 1) / 3))
      for (const column of [trace.service, trace.name, trace.host, trace.kind, trace.error]) column.push(0)
      trace.start.push(i)
      trace.duration.push(10)
    }
    const layout = computeLayout(trace)
    expect(layout.count).toBe(100_000)
    expect(layout.size[0]).toBe(100_000)
    expect(visibleRows(layout, new Uint8Array(layout.count))).toHaveLength(100_000)
  })
})

describe('visible rows', () => {
  it('hides collapsed subtrees', () => {
    const trace = sample()
    const layout = computeLayout(trace)
    const collapsed = new Uint8Array(layout.count)
    collapsed[layout.order[3]] = 1 // b
    expect(names(trace, visibleRows(layout, collapsed))).toEqual(['root', 'a', 'a1', 'b'])
    expect(names(trace, visibleRows(layout, collapseAll(layout)))).toEqual(['root'])
  })

  it('expands just the way to marked spans', () => {
    const trace = sample()
    const layout = computeLayout(trace)
    const errors = Uint8Array.from(trace.error)
    expect(names(trace, visibleRows(layout, expandTo(layout, errors)))).toEqual(['root', 'a', 'a1', 'b'])
  })

  it('filters to kept spans and their ancestors', () => {
    const trace = sample()
    const layout = computeLayout(trace)
    const keep = new Uint8Array(layout.count)
    keep[layout.order[4]] = 1 // b1
    expect(names(trace, visibleRows(layout, new Uint8Array(layout.count), keep))).toEqual(['root', 'b', 'b1'])
    expect(Array.from(withAncestors(layout, keep)).filter(Boolean)).toHaveLength(3)
  })

  it('reveals a hidden span by expanding its ancestors, and finds rows', () => {
    const trace = sample()
    const layout = computeLayout(trace)
    const collapsed = collapseAll(layout)
    const a1 = layout.order[2]
    const opened = reveal(layout, collapsed, a1)
    expect(opened).not.toBe(collapsed)
    const rows = visibleRows(layout, opened)
    expect(names(trace, rows)).toEqual(['root', 'a', 'a1', 'b'])
    expect(rowOf(layout, rows, a1)).toBe(2)
    expect(rowOf(layout, rows, layout.order[4])).toBe(-1)
    expect(reveal(layout, opened, a1)).toBe(opened)
  })
})

import { describe, expect, it } from 'vitest'
import { buildTraceData, type SpanSpec } from './build-trace'
import { compareTraces } from './compare'
import { criticalPath, criticalSpans } from './critical-path'
import { errorOrigin } from './error-origin'
import { adjustSkew } from './skew'
import { operationStats, selfTime } from './stats'
import { buildTree, pieceCount } from './tree'

const span = (service: string, name: string, start: number, duration: number, children: SpanSpec[] = [], extra: Partial<SpanSpec> = {}): SpanSpec => ({
  service,
  name,
  start,
  duration,
  children,
  ...extra,
})

/** A random but reproducible trace: children inside their parents, some overlapping. */
function generatedTrace(seed: number, size: number): SpanSpec {
  let state = seed
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  let made = 1
  const grow = (node: SpanSpec, depth: number) => {
    const kids = depth > 12 ? 0 : Math.floor(random() * 4)
    for (let k = 0; k < kids && made < size; k++) {
      const start = node.start + random() * node.duration * 0.8
      const child = span(`svc-${Math.floor(random() * 5)}`, `op-${Math.floor(random() * 7)}`, start, random() * (node.start + node.duration - start), [])
      made++
      node.children!.push(child)
      grow(child, depth + 1)
    }
  }
  const root = span('frontend', 'GET /', 0, 1_000_000)
  while (made < size) grow(root, 0)
  return root
}

describe('span tree', () => {
  it('lists children after their parent, siblings by start, with depths', () => {
    const trace = buildTraceData([span('a', 'root', 0, 100, [span('b', 'late', 50, 10), span('c', 'early', 5, 10, [span('d', 'leaf', 6, 1)])])])
    const tree = buildTree(trace)
    expect(tree.order.map((i) => trace.names[trace.name[i]])).toEqual(['root', 'early', 'leaf', 'late'])
    expect(tree.order.map((i) => tree.depth[i])).toEqual([0, 1, 2, 1])
  })

  it('shows spans whose parent is missing as roots, and breaks a parent cycle so every walk ends', () => {
    // x and y each other's parent, z under y; w's parent is not in the trace.
    const trace = buildTraceData([span('a', 'x', 0, 10), span('b', 'y', 1, 10), span('c', 'z', 2, 10), span('d', 'w', 3, 10)])
    trace.parent = [1, 0, 1, 99]
    const tree = buildTree(trace)
    expect(tree.order).toEqual([3, 0, 1, 2])
    expect(tree.roots).toEqual([3, 0])
    expect(tree.depth).toEqual([0, 1, 2, 0])
    expect(tree.children).toEqual([[1], [2], [], []])
    // What walks the tree finishes.
    expect(criticalPath(trace, tree).length).toBeGreaterThan(0)
    expect(operationStats(trace, tree).length).toBeGreaterThan(0)
    expect(adjustSkew(trace, tree).start).toHaveLength(4)
  })

  it('counts the trees a trace is in: one when whole, one more for each span whose parent is lost', () => {
    const whole = buildTraceData([span('a', 'root', 0, 100, [span('b', 'call', 5, 10, [span('c', 'query', 6, 1)])])])
    expect(pieceCount(whole)).toBe(1)
    // b's span was lost on the way: c's parent is not in the trace.
    whole.parent[2] = 42
    expect(pieceCount(whole)).toBe(2)
    expect(buildTree(whole).roots).toHaveLength(2)
  })

  it('walks a 100,000-span chain without overflowing the stack', () => {
    const count = 100_000
    const trace = buildTraceData([span('a', 'root', 0, count)])
    for (let i = 1; i < count; i++) {
      trace.spanId.push(String(i))
      trace.parent.push(i - 1)
      for (const column of [trace.service, trace.name, trace.host, trace.error]) column.push(0)
      trace.kind.push(1)
      trace.rowId.push(i + 1)
      trace.start.push(i)
      trace.duration.push(count - i)
    }
    const tree = buildTree(trace)
    expect(tree.depth[count - 1]).toBe(count - 1)
    expect(criticalPath(trace, tree).reduce((sum, s) => sum + s.end - s.start, 0)).toBe(count)
  })
})

describe('critical path', () => {
  it('follows the last-finishing child back in time and skips children that ran in parallel', () => {
    const trace = buildTraceData([span('api', 'root', 0, 100, [span('db', 'A', 10, 30), span('pay', 'B', 30, 60, [span('bank', 'C', 35, 50)])])])
    const segments = criticalPath(trace, buildTree(trace))
    expect(segments.map(({ span: s, start, end }) => [trace.names[trace.name[s]], start, end])).toEqual([
      ['root', 0, 30],
      ['B', 30, 35],
      ['C', 35, 85],
      ['B', 85, 90],
      ['root', 90, 100],
    ])
    expect([...criticalSpans(segments)].map((s) => trace.names[trace.name[s]]).sort()).toEqual(['B', 'C', 'root'])
  })

  it.each([1, 2, 3, 4, 5])('covers the root exactly once with disjoint segments (generated trace %i)', (seed) => {
    const trace = buildTraceData([generatedTrace(seed, 400)])
    const segments = criticalPath(trace, buildTree(trace))
    let reach = 0
    for (const segment of segments) {
      expect(segment.start).toBeGreaterThanOrEqual(reach - 1e-6)
      expect(segment.end).toBeGreaterThan(segment.start)
      reach = segment.end
    }
    expect(segments.reduce((sum, s) => sum + s.end - s.start, 0)).toBeCloseTo(trace.duration[0], 3)
  })
})

describe('clock skew', () => {
  it('centers a child from another host inside its parent, moves its same-host children along, and keeps longer children from starting early', () => {
    const trace = buildTraceData([
      span('gateway', 'root', 0, 100, [
        span('checkout', 'skewed', -50, 40, [span('checkout', 'inner', -45, 10, [], { host: 'h2' })], { host: 'h2' }),
        span('gateway', 'same-host late', 95, 20, [], { host: 'h1' }),
        span('slow', 'longer', -20, 150, [], { host: 'h3' }),
        span('ok', 'fits', 10, 20, [], { host: 'h4' }),
      ], { host: 'h1' }),
    ])
    const { start, adjusted } = adjustSkew(trace, buildTree(trace))
    const at = (name: string) => trace.names.indexOf(name)
    const byName = (name: string) => trace.name.indexOf(at(name))
    expect(start[byName('skewed')]).toBe(30)
    expect(start[byName('inner')]).toBe(35)
    expect(adjusted[byName('inner')]).toBe(true)
    expect(start[byName('longer')]).toBe(0)
    expect(start[byName('same-host late')]).toBe(95) // one clock: not skew
    expect(adjusted[byName('fits')]).toBe(false)
    expect(trace.start[byName('skewed')]).toBe(-50) // raw times untouched
  })

  it('leaves a message consumer that starts after its producer ended where it is (the queue wait), and only moves one that starts before it', () => {
    const trace = buildTraceData([
      span('checkout', 'publish order', 0, 4.7, [span('notifications', 'process order', 8.3, 6.7, [], { host: 'n1', kind: 'consumer' })], { host: 'c1', kind: 'producer' }),
      span('checkout', 'publish refund', 100, 5, [span('notifications', 'process refund', 90, 3, [], { host: 'n1', kind: 'consumer' })], { host: 'c1', kind: 'producer' }),
    ])
    const { start, adjusted } = adjustSkew(trace, buildTree(trace))
    const byName = (name: string) => trace.name.indexOf(trace.names.indexOf(name))
    expect(start[byName('process order')]).toBe(8.3)
    expect(adjusted[byName('process order')]).toBe(false)
    expect(start[byName('process refund')]).toBe(100)
  })
})

describe('statistics', () => {
  it('sums count, total and self time and errors per service and operation', () => {
    const trace = buildTraceData([
      span('api', 'GET', 0, 100, [span('db', 'query', 10, 30), span('db', 'query', 20, 30, [], { error: true }), span('db', 'query', 90, 20)]),
    ])
    const tree = buildTree(trace)
    // Children cover 10-50 and 90-100 (the last one clipped to the parent).
    expect(selfTime(trace, tree, 0)).toBe(50)
    expect(operationStats(trace, tree)).toEqual([
      { service: 'api', name: 'GET', count: 1, errors: 0, totalNs: 100, selfNs: 50 },
      { service: 'db', name: 'query', count: 3, errors: 1, totalNs: 80, selfNs: 80 },
    ])
  })
})

describe('trace comparison', () => {
  it('merges two traces by service and operation path, marking what only one has', () => {
    const failing = buildTraceData([
      span('gateway', 'POST /checkout', 0, 400, [span('checkout', 'create', 10, 380, [span('payment', 'charge', 20, 350, [], { error: true }), span('payment', 'charge', 30, 10)])]),
    ])
    const healthy = buildTraceData([
      span('gateway', 'POST /checkout', 0, 120, [span('checkout', 'create', 10, 100, [span('payment', 'charge', 20, 50), span('mail', 'send', 80, 20)])]),
    ])
    const rows = compareTraces(failing, buildTree(failing), healthy, buildTree(healthy))
    expect(rows.map((row) => [row.path.split(' > ').at(-1), row.depth, row.left?.count ?? 0, row.right?.count ?? 0])).toEqual([
      ['gateway:POST /checkout', 0, 1, 1],
      ['checkout:create', 1, 1, 1],
      ['payment:charge', 2, 2, 1],
      ['mail:send', 2, 0, 1],
    ])
    expect(rows[2].left).toEqual({ count: 2, totalNs: 360, errors: 1 })
    expect(rows[3].left).toBeNull()
  })
})

describe('error origin', () => {
  it('is the earliest failing span with no failing child, not the parents the error was passed up to', () => {
    const trace = buildTraceData([
      span('gateway', 'POST /checkout', 0, 100, [
        span('orders', 'reserve', 5, 10, [], { error: true }),
        span('orders', 'POST /orders', 20, 70, [span('payments', 'charge', 30, 50, [span('payments', 'authorize', 35, 40, [], { error: true })], { error: true })], { error: true }),
      ], { error: true }),
    ])
    expect(trace.names[trace.name[errorOrigin(trace)]]).toBe('reserve')
  })

  it('is the root when only the root failed, and -1 when nothing failed', () => {
    expect(errorOrigin(buildTraceData([span('gateway', 'GET /', 0, 10, [span('a', 'x', 1, 2)], { error: true })]))).toBe(0)
    expect(errorOrigin(buildTraceData([span('gateway', 'GET /', 0, 10, [span('a', 'x', 1, 2)])]))).toBe(-1)
  })
})

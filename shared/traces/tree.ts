import { type TraceData, spanCount } from './trace-data'

/** The span tree in display order: children follow their parent, siblings by start time. */
export interface SpanTree {
  /** Children of each span, by start time. */
  children: number[][]
  roots: number[]
  /** Spans in depth-first display order. */
  order: number[]
  depth: number[]
}

export function buildTree(trace: TraceData): SpanTree {
  const count = spanCount(trace)
  const children: number[][] = Array.from({ length: count }, () => [])
  const roots: number[] = []
  for (let i = 0; i < count; i++) {
    const parent = trace.parent[i]
    if (parent >= 0 && parent < count && parent !== i) children[parent].push(i)
    else roots.push(i)
  }
  const byStart = (a: number, b: number) => trace.start[a] - trace.start[b] || a - b
  for (const list of children) if (list.length > 1) list.sort(byStart)
  roots.sort(byStart)

  const order: number[] = []
  const depth = new Array<number>(count).fill(-1)
  // Iterative depth-first walk: traces can be deeper than the call stack allows.
  const stack: number[] = []
  for (let r = roots.length - 1; r >= 0; r--) stack.push(roots[r])
  for (const root of roots) depth[root] = 0
  while (stack.length > 0) {
    const span = stack.pop()!
    order.push(span)
    const kids = children[span]
    for (let k = kids.length - 1; k >= 0; k--) {
      const child = kids[k]
      if (depth[child] !== -1) continue // a cycle in hostile input: show each span once
      depth[child] = depth[span] + 1
      stack.push(child)
    }
  }
  // Spans caught in a parent cycle are reachable from no root: list them as roots at the end.
  for (let i = 0; i < count; i++) {
    if (depth[i] === -1) {
      depth[i] = 0
      roots.push(i)
      order.push(i)
    }
  }
  return { children, roots, order, depth }
}

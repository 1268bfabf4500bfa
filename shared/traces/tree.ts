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

/**
 * How many trees the trace's spans form: 1 for a whole trace; more when spans' parents are not
 * in the files (spans lost on the way, a service that did not pass the trace context on).
 */
export function pieceCount(trace: TraceData): number {
  let roots = 0
  for (let i = 0; i < spanCount(trace); i++) if (!hasParentIn(trace, i)) roots++
  return roots
}

/** Whether span `i`'s parent is a span of the trace (not none, not missing, not itself). */
export function hasParentIn(trace: TraceData, i: number): boolean {
  const parent = trace.parent[i]
  return parent >= 0 && parent < trace.parent.length && parent !== i
}

export function buildTree(trace: TraceData): SpanTree {
  const count = spanCount(trace)
  const children: number[][] = Array.from({ length: count }, () => [])
  const roots: number[] = []
  for (let i = 0; i < count; i++) {
    if (hasParentIn(trace, i)) children[trace.parent[i]].push(i)
    else roots.push(i)
  }
  const byStart = (a: number, b: number) => trace.start[a] - trace.start[b] || a - b
  for (const list of children) if (list.length > 1) list.sort(byStart)
  roots.sort(byStart)

  const order: number[] = []
  const depth = new Array<number>(count).fill(-1)
  // Iterative depth-first walk: traces can be deeper than the call stack allows.
  const walk = (root: number) => {
    depth[root] = 0
    const stack = [root]
    while (stack.length > 0) {
      const span = stack.pop()!
      order.push(span)
      const kids = children[span]
      for (let k = kids.length - 1; k >= 0; k--) {
        depth[kids[k]] = depth[span] + 1
        stack.push(kids[k])
      }
    }
  }
  for (const root of [...roots]) walk(root)
  // Spans in a parent cycle (hostile or broken input) are reachable from no root. The first of
  // each cycle becomes a root, cut from the parent that closed the cycle, so every walk of the
  // tree (here, critical path, statistics) ends; the rest of the cycle hangs below it.
  for (let i = 0; i < count; i++) {
    if (depth[i] !== -1) continue
    const closing = children[trace.parent[i]]
    closing.splice(closing.indexOf(i), 1)
    roots.push(i)
    walk(i)
  }
  return { children, roots, order, depth }
}

import { criticalPath } from '../../../shared/traces/critical-path'
import { adjustSkew } from '../../../shared/traces/skew'
import type { TraceData } from '../../../shared/traces/trace-data'
import { buildTree, type SpanTree } from '../../../shared/traces/tree'

// Everything the waterfall needs about a trace that costs more than a frame to work out, computed
// once per trace (in a worker, see layout.worker.ts) as flat typed arrays, so that it transfers
// without copying and every frame after that only reads.

export interface TraceLayout {
  count: number
  /** Spans in display order (depth first, children by start). A span's subtree is contiguous in it. */
  order: Int32Array
  /** Position of each span in `order`. */
  pos: Int32Array
  depth: Int32Array
  /** Size of each span's subtree in `order`, the span included. */
  size: Int32Array
  /** Parent in display order (the nearest shallower span before it), -1 for a root. */
  displayParent: Int32Array
  /** Children in display order: those of span s are childList[childStart[s] … childStart[s + 1]). */
  childStart: Int32Array
  childList: Int32Array
  /** Start of each span as displayed with clock skew corrected (ns from the trace's base). */
  skewStart: Float64Array
  /** 1 where adjustSkew moved the span. */
  adjusted: Uint8Array
  adjustedCount: number
  /** 1 where the span is on the critical path. */
  critical: Uint8Array
  /** The span's own critical stretches (raw times): segStart/segEnd[critStart[s] … critStart[s + 1]). */
  critStart: Int32Array
  segStart: Float64Array
  segEnd: Float64Array
  maxDepth: number
  /** Earliest start and latest end, raw and skew-corrected (ns from the trace's base). */
  rawMin: number
  rawMax: number
  skewMin: number
  skewMax: number
}

/** The columns the layout reads; typed arrays work as well as plain ones. */
export type LayoutColumns = Pick<TraceData, 'parent' | 'host' | 'kind' | 'start' | 'duration'>

/** A TraceData view over just the layout columns, for the shared tree, skew and path functions. */
export function asTraceData(columns: LayoutColumns & Partial<TraceData>, count: number): TraceData {
  return {
    traceId: '',
    baseNs: '0',
    services: [],
    names: [],
    hosts: [],
    rowId: [],
    spanId: { length: count } as unknown as string[],
    service: [],
    name: [],
    error: [],
    ...columns,
  } as TraceData
}

/** Works out the layout of a trace: tree, display order, skew correction, critical path. */
export function computeLayout(trace: TraceData, tree: SpanTree = buildTree(trace)): TraceLayout {
  const count = trace.spanId.length
  const order = Int32Array.from(tree.order)
  const pos = new Int32Array(count)
  const depth = new Int32Array(count)
  const size = new Int32Array(count).fill(1)
  const displayParent = new Int32Array(count).fill(-1)
  const childCount = new Int32Array(count)
  let maxDepth = 0
  // Subtree sizes and display parents from the order and depths alone: right even for spans a
  // parent cycle left as extra roots.
  const stack: number[] = []
  for (let p = 0; p < count; p++) {
    const span = order[p]
    const d = tree.depth[span]
    depth[span] = d
    pos[span] = p
    if (d > maxDepth) maxDepth = d
    while (stack.length > 0 && depth[order[stack[stack.length - 1]]] >= d) {
      const top = stack.pop()!
      size[order[top]] = p - top
    }
    if (stack.length > 0) {
      const parent = order[stack[stack.length - 1]]
      displayParent[span] = parent
      childCount[parent]++
    }
    stack.push(p)
  }
  while (stack.length > 0) {
    const top = stack.pop()!
    size[order[top]] = count - top
  }

  const childStart = new Int32Array(count + 1)
  for (let s = 0; s < count; s++) childStart[s + 1] = childStart[s] + childCount[s]
  const childList = new Int32Array(childStart[count])
  const filled = new Int32Array(count)
  for (let p = 0; p < count; p++) {
    const span = order[p]
    const parent = displayParent[span]
    if (parent >= 0) childList[childStart[parent] + filled[parent]++] = span
  }

  const skew = adjustSkew(trace, tree)
  const skewStart = Float64Array.from(skew.start)
  const adjusted = new Uint8Array(count)
  let adjustedCount = 0
  for (let s = 0; s < count; s++) {
    if (skew.adjusted[s]) {
      adjusted[s] = 1
      adjustedCount++
    }
  }

  const segments = criticalPath(trace, tree)
  const critical = new Uint8Array(count)
  const critStart = new Int32Array(count + 1)
  for (const segment of segments) critStart[segment.span + 1]++
  for (let s = 0; s < count; s++) critStart[s + 1] += critStart[s]
  const segStart = new Float64Array(segments.length)
  const segEnd = new Float64Array(segments.length)
  const placed = new Int32Array(count)
  for (const segment of segments) {
    critical[segment.span] = 1
    const at = critStart[segment.span] + placed[segment.span]++
    segStart[at] = segment.start
    segEnd[at] = segment.end
  }

  let rawMin = Infinity
  let rawMax = -Infinity
  let skewMin = Infinity
  let skewMax = -Infinity
  for (let s = 0; s < count; s++) {
    const duration = trace.duration[s]
    const raw = trace.start[s]
    if (raw < rawMin) rawMin = raw
    if (raw + duration > rawMax) rawMax = raw + duration
    const shown = skewStart[s]
    if (shown < skewMin) skewMin = shown
    if (shown + duration > skewMax) skewMax = shown + duration
  }
  if (count === 0) rawMin = rawMax = skewMin = skewMax = 0

  return {
    count,
    order,
    pos,
    depth,
    size,
    displayParent,
    childStart,
    childList,
    skewStart,
    adjusted,
    adjustedCount,
    critical,
    critStart,
    segStart,
    segEnd,
    maxDepth,
    rawMin,
    rawMax,
    skewMin,
    skewMax,
  }
}

/** The typed arrays of a layout, for transferring it out of a worker. */
export const layoutBuffers = (layout: TraceLayout): ArrayBuffer[] =>
  Object.values(layout)
    .filter((value): value is ArrayBufferView => ArrayBuffer.isView(value))
    .map((view) => view.buffer as ArrayBuffer)

export const childrenOf = (layout: TraceLayout, span: number): Int32Array => layout.childList.subarray(layout.childStart[span], layout.childStart[span + 1])

/** Whether `span` has children in the display. */
export const hasChildren = (layout: TraceLayout, span: number): boolean => layout.size[span] > 1

/** A SpanTree with only `span`'s children filled in: enough for the shared selfTime. */
export function treeAround(layout: TraceLayout, span: number): SpanTree {
  const children: number[][] = []
  children[span] = Array.from(childrenOf(layout, span))
  return { children, roots: [], order: [], depth: [] }
}

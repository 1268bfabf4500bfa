import type { TraceData } from '../../../shared/traces/trace-data'
import type { TraceLayout } from '../layout/layout'
import type { TimeWindow } from '../logic/viewport'

// What each span's row shows and where its parts go, in pixels: one answer for the canvas that
// draws the rows and for the transparent elements over it that give them meaning (names, buttons,
// tooltips).

/** What the rows show: the same for the canvas and the elements over it. */
export interface RowsView {
  trace: TraceData
  layout: TraceLayout
  /** The spans shown, in row order. */
  rows: Int32Array
  /** Displayed start of each span (skew-corrected or raw). */
  starts: ArrayLike<number>
  window: TimeWindow
  labelWidth: number
  trackWidth: number
  /** Indentation per level, px. */
  indent: number
  /** Hue of each service (by service index). */
  hues: readonly number[]
  collapsed: Uint8Array
  selected: number
  matchMask: Uint8Array | null
  currentMatch: number
  showCritical: boolean
  showSkew: boolean
}

/** What a span's row shows besides its names and bar, and where its label's parts go. */
export interface RowState {
  error: boolean
  selected: boolean
  match: 'current' | 'match' | undefined
  hasKids: boolean
  collapsed: boolean
  /** Spans folded under a collapsed row. */
  hidden: number
  /** Moved to correct clock skew (and shown so). */
  adjusted: boolean
  slots: LabelSlots
  end: LabelEnd
}

/** The row state of `span`, which has a finding and a partner's mark as `marks` says. */
export function rowState(view: RowsView, span: number, marks: { finding: boolean; peer: boolean }): RowState {
  const { trace, layout } = view
  const error = trace.error[span] === 1
  const hasKids = layout.size[span] > 1
  const collapsed = hasKids && view.collapsed[span] === 1
  const hidden = collapsed ? layout.size[span] - 1 : 0
  const adjusted = view.showSkew && layout.adjusted[span] === 1
  return {
    error,
    selected: span === view.selected,
    match: view.matchMask?.[span] ? (span === view.currentMatch ? 'current' : 'match') : undefined,
    hasKids,
    collapsed,
    hidden,
    adjusted,
    slots: labelSlots(layout.depth[span], view.indent, { error, ...marks }),
    end: labelEnd(view.labelWidth, hidden, adjusted),
  }
}

/** Pixels per ns on the track. */
export const trackScale = (view: RowsView) => view.trackWidth / (view.window.end - view.window.start)

/** A span's place in the label column, from the row's left edge. */
export interface LabelSlots {
  toggle: number
  swatch: number
  /** The marks between the swatch and the name, when the span has them. */
  error: number | null
  finding: number | null
  peer: number | null
  /** Where the service name starts. */
  text: number
}

export const TOGGLE_SIZE = 16
const GAP = 5
const SWATCH_WIDTH = 3
export const ICON_SIZE = 13
const FINDING_WIDTH = 9
/** Room kept at the label column's right edge. */
export const LABEL_PAD = 8

/** Where the expander of a row at `depth` starts. */
export const toggleLeft = (depth: number, indent: number) => depth * indent + 4

export function labelSlots(depth: number, indent: number, marks: { error: boolean; finding: boolean; peer: boolean }): LabelSlots {
  const toggle = toggleLeft(depth, indent)
  const swatch = toggle + TOGGLE_SIZE + GAP
  let x = swatch + SWATCH_WIDTH + GAP
  const take = (shown: boolean, width: number) => {
    if (!shown) return null
    const at = x
    x += width + GAP
    return at
  }
  const error = take(marks.error, ICON_SIZE)
  const finding = take(marks.finding, FINDING_WIDTH)
  const peer = take(marks.peer, ICON_SIZE + 4)
  return { toggle, swatch, error, finding, peer, text: x }
}

/** The marks kept at the label column's right end, right to left: the clock-skew mark, then the hidden count. */
export interface LabelEnd {
  skew: number | null
  /** Left edge and width of the hidden-spans pill. */
  hidden: { left: number; width: number } | null
  /** Where the names must end. */
  textEnd: number
}

const SKEW_WIDTH = 12

/** "1.2k" for counts of a thousand and more. */
export const hiddenText = (hidden: number) => (hidden > 999 ? `${Math.round(hidden / 100) / 10}k` : String(hidden))

export function labelEnd(labelWidth: number, hidden: number, adjusted: boolean): LabelEnd {
  let x = labelWidth - LABEL_PAD
  let skew: number | null = null
  if (adjusted) {
    x -= SKEW_WIDTH
    skew = x
    x -= GAP
  }
  let pill: LabelEnd['hidden'] = null
  if (hidden > 0) {
    const width = hiddenText(hidden).length * 6 + 10
    x -= width
    pill = { left: x, width }
    x -= GAP
  }
  return { skew, hidden: pill, textEnd: x }
}

/** A span's bar on the track, in pixels from the track's left edge (kept just around the track when off it). */
export interface Bar {
  left: number
  right: number
  off: 'left' | 'right' | undefined
}

export function barOf(start: number, duration: number, windowStart: number, scale: number, trackWidth: number): Bar {
  const left = (start - windowStart) * scale
  const right = left + Math.max(duration * scale, 1)
  const off = right < 0 ? 'left' : left > trackWidth ? 'right' : undefined
  const clamp = (x: number) => Math.max(-2, Math.min(trackWidth + 2, x))
  const shownLeft = clamp(left)
  return { left: shownLeft, right: Math.max(shownLeft + 1, clamp(right)), off }
}

/** Where the duration goes: after the bar, else before it, else inside its right end. */
export interface DurationPlace {
  /** The text's anchor: its left edge ('right' side) or its right edge (the others). */
  x: number
  side: 'right' | 'left' | 'inside'
}

export function durationPlace(bar: Bar, textWidth: number, trackWidth: number): DurationPlace {
  const room = textWidth + 8
  if (bar.right + room <= trackWidth) return { x: bar.right + 4, side: 'right' }
  if (bar.left - room >= 0) return { x: bar.left - 4, side: 'left' }
  return { x: Math.min(trackWidth - 4, bar.right - 4), side: 'inside' }
}

/** The stretches of a span on the critical path, in track pixels, within its bar. */
export function criticalStretches(trace: TraceData, layout: TraceLayout, span: number, start: number, bar: Bar, windowStart: number, scale: number): Array<[number, number]> {
  const stretches: Array<[number, number]> = []
  const shift = start - trace.start[span]
  for (let k = layout.critStart[span]; k < layout.critStart[span + 1]; k++) {
    const from = Math.max(bar.left, (layout.segStart[k] + shift - windowStart) * scale)
    const to = Math.min(bar.right, (layout.segEnd[k] + shift - windowStart) * scale)
    if (to > from) stretches.push([from, Math.max(from + 1, to)])
  }
  return stretches
}

import type { TimeWindow } from '../logic/viewport'

// Pixel geometry of the waterfall, shared by the rows, axis, minimap and cursor.

export const ROW_HEIGHT = 24
export const MIN_LABEL_WIDTH = 120
export const MIN_TRACK_WIDTH = 120

/** Pixels from the track's left edge for a time, at `scale` px per ns. */
export interface TrackScale {
  window: TimeWindow
  width: number
}

export const xOf = (scale: TrackScale, ns: number) => ((ns - scale.window.start) / (scale.window.end - scale.window.start)) * scale.width
export const nsAt = (scale: TrackScale, x: number) => scale.window.start + (x / Math.max(1, scale.width)) * (scale.window.end - scale.window.start)

/** The label column's default width for a pane `width` wide: a narrow pane gives names a larger share, or they cannot be read. */
export const defaultLabelWidth = (width: number) => Math.round(Math.min(420, Math.max(MIN_LABEL_WIDTH, width * (width < 700 ? 0.45 : 0.36))))

/** The label column's width kept within what the pane allows. */
export const clampLabelWidth = (labelWidth: number, width: number) =>
  Math.round(Math.max(Math.min(MIN_LABEL_WIDTH, width * 0.5), Math.min(labelWidth, width - MIN_TRACK_WIDTH)))

/** Indentation per level: deep traces get narrower steps so that names still show. */
export const indentStep = (labelWidth: number, maxDepth: number) => Math.max(4, Math.min(14, Math.floor((labelWidth * 0.42) / Math.max(1, maxDepth))))

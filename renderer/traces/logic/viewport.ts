// The time window the waterfall shows: [start, end) in ns from the trace's base, zoomed and
// panned inside the trace's bounds.

export interface TimeWindow {
  start: number
  end: number
}

/** Narrowest window: 100 ns (a span's bar is then still a few pixels of a nanosecond-timed trace). */
export const MIN_WINDOW_NS = 100

const span = (window: TimeWindow) => window.end - window.start

/** `window` moved and shrunk to fit inside `bounds`, at least `minNs` wide. */
export function clampWindow(window: TimeWindow, bounds: TimeWindow, minNs = MIN_WINDOW_NS): TimeWindow {
  const full = Math.max(span(bounds), minNs)
  const width = Math.min(Math.max(span(window), minNs), full)
  let start = window.start
  if (start < bounds.start) start = bounds.start
  if (start + width > bounds.start + full) start = bounds.start + full - width
  return { start, end: start + width }
}

/**
 * Zooms by `factor` (< 1 zooms in) keeping the time under `anchor` (0 = left edge, 1 = right
 * edge) where it is.
 */
export function zoomWindow(window: TimeWindow, factor: number, anchor: number, bounds: TimeWindow, minNs = MIN_WINDOW_NS): TimeWindow {
  const at = window.start + span(window) * anchor
  const width = Math.max(span(window) * factor, minNs)
  return clampWindow({ start: at - width * anchor, end: at - width * anchor + width }, bounds, minNs)
}

/** Moves the window by `fraction` of its width (negative: earlier). */
export function panWindow(window: TimeWindow, fraction: number, bounds: TimeWindow, minNs = MIN_WINDOW_NS): TimeWindow {
  const shift = span(window) * fraction
  return clampWindow({ start: window.start + shift, end: window.end + shift }, bounds, minNs)
}

/** The window from `a` to `b` (either order), clamped; null when the two are too close to mean a range. */
export function windowBetween(a: number, b: number, bounds: TimeWindow, minNs = MIN_WINDOW_NS): TimeWindow {
  return clampWindow({ start: Math.min(a, b), end: Math.max(a, b) }, bounds, minNs)
}

/** The window, same width, moved the least so that [from, to] is inside it (centered when it does not fit). */
export function windowShowing(window: TimeWindow, from: number, to: number, bounds: TimeWindow, minNs = MIN_WINDOW_NS): TimeWindow {
  const width = span(window)
  if (from >= window.start && to <= window.end) return window
  if (to - from >= width) return clampWindow({ start: from, end: from + width }, bounds, minNs)
  const start = from < window.start ? from - width * 0.1 : to - width * 0.9
  return clampWindow({ start, end: start + width }, bounds, minNs)
}

/**
 * A window zoomed in on [from, to]: the span fills about 70% of it, so what runs just before and
 * after it shows too; a very short span gets at least 1% of the trace on each side.
 */
export function windowAround(from: number, to: number, bounds: TimeWindow, minNs = MIN_WINDOW_NS): TimeWindow {
  const margin = Math.max((to - from) * 0.2, span(bounds) / 100)
  return clampWindow({ start: from - margin, end: to + margin }, bounds, minNs)
}

export const sameWindow = (a: TimeWindow, b: TimeWindow) => a.start === b.start && a.end === b.end

/** The zoom factor for a wheel delta (pixels): smooth, symmetric in and out. */
export const wheelZoomFactor = (deltaY: number) => Math.exp(Math.max(-300, Math.min(300, deltaY)) * 0.0025)

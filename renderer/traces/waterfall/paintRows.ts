import { initialOf } from '../../pairing/selection'
import { formatNs } from '../logic/clock'
import { ROW_HEIGHT } from './geometry'
import { barOf, criticalStretches, durationPlace, hiddenText, ICON_SIZE, type RowsView, rowState, TOGGLE_SIZE, trackScale } from './rowGeometry'
import { isLive, marksOf, type RowMarks } from './useRowMarks'

// Draws the rows in view onto one canvas. A few dozen rows of DOM cost the page ~10 ms of style,
// layout, paint and layerizing per frame of a fast scroll; drawing them costs ~1 ms.

/** The theme's colors and fonts, read from CSS (styles/theme.css, traces.css) so the canvas follows light and dark. */
export interface Palette {
  font: string
  fontSize: string
  barSaturation: string
  barLightness: string
  barEdgeLightness: string
  chipTextLightness: string
  critical: string
  matchBg: string
  matchCurrentBg: string
  cursor: string
  rowHover: string
  errorRow: string
  selectedBg: string
  accent: string
  border: string
  textMuted: string
  textFaint: string
  danger: string
  dangerSolid: string
  finding: string
  sunken: string
}

const VARIABLES: Record<Exclude<keyof Palette, 'font'>, string> = {
  fontSize: '--font-size-small',
  barSaturation: '--wf-bar-saturation',
  barLightness: '--wf-bar-lightness',
  barEdgeLightness: '--wf-bar-edge-lightness',
  chipTextLightness: '--chip-text-lightness',
  critical: '--wf-critical',
  matchBg: '--wf-match-bg',
  matchCurrentBg: '--wf-match-current-bg',
  cursor: '--wf-cursor',
  rowHover: '--wf-row-hover',
  errorRow: '--wf-error-row',
  selectedBg: '--bg-selected',
  accent: '--accent',
  border: '--border',
  textMuted: '--text-muted',
  textFaint: '--text-faint',
  danger: '--danger',
  dangerSolid: '--danger-solid',
  finding: '--finding',
  sunken: '--bg-sunken',
}

export function readPalette(element: Element): Palette {
  const style = getComputedStyle(element)
  const palette = { font: style.fontFamily } as Palette
  for (const [key, variable] of Object.entries(VARIABLES)) palette[key as keyof typeof VARIABLES] = style.getPropertyValue(variable).trim()
  return palette
}

/** Text widths and truncations, measured once per font and text. */
export class TextFitter {
  private widths = new Map<string, Map<string, number>>()
  private fits = new Map<string, string>()

  constructor(private readonly ctx: CanvasRenderingContext2D) {}

  width(font: string, text: string): number {
    let widths = this.widths.get(font)
    if (!widths) this.widths.set(font, (widths = new Map()))
    let width = widths.get(text)
    if (width === undefined) {
      if (widths.size > 20_000) widths.clear()
      this.ctx.font = font
      width = this.ctx.measureText(text).width
      widths.set(text, width)
    }
    return width
  }

  /** `text`, cut with an ellipsis to fit `room` pixels. */
  fit(font: string, text: string, room: number): string {
    if (room <= 0) return ''
    if (this.width(font, text) <= room) return text
    const key = `${font}\n${Math.floor(room)}\n${text}`
    let fitted = this.fits.get(key)
    if (fitted === undefined) {
      if (this.fits.size > 20_000) this.fits.clear()
      let low = 0
      let high = text.length
      while (low < high) {
        const mid = (low + high + 1) >> 1
        if (this.width(font, `${text.slice(0, mid)}…`) <= room) low = mid
        else high = mid - 1
      }
      fitted = low === 0 ? '' : `${text.slice(0, low)}…`
      this.fits.set(key, fitted)
    }
    return fitted
  }
}

interface TextJob {
  text: string
  x: number
  y: number
  color: string
  align: CanvasTextAlign
  shadow: boolean
}

/** Texts drawn after the shapes, grouped by font: setting the canvas's font is slow, so it changes a few times a frame, not a few times a row. */
class TextQueue {
  private byFont = new Map<string, TextJob[]>()

  add(font: string, text: string, x: number, y: number, color: string, align: CanvasTextAlign = 'left', shadow = false) {
    let jobs = this.byFont.get(font)
    if (!jobs) this.byFont.set(font, (jobs = []))
    jobs.push({ text, x, y, color, align, shadow })
  }

  flush(ctx: CanvasRenderingContext2D) {
    for (const [font, jobs] of this.byFont) {
      ctx.font = font
      for (const job of jobs) {
        ctx.fillStyle = job.color
        ctx.textAlign = job.align
        ctx.shadowBlur = job.shadow ? 2 : 0
        ctx.shadowColor = job.shadow ? 'rgb(0 0 0 / 0.55)' : 'transparent'
        ctx.fillText(job.text, job.x, job.y)
      }
    }
    this.byFont.clear()
  }
}

export interface CanvasView {
  /** The rows' scroll offset, px. */
  top: number
  width: number
  height: number
  /** The row under the pointer, or -1. */
  hovered: number
}

const hsl = (hue: number, saturation: string, lightness: string) => `hsl(${hue} ${saturation} ${lightness})`

/** Paints the rows of `view` in the canvas's visible part; the canvas is `canvas` wide and tall, in CSS px. */
export function paintRows(ctx: CanvasRenderingContext2D, fitter: TextFitter, view: RowsView, marks: RowMarks, palette: Palette, canvas: CanvasView): void {
  const { trace, layout, rows, starts, labelWidth, trackWidth, indent, hues, showCritical } = view
  ctx.clearRect(0, 0, canvas.width, canvas.height)
  const first = Math.max(0, Math.floor(canvas.top / ROW_HEIGHT))
  const end = Math.min(rows.length, Math.ceil((canvas.top + canvas.height) / ROW_HEIGHT))
  const scale = trackScale(view)
  const fonts = {
    operation: `${palette.fontSize} ${palette.font}`,
    service: `500 ${palette.fontSize} ${palette.font}`,
    small: `10.5px ${palette.font}`,
    inside: `500 10.5px ${palette.font}`,
    error: `700 9.5px ${palette.font}`,
    peer: `600 9px ${palette.font}`,
    skew: `11px ${palette.font}`,
  }
  const colors = new Map<number, { bar: string; edge: string; name: string }>()
  const colorsOf = (hue: number) => {
    let shades = colors.get(hue)
    if (!shades) {
      shades = { bar: hsl(hue, palette.barSaturation, palette.barLightness), edge: hsl(hue, palette.barSaturation, palette.barEdgeLightness), name: hsl(hue, '35%', palette.chipTextLightness) }
      colors.set(hue, shades)
    }
    return shades
  }
  const labelTexts = new TextQueue()
  const trackTexts = new TextQueue()
  ctx.textBaseline = 'middle'

  for (let row = first; row < end; row++) {
    const span = rows[row]
    const y = row * ROW_HEIGHT - canvas.top
    const middle = y + ROW_HEIGHT / 2
    const shades = colorsOf(hues[trace.service[span]])
    const { finding, peer } = marksOf(marks, trace, span)
    const { error, selected: isSelected, match, hasKids, collapsed: isCollapsed, hidden, adjusted, slots, end: right } = rowState(view, span, {
      finding: finding !== undefined,
      peer: peer !== undefined,
    })

    // The row's background, strongest state first (as the CSS of the rows had it).
    const background = isSelected ? palette.selectedBg : match === 'current' ? palette.matchCurrentBg : match ? palette.matchBg : error ? palette.errorRow : row === canvas.hovered ? palette.rowHover : null
    if (background) {
      ctx.fillStyle = background
      ctx.fillRect(0, y, canvas.width, ROW_HEIGHT)
    }
    if (isSelected) {
      ctx.fillStyle = palette.accent
      ctx.fillRect(0, y, 2, ROW_HEIGHT)
    }

    // Label column: indent guides, expander, swatch, marks, service and operation.
    ctx.fillStyle = palette.border
    for (let level = 0; level < layout.depth[span]; level++) ctx.fillRect(4 + level * indent + Math.floor(indent / 2) + 6, y, 1, ROW_HEIGHT)
    if (hasKids) drawChevron(ctx, slots.toggle + TOGGLE_SIZE / 2, middle, isCollapsed, palette.textMuted)
    ctx.fillStyle = shades.bar
    roundRect(ctx, slots.swatch, y + 5, 3, 14, 1.5)
    if (slots.error !== null) {
      drawDot(ctx, slots.error, middle, palette.dangerSolid)
      labelTexts.add(fonts.error, '!', slots.error + ICON_SIZE / 2, middle + 0.5, '#fff', 'center')
    }
    if (slots.finding !== null) drawFlag(ctx, slots.finding, y + 7, palette.finding)
    if (slots.peer !== null && peer) {
      drawDot(ctx, slots.peer, middle, peer.color)
      labelTexts.add(fonts.peer, initialOf(peer), slots.peer + ICON_SIZE / 2, middle + 0.5, '#fff', 'center')
    }

    if (right.hidden) {
      ctx.fillStyle = palette.sunken
      roundRect(ctx, right.hidden.left, middle - 8, right.hidden.width, 16, 8)
      labelTexts.add(fonts.small, hiddenText(hidden), right.hidden.left + right.hidden.width / 2, middle, palette.textMuted, 'center')
    }
    if (right.skew !== null) labelTexts.add(fonts.skew, '⇄', right.skew, middle, palette.textFaint)
    queueNames(labelTexts, fitter, fonts, trace.services[trace.service[span]], trace.names[trace.name[span]], slots.text, right.textEnd, middle, shades.name, error ? palette.danger : palette.textMuted)

    // Track: the bar, its critical stretches, its duration.
    const start = starts[span]
    const duration = trace.duration[span]
    const bar = barOf(start, duration, view.window.start, scale, trackWidth)
    ctx.save()
    ctx.beginPath()
    ctx.rect(labelWidth, y, trackWidth, ROW_HEIGHT)
    ctx.clip()
    ctx.translate(labelWidth, 0)
    // On whole pixels, as the browser lays out boxes: crisp edges, and a thin bar stays solid.
    const barLeft = Math.round(bar.left)
    const barWidth = Math.max(1, Math.round(bar.right) - barLeft)
    ctx.fillStyle = shades.bar
    roundRect(ctx, barLeft, y + 6, barWidth, 12, Math.min(2, barWidth / 2))
    if (error) {
      ctx.fillStyle = palette.dangerSolid
      ctx.fillRect(barLeft, y + 15, barWidth, 3)
    }
    if (showCritical && layout.critical[span]) {
      ctx.fillStyle = palette.critical
      for (const [from, to] of criticalStretches(trace, layout, span, start, bar, view.window.start, scale)) ctx.fillRect(from, y + 11, to - from, 2)
    }
    if (adjusted) outline(ctx, barLeft, y + 6, barWidth, 12, shades.edge, 1, [2, 2])
    if (isLive(start, duration, marks.clockNs)) outline(ctx, barLeft, y + 6, barWidth, 12, palette.cursor, 1.5, [])
    ctx.restore()

    const label = formatNs(duration)
    const place = durationPlace(bar, fitter.width(fonts.small, label), trackWidth)
    if (place.side === 'inside') trackTexts.add(fonts.inside, label, place.x, middle, '#fff', 'right', true)
    else trackTexts.add(fonts.small, label, place.x, middle, error ? palette.danger : isSelected ? palette.textMuted : palette.textFaint, place.side === 'right' ? 'left' : 'right')
  }

  labelTexts.flush(ctx)
  ctx.save()
  ctx.beginPath()
  ctx.rect(labelWidth, 0, trackWidth, canvas.height)
  ctx.clip()
  ctx.translate(labelWidth, 0)
  trackTexts.flush(ctx)
  ctx.restore()

  // The label column's edge.
  ctx.fillStyle = palette.border
  ctx.fillRect(labelWidth - 1, 0, 1, canvas.height)
}

/** The service and operation names between `from` and `to`, cut to fit. */
function queueNames(
  texts: TextQueue,
  fitter: TextFitter,
  fonts: { service: string; operation: string },
  service: string,
  operation: string,
  from: number,
  to: number,
  middle: number,
  serviceColor: string,
  operationColor: string,
) {
  const room = to - from
  const serviceWidth = fitter.width(fonts.service, service)
  const operationWidth = fitter.width(fonts.operation, operation)
  // Both shrink in proportion to their width when they do not fit, the service name to no less than 24 px.
  const over = serviceWidth + 5 + operationWidth - room
  const serviceRoom = Math.min(room, over > 0 ? Math.max(24, serviceWidth - (over * serviceWidth) / (serviceWidth + operationWidth)) : serviceWidth)
  const shownService = fitter.fit(fonts.service, service, serviceRoom)
  texts.add(fonts.service, shownService, from, middle, serviceColor)
  const operationFrom = from + fitter.width(fonts.service, shownService) + 5
  texts.add(fonts.operation, fitter.fit(fonts.operation, operation, to - operationFrom), operationFrom, middle, operationColor)
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, width: number, height: number, radius: number) {
  ctx.beginPath()
  ctx.roundRect(x, y, width, height, radius)
  ctx.fill()
}

function outline(ctx: CanvasRenderingContext2D, x: number, y: number, width: number, height: number, color: string, lineWidth: number, dash: number[]) {
  ctx.strokeStyle = color
  ctx.lineWidth = lineWidth
  ctx.setLineDash(dash)
  const offset = 1 + lineWidth / 2
  ctx.strokeRect(x - offset, y - offset, width + 2 * offset, height + 2 * offset)
  ctx.setLineDash([])
}

/** The expander: a chevron pointing right (collapsed) or down. */
function drawChevron(ctx: CanvasRenderingContext2D, x: number, y: number, collapsed: boolean, color: string) {
  ctx.strokeStyle = color
  ctx.lineWidth = 1.4
  ctx.lineCap = 'round'
  ctx.lineJoin = 'round'
  ctx.beginPath()
  if (collapsed) {
    ctx.moveTo(x - 1.5, y - 3)
    ctx.lineTo(x + 1.5, y)
    ctx.lineTo(x - 1.5, y + 3)
  } else {
    ctx.moveTo(x - 3, y - 1.5)
    ctx.lineTo(x, y + 1.5)
    ctx.lineTo(x + 3, y - 1.5)
  }
  ctx.stroke()
}

/** A round mark (its letter is drawn with the texts): the error mark, a partner's initial. */
function drawDot(ctx: CanvasRenderingContext2D, x: number, middle: number, color: string) {
  ctx.fillStyle = color
  ctx.beginPath()
  ctx.arc(x + ICON_SIZE / 2, middle, ICON_SIZE / 2, 0, Math.PI * 2)
  ctx.fill()
}

/** The finding mark: a small flag. */
function drawFlag(ctx: CanvasRenderingContext2D, x: number, y: number, color: string) {
  ctx.fillStyle = color
  ctx.strokeStyle = color
  ctx.lineWidth = 1
  ctx.beginPath()
  ctx.moveTo(x + 1.5, y + 9.5)
  ctx.lineTo(x + 1.5, y + 1)
  ctx.lineTo(x + 7.5, y + 1)
  ctx.lineTo(x + 5.9, y + 3.2)
  ctx.lineTo(x + 7.5, y + 5.4)
  ctx.lineTo(x + 1.5, y + 5.4)
  ctx.fill()
  ctx.stroke()
}

import type { GraphNode } from '../../../../shared/graph/service-graph'
import { serviceHue } from '../../../../shared/graph/serviceColor'
import { gridPhase, gridStep } from '../../flow/gridStep'
import type { CanvasScene, SceneItem, SceneLink } from '../logic/canvasScene'
import { GRID, overlaps } from '../../../../shared/diagrams/geometry'
import { viewOf } from '../logic/liveSet'
import { serviceDetail } from '../logic/serviceDetail'

// Drawing a large diagram on a canvas (SceneCanvas), in a worker on an OffscreenCanvas or on the
// page's own canvas where no worker starts. Zoomed out it is an overview: boxes in their services'
// colors, curves, the boundaries' names. Nearer, it draws what the elements draw (the shapes, names,
// second lines, arrowheads, edge labels, as the CSS in diagram.css does), for the nodes and edges
// that are not elements (see liveSet.ts); the elements go on top. The canvas is opaque, with the
// pane's background and dot grid drawn in: the compositor then draws no layer under it, which on
// a machine without a GPU is most of what a frame of a pan or zoom costs.

export const PALETTE_NAMES = [
  '--dg-edge',
  '--dg-zone',
  '--dg-canvas',
  '--dg-dots',
  '--dg-note-bg',
  '--dg-note-line',
  '--dg-note-text',
  '--accent',
  '--danger',
  '--text',
  '--text-muted',
  '--text-faint',
  '--border-strong',
  '--bg',
  '--bg-raised',
  '--bg-sunken',
  '--chip-saturation',
  '--chip-dot-lightness',
  '--chip-bg-lightness',
  '--chip-border-lightness',
  '--font-ui',
] as const
export type Palette = Record<(typeof PALETTE_NAMES)[number], string>

/** What the drawing needs besides geometry: the theme, and the open incident's services. */
export interface SceneLook {
  palette: Palette
  /** The open incident's services, by name. */
  services: Record<string, GraphNode>
  /** Services of the trace open in the trace pane (the others are dimmed), or null. */
  traced: string[] | null
}

export interface SceneView {
  transform: [number, number, number]
  width: number
  height: number
  pixelRatio: number
  /** Zoomed out past FAR_ZOOM: the overview, everything on the canvas. */
  far: boolean
}

export type SceneMessage =
  | { kind: 'canvas'; canvas: OffscreenCanvas }
  | { kind: 'scene'; scene: CanvasScene; look: SceneLook }
  | { kind: 'view'; view: SceneView }
  /** The nodes and edges drawn as elements: not drawn here, but in the overview. */
  | { kind: 'live'; nodes: string[]; edges: string[] }

/** A boundary's name in the overview is drawn at this size on screen, once the boundary is wide enough to hold it. */
const OVERVIEW_LABEL_FONT = '600 11px system-ui, sans-serif'
const OVERVIEW_LABEL_MIN_WIDTH = 72

/** The elements' measures (diagram.css), in flow units. */
const NODE = { radius: 6, inkWidth: 3, paddingX: 10, labelLine: 16, detailLine: 14, gap: 1, databaseTop: 10 }
const GROUP = { radius: 10, border: 1.5, paddingX: 10, labelTop: 6, labelLine: 16, kindGap: 6 }
const NOTE = { radius: 3, paddingX: 8, paddingY: 6, line: 15 }
const LINK = { width: 1.5, selectedWidth: 2, arrowLength: 8, arrowHalfWidth: 4.5, labelPadding: 5, labelLine: 16, labelRadius: 4 }
const BOUNDARY_NAMES = { region: 'REGION', zone: 'TRUST ZONE', team: 'TEAM' } as const
const DIMMED_ALPHA = 0.38

type Context = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D

/** Keeps the latest scene, look, view and live set, and draws them. */
export class ScenePainter {
  private scene: CanvasScene | null = null
  private paths = new Map<string, Path2D>()
  private look: SceneLook | null = null
  private traced: Set<string> | null = null
  private view: SceneView | null = null
  private live: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> } = { nodes: new Set(), edges: new Set() }
  private readonly fitted = new Map<string, string>()
  private grid: { size: number; color: string; pattern: CanvasPattern } | null = null
  private readonly context: Context | null

  constructor(private readonly canvas: HTMLCanvasElement | OffscreenCanvas) {
    this.context = canvas.getContext('2d', { alpha: false }) as Context | null
  }

  setScene(scene: CanvasScene, look: SceneLook) {
    this.scene = scene
    this.look = look
    this.traced = look.traced && new Set(look.traced)
    this.paths = new Map(scene.links.map((link) => [link.id, new Path2D(link.path)]))
    this.fitted.clear()
  }

  setLive(nodes: readonly string[], edges: readonly string[]) {
    this.live = { nodes: new Set(nodes), edges: new Set(edges) }
  }

  setView(view: SceneView) {
    const width = Math.round(view.width * view.pixelRatio)
    const height = Math.round(view.height * view.pixelRatio)
    if (this.canvas.width !== width) this.canvas.width = width
    if (this.canvas.height !== height) this.canvas.height = height
    this.view = view
  }

  draw() {
    const { context, scene, look, view } = this
    if (!context || !scene || !look || !view) return
    const [x, y, zoom] = view.transform
    this.drawBackground(context, view, look.palette)
    context.setTransform(view.pixelRatio * zoom, 0, 0, view.pixelRatio * zoom, view.pixelRatio * x, view.pixelRatio * y)
    const visible = viewOf(view.transform, view.width, view.height)
    // The overview draws everything; nearer, the elements draw what is live.
    const drawn = (id: string, live: ReadonlySet<string>) => view.far || !live.has(id)
    const items = scene.items.filter((item) => drawn(item.node.id, this.live.nodes) && overlaps(item, visible))
    const groups = items.filter((item) => item.node.kind === 'group')
    const links = scene.links.filter((link) => drawn(link.id, this.live.edges) && overlaps(link.bounds, visible))
    const boxes = items.filter((item) => item.node.kind !== 'group')
    if (view.far) {
      this.drawOverview(context, groups, links, boxes, look, zoom)
      this.drawOverviewLabels(context, groups, view)
    } else {
      for (const item of groups) this.drawGroup(context, item, look.palette)
      this.drawLinks(context, links, look.palette)
      for (const item of boxes) {
        if (item.node.kind === 'note') this.drawNote(context, item, look.palette)
        else this.drawService(context, item, look)
      }
    }
  }

  /** The pane's background and its dot grid, as DotGrid draws them (on diagrams that are not large). */
  private drawBackground(context: Context, view: SceneView, palette: Palette) {
    const { width, height } = this.canvas
    context.setTransform(1, 0, 0, 1, 0, 0)
    context.fillStyle = palette['--dg-canvas']
    context.fillRect(0, 0, width, height)
    const [x, y, zoom] = view.transform
    const step = gridStep(GRID, zoom)
    // One dot in the middle of a tile a step wide (in device pixels, rounded; the pattern is scaled back to the step).
    const size = Math.max(2, Math.round(step * view.pixelRatio))
    if (this.grid?.size !== size || this.grid.color !== palette['--dg-dots']) {
      const tile = new OffscreenCanvas(size, size)
      const tileContext = tile.getContext('2d')!
      const dot = tileContext.createRadialGradient(size / 2, size / 2, 0, size / 2, size / 2, 1.25 * view.pixelRatio)
      dot.addColorStop(0, palette['--dg-dots'])
      dot.addColorStop(0.6, palette['--dg-dots'])
      dot.addColorStop(1, 'transparent')
      tileContext.fillStyle = dot
      tileContext.fillRect(0, 0, size, size)
      this.grid = { size, color: palette['--dg-dots'], pattern: context.createPattern(tile, 'repeat')! }
    }
    const scale = (step * view.pixelRatio) / size
    const at = (offset: number) => (gridPhase(offset, step) - step / 2) * view.pixelRatio
    this.grid.pattern.setTransform(new DOMMatrix([scale, 0, 0, scale, at(x), at(y)]))
    context.fillStyle = this.grid.pattern
    context.fillRect(0, 0, width, height)
  }

  // --- the overview -----------------------------------------------------------------------

  private drawOverview(context: Context, groups: SceneItem[], links: SceneLink[], boxes: SceneItem[], look: SceneLook, zoom: number) {
    const { palette } = look
    const pixel = 1 / zoom
    for (const item of groups) {
      const { boundary } = item.node
      context.globalAlpha = 0.6
      context.fillStyle = palette['--bg-sunken']
      context.fillRect(item.x, item.y, item.width, item.height)
      context.globalAlpha = 1
      context.lineWidth = 1.5 * pixel
      context.strokeStyle = item.selected || boundary === 'team' ? palette['--accent'] : boundary === 'zone' ? palette['--dg-zone'] : palette['--border-strong']
      context.setLineDash(boundary === 'zone' ? [5 * pixel, 4 * pixel] : [])
      context.strokeRect(item.x, item.y, item.width, item.height)
    }
    context.setLineDash([])
    this.strokeLinks(context, links, palette, pixel, 2 * pixel)

    for (const item of boxes) {
      const { node } = item
      const colors = this.nodeColors(item, look)
      context.globalAlpha = this.dimmed(item) ? DIMMED_ALPHA : 1
      context.fillStyle = colors.fill
      context.strokeStyle = colors.line
      context.fillRect(item.x, item.y, item.width, item.height)
      if (item.selected) context.strokeStyle = palette['--accent']
      else if (colors.erroring) context.strokeStyle = palette['--danger']
      context.lineWidth = (item.selected || colors.erroring ? 2 : 1) * pixel
      context.strokeRect(item.x, item.y, item.width, item.height)
      if (node.kind === 'service' && node.shape === 'service') {
        // The service's color bar down its left side, as on the element.
        context.fillStyle = colors.ink
        context.fillRect(item.x, item.y, Math.max(3, 2 * pixel), item.height)
      }
    }
    context.globalAlpha = 1
  }

  /** Boundary names at a readable size whatever the zoom, like place names on a map. */
  private drawOverviewLabels(context: Context, groups: SceneItem[], view: SceneView) {
    const [x, y, zoom] = view.transform
    context.setTransform(view.pixelRatio, 0, 0, view.pixelRatio, 0, 0)
    context.font = OVERVIEW_LABEL_FONT
    context.textBaseline = 'top'
    context.textAlign = 'left'
    context.fillStyle = this.look!.palette['--text-muted']
    for (const item of groups) {
      const width = item.width * zoom
      if (!item.node.label || width < OVERVIEW_LABEL_MIN_WIDTH) continue
      context.fillText(item.node.label, item.x * zoom + x + 6, item.y * zoom + y + 5, width - 12)
    }
  }

  // --- nearer: what the elements draw -------------------------------------------------------

  private drawGroup(context: Context, item: SceneItem, palette: Palette) {
    const { boundary, label } = item.node
    const line = item.selected ? palette['--accent'] : boundary === 'zone' ? palette['--dg-zone'] : boundary === 'team' ? palette['--accent'] : palette['--border-strong']
    context.beginPath()
    context.roundRect(item.x + GROUP.border / 2, item.y + GROUP.border / 2, item.width - GROUP.border, item.height - GROUP.border, GROUP.radius)
    if (boundary === 'zone' || boundary === 'team') {
      context.globalAlpha = 0.05
      context.fillStyle = boundary === 'zone' ? palette['--dg-zone'] : palette['--accent']
    } else {
      context.globalAlpha = 0.6
      context.fillStyle = palette['--bg-sunken']
    }
    context.fill()
    context.globalAlpha = 1
    context.lineWidth = GROUP.border
    context.strokeStyle = line
    context.setLineDash(boundary === 'zone' ? [5, 4] : boundary === 'team' ? [1.5, 3] : [])
    context.stroke()
    context.setLineDash([])

    const baseline = item.y + GROUP.labelTop + GROUP.labelLine / 2
    let left = item.x + GROUP.paddingX
    const right = item.x + item.width - GROUP.paddingX
    context.textBaseline = 'middle'
    context.textAlign = 'left'
    if (boundary) {
      context.font = `500 10px ${palette['--font-ui']}`
      context.fillStyle = palette['--text-faint']
      const kind = this.fit(context, BOUNDARY_NAMES[boundary], right - left)
      context.fillText(kind, left, baseline)
      left += context.measureText(kind).width + GROUP.kindGap
    }
    if (label && left < right) {
      context.font = `600 12px ${palette['--font-ui']}`
      context.fillStyle = palette['--text-muted']
      context.fillText(this.fit(context, label, right - left), left, baseline)
    }
  }

  private drawLinks(context: Context, links: SceneLink[], palette: Palette) {
    this.strokeLinks(context, links, palette, LINK.width, LINK.selectedWidth)
    for (const link of links) {
      const { x, y, dx, dy } = link.end
      const backX = x - dx * LINK.arrowLength
      const backY = y - dy * LINK.arrowLength
      context.beginPath()
      context.moveTo(x, y)
      context.lineTo(backX - dy * LINK.arrowHalfWidth, backY + dx * LINK.arrowHalfWidth)
      context.lineTo(backX + dy * LINK.arrowHalfWidth, backY - dx * LINK.arrowHalfWidth)
      context.closePath()
      context.fillStyle = link.selected ? palette['--accent'] : palette['--dg-edge']
      context.fill()
    }
    context.font = `11px ${palette['--font-ui']}`
    context.textBaseline = 'middle'
    context.textAlign = 'center'
    for (const link of links) {
      if (!link.label) continue
      const width = context.measureText(link.label).width + 2 * LINK.labelPadding
      context.beginPath()
      context.roundRect(link.labelX - width / 2, link.labelY - LINK.labelLine / 2, width, LINK.labelLine, LINK.labelRadius)
      context.fillStyle = palette['--dg-canvas']
      context.fill()
      context.fillStyle = link.selected ? palette['--accent'] : palette['--text-muted']
      context.fillText(link.label, link.labelX, link.labelY)
    }
  }

  private strokeLinks(context: Context, links: SceneLink[], palette: Palette, width: number, selectedWidth: number) {
    const plain = new Path2D()
    const selected = new Path2D()
    for (const link of links) (link.selected ? selected : plain).addPath(this.paths.get(link.id)!)
    context.lineWidth = width
    context.strokeStyle = palette['--dg-edge']
    context.stroke(plain)
    context.lineWidth = selectedWidth
    context.strokeStyle = palette['--accent']
    context.stroke(selected)
  }

  private drawService(context: Context, item: SceneItem, look: SceneLook) {
    const { palette } = look
    const { node } = item
    const colors = this.nodeColors(item, look)
    const border = colors.erroring ? palette['--danger'] : colors.line
    context.globalAlpha = this.dimmed(item) ? DIMMED_ALPHA : 1
    const { x, y, width, height } = item

    if (node.shape === 'database') {
      const rx = (width * 49) / 100
      const ry = (height * 11) / 100
      const cx = x + width / 2
      const top = y + height * 0.12
      const bottom = y + height * 0.88
      context.beginPath()
      context.ellipse(cx, top, rx, ry, 0, Math.PI, 0)
      context.lineTo(cx + rx, bottom)
      context.ellipse(cx, bottom, rx, ry, 0, 0, Math.PI)
      context.closePath()
      context.fillStyle = colors.fill
      context.fill()
      context.lineWidth = 1.2
      context.strokeStyle = colors.erroring ? palette['--danger'] : colors.ink
      context.stroke()
      context.beginPath()
      context.ellipse(cx, top, rx, ry, 0, 0, Math.PI)
      context.stroke()
    } else {
      const radius = node.shape === 'external' ? height / 2 : NODE.radius
      context.beginPath()
      context.roundRect(x + 0.5, y + 0.5, width - 1, height - 1, radius)
      context.fillStyle = colors.fill
      context.fill()
      context.lineWidth = 1
      context.strokeStyle = border
      context.stroke()
      if (node.shape === 'service') {
        // The thick left border, in the service's ink (or red, as every border of an erroring one).
        context.save()
        context.beginPath()
        context.roundRect(x, y, width, height, radius)
        context.clip()
        context.fillStyle = colors.erroring ? palette['--danger'] : colors.ink
        context.fillRect(x, y, NODE.inkWidth, height)
        context.restore()
      }
    }
    this.ring(context, item, colors, palette)

    const detail = serviceDetail(node.service, node.service === null ? undefined : look.services[node.service])
    const top = node.shape === 'database' ? y + NODE.databaseTop : y
    const contentHeight = NODE.labelLine + (detail ? NODE.gap + NODE.detailLine : 0)
    const labelY = top + (y + height - top - contentHeight) / 2 + NODE.labelLine / 2
    const textWidth = width - 2 * NODE.paddingX - (node.shape === 'service' ? NODE.inkWidth + 1 : 2)
    context.textAlign = 'center'
    context.textBaseline = 'middle'
    context.font = `600 12px ${palette['--font-ui']}`
    context.fillStyle = palette['--text']
    context.fillText(this.fit(context, node.label, textWidth), x + width / 2, labelY)
    if (detail) {
      context.font =
        detail.tone === 'unbound' ? `italic 11px ${palette['--font-ui']}` : detail.tone === 'error' ? `500 11px ${palette['--font-ui']}` : `11px ${palette['--font-ui']}`
      context.fillStyle = detail.tone === 'unbound' ? palette['--text-faint'] : detail.tone === 'error' ? palette['--danger'] : palette['--text-muted']
      context.fillText(this.fit(context, detail.text, textWidth), x + width / 2, labelY + NODE.labelLine / 2 + NODE.gap + NODE.detailLine / 2)
    }
    context.globalAlpha = 1
  }

  private drawNote(context: Context, item: SceneItem, palette: Palette) {
    context.globalAlpha = this.dimmed(item) ? DIMMED_ALPHA : 1
    context.beginPath()
    context.roundRect(item.x + 0.5, item.y + 0.5, item.width - 1, item.height - 1, NOTE.radius)
    context.fillStyle = palette['--dg-note-bg']
    context.fill()
    context.lineWidth = 1
    context.strokeStyle = palette['--dg-note-line']
    context.stroke()
    this.ring(context, item, null, palette)
    context.save()
    context.clip()
    context.textAlign = 'left'
    context.textBaseline = 'top'
    const empty = !item.node.label
    context.font = `${empty ? 'italic ' : ''}12px ${palette['--font-ui']}`
    context.fillStyle = empty ? palette['--text-faint'] : palette['--dg-note-text']
    const lines = empty ? ['Empty note'] : this.wrap(context, item.node.label, item.width - 2 * NOTE.paddingX)
    lines.forEach((line, index) => context.fillText(line, item.x + NOTE.paddingX, item.y + NOTE.paddingY + index * NOTE.line))
    context.restore()
    context.globalAlpha = 1
  }

  /** The selection ring (accent), or the traced service's halo (its ink). */
  private ring(context: Context, item: SceneItem, colors: { ink: string } | null, palette: Palette) {
    const traced = colors && item.node.service !== null && this.traced?.has(item.node.service)
    if (!item.selected && !traced) return
    const spread = item.selected ? 2 : 3
    context.beginPath()
    context.roundRect(item.x - spread / 2, item.y - spread / 2, item.width + spread, item.height + spread, NODE.radius + spread / 2)
    context.lineWidth = spread
    if (item.selected) context.strokeStyle = palette['--accent']
    else {
      context.globalAlpha *= 0.35
      context.strokeStyle = colors!.ink
    }
    context.stroke()
    context.globalAlpha = this.dimmed(item) ? DIMMED_ALPHA : 1
  }

  private dimmed(item: SceneItem): boolean {
    return this.traced !== null && (!item.node.service || !this.traced.has(item.node.service))
  }

  /** A node's colors, as .dg-shape and .dg-note work them out from the service's hue. */
  private nodeColors(item: SceneItem, look: SceneLook): { fill: string; line: string; ink: string; erroring: boolean } {
    const { palette } = look
    const { node } = item
    const erroring = node.service !== null && (look.services[node.service]?.errorSpans ?? 0) > 0
    if (node.kind === 'note') return { fill: palette['--dg-note-bg'], line: palette['--dg-note-line'], ink: palette['--dg-note-line'], erroring: false }
    if (node.service === null) return { fill: palette['--bg-raised'], line: palette['--border-strong'], ink: palette['--border-strong'], erroring }
    const hue = serviceHue(node.service)
    const hsl = (lightness: string) => `hsl(${hue} ${palette['--chip-saturation']} ${lightness})`
    return { fill: hsl(palette['--chip-bg-lightness']), line: hsl(palette['--chip-border-lightness']), ink: hsl(palette['--chip-dot-lightness']), erroring }
  }

  /** `text` cut to `width` (in the context's font) with an ellipsis, as the elements' CSS does. */
  private fit(context: Context, text: string, width: number): string {
    const key = `${context.font}\u0000${width}\u0000${text}`
    let fitted = this.fitted.get(key)
    if (fitted === undefined) {
      fitted = text
      if (context.measureText(text).width > width) {
        let keep = text.length
        while (keep > 0 && context.measureText(`${text.slice(0, keep)}…`).width > width) keep--
        fitted = keep > 0 ? `${text.slice(0, keep)}…` : ''
      }
      this.fitted.set(key, fitted)
    }
    return fitted
  }

  /** A note's text in lines that fit `width`, broken at spaces (and inside words too long for a line). */
  private wrap(context: Context, text: string, width: number): string[] {
    const lines: string[] = []
    for (const paragraph of text.split('\n')) {
      let line = ''
      for (const word of paragraph.split(' ')) {
        const next = line ? `${line} ${word}` : word
        if (context.measureText(next).width <= width || !line) line = next
        else {
          lines.push(line)
          line = word
        }
      }
      lines.push(line)
    }
    return lines
  }
}

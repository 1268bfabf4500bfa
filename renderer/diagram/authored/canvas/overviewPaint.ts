import { serviceHue } from '../../../traces/serviceColor'
import type { OverviewItem, OverviewScene } from '../logic/overviewScene'

// Drawing the overview of a large diagram (OverviewCanvas) on a canvas: in a worker on an
// OffscreenCanvas, or on the page's own canvas where no worker starts.

export const PALETTE_NAMES = [
  '--dg-edge',
  '--dg-zone',
  '--dg-note-bg',
  '--dg-note-line',
  '--accent',
  '--danger',
  '--text-muted',
  '--border-strong',
  '--bg-raised',
  '--bg-sunken',
  '--chip-saturation',
  '--chip-dot-lightness',
  '--chip-bg-lightness',
  '--chip-border-lightness',
] as const
export type Palette = Record<(typeof PALETTE_NAMES)[number], string>

/** What the drawing needs besides geometry: the theme, and the open incident's services. */
export interface OverviewLook {
  palette: Palette
  /** Services with error spans in the open incident. */
  erroring: string[]
  /** Services of the trace open in the trace pane (the others are dimmed), or null. */
  traced: string[] | null
}

export interface OverviewView {
  transform: [number, number, number]
  width: number
  height: number
  pixelRatio: number
}

export type OverviewMessage =
  | { kind: 'canvas'; canvas: OffscreenCanvas }
  | { kind: 'scene'; scene: OverviewScene; look: OverviewLook }
  | { kind: 'view'; view: OverviewView }

/** A boundary's name is drawn at this size on screen, once the boundary is wide enough to hold it. */
const GROUP_LABEL_FONT = '600 11px system-ui, sans-serif'
const GROUP_LABEL_MIN_WIDTH = 72

type Context = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D

const overlaps = (item: OverviewItem, view: { x: number; y: number; width: number; height: number }) =>
  item.x < view.x + view.width && view.x < item.x + item.width && item.y < view.y + view.height && view.y < item.y + item.height

/** Keeps the latest scene, look and view, and draws them. */
export class OverviewPainter {
  private scene: OverviewScene | null = null
  private links = { all: new Path2D(), selected: new Path2D() }
  private look: OverviewLook | null = null
  private erroring = new Set<string>()
  private traced: Set<string> | null = null
  private view: OverviewView | null = null
  private readonly context: Context | null

  constructor(private readonly canvas: HTMLCanvasElement | OffscreenCanvas) {
    this.context = canvas.getContext('2d') as Context | null
  }

  setScene(scene: OverviewScene, look: OverviewLook) {
    this.scene = scene
    this.look = look
    this.erroring = new Set(look.erroring)
    this.traced = look.traced && new Set(look.traced)
    const all = new Path2D()
    const selected = new Path2D()
    for (const link of scene.links) (link.selected ? selected : all).addPath(new Path2D(link.path))
    this.links = { all, selected }
  }

  setView(view: OverviewView) {
    const width = Math.round(view.width * view.pixelRatio)
    const height = Math.round(view.height * view.pixelRatio)
    if (this.canvas.width !== width) this.canvas.width = width
    if (this.canvas.height !== height) this.canvas.height = height
    this.view = view
  }

  draw() {
    const { context, scene, look, view } = this
    if (!context || !scene || !look || !view) return
    const { palette } = look
    const [x, y, zoom] = view.transform
    const ratio = view.pixelRatio
    context.setTransform(1, 0, 0, 1, 0, 0)
    context.clearRect(0, 0, this.canvas.width, this.canvas.height)
    context.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * x, ratio * y)
    const visible = { x: -x / zoom, y: -y / zoom, width: view.width / zoom, height: view.height / zoom }
    const pixel = 1 / zoom
    const shown = scene.items.filter((item) => overlaps(item, visible))
    const groups = shown.filter((item) => item.node.kind === 'group')

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

    context.lineWidth = pixel
    context.strokeStyle = palette['--dg-edge']
    context.stroke(this.links.all)
    context.lineWidth = 2 * pixel
    context.strokeStyle = palette['--accent']
    context.stroke(this.links.selected)

    const saturation = palette['--chip-saturation']
    for (const item of shown) {
      const { node } = item
      if (node.kind === 'group') continue
      const hue = node.service ? serviceHue(node.service) : null
      const erroring = node.service !== null && this.erroring.has(node.service)
      context.globalAlpha = this.traced !== null && (!node.service || !this.traced.has(node.service)) ? 0.35 : 1
      if (node.kind === 'note') {
        context.fillStyle = palette['--dg-note-bg']
        context.strokeStyle = palette['--dg-note-line']
      } else if (hue !== null) {
        context.fillStyle = `hsl(${hue} ${saturation} ${palette['--chip-bg-lightness']})`
        context.strokeStyle = `hsl(${hue} ${saturation} ${palette['--chip-border-lightness']})`
      } else {
        context.fillStyle = palette['--bg-raised']
        context.strokeStyle = palette['--border-strong']
      }
      context.fillRect(item.x, item.y, item.width, item.height)
      if (item.selected) context.strokeStyle = palette['--accent']
      else if (erroring) context.strokeStyle = palette['--danger']
      context.lineWidth = (item.selected || erroring ? 2 : 1) * pixel
      context.strokeRect(item.x, item.y, item.width, item.height)
      if (node.kind === 'service' && node.shape === 'service') {
        // The service's color bar down its left side, as on the element.
        context.fillStyle = hue === null ? palette['--border-strong'] : `hsl(${hue} ${saturation} ${palette['--chip-dot-lightness']})`
        context.fillRect(item.x, item.y, Math.max(3, 2 * pixel), item.height)
      }
    }
    context.globalAlpha = 1

    // Boundary names at a readable size whatever the zoom, like place names on a map.
    context.setTransform(ratio, 0, 0, ratio, 0, 0)
    context.font = GROUP_LABEL_FONT
    context.textBaseline = 'top'
    context.fillStyle = palette['--text-muted']
    for (const item of groups) {
      const width = item.width * zoom
      if (!item.node.label || width < GROUP_LABEL_MIN_WIDTH) continue
      context.fillText(item.node.label, item.x * zoom + x + 6, item.y * zoom + y + 5, width - 12)
    }
  }
}

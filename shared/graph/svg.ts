import { callLabel, serviceDetail } from './labels'
import { halfwayAlong, layoutLeftToRight } from './layout'
import type { ServiceGraph } from './service-graph'

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const NODE_WIDTH = 170
/** About the advance of a character of the 10 px edge labels (system sans-serif). */
const LABEL_CHAR_WIDTH = 5.6
const NODE_HEIGHT = 46

/** The derived service graph as a standalone SVG document (reports, exports). */
export function serviceGraphSvg(graph: ServiceGraph): string {
  const layout = layoutLeftToRight(
    graph.nodes.map((node) => ({ id: node.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    graph.edges,
  )
  const maxCalls = Math.max(1, ...graph.edges.map((edge) => edge.calls))
  const edges = graph.edges.map((edge, i) => {
    const points = layout.routes[i].map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')
    const color = edge.errors > 0 ? '#d92d20' : '#667085'
    const width = 1.2 + (3 * edge.calls) / maxCalls
    const middle = halfwayAlong(layout.routes[i])
    const label = callLabel(edge)
    // On a patch of the background, so the line under it does not run through the words.
    const labelWidth = label.length * LABEL_CHAR_WIDTH + 6
    return `<polyline points="${points}" fill="none" stroke="${color}" stroke-width="${width.toFixed(1)}"${edge.messaging ? ' stroke-dasharray="6 4"' : ''} marker-end="url(#arrow-${edge.errors > 0 ? 'error' : 'ok'})"/>
<rect x="${(middle.x - labelWidth / 2).toFixed(1)}" y="${(middle.y - 7).toFixed(1)}" width="${labelWidth.toFixed(1)}" height="14" rx="3" fill="#fcfcfd"/>
<text x="${middle.x.toFixed(1)}" y="${(middle.y + 3.5).toFixed(1)}" text-anchor="middle" class="edge">${label}</text>`
  })
  const nodes = graph.nodes.map((node) => {
    const { x, y } = layout.positions.get(node.id)!
    const stroke = node.errorSpans > 0 ? '#d92d20' : '#98a2b3'
    const dash = node.uninstrumented ? ' stroke-dasharray="5 3"' : ''
    const shape =
      node.shape === 'database'
        ? `<path d="M${x} ${y + 8} a${NODE_WIDTH / 2} 8 0 0 0 ${NODE_WIDTH} 0 v${NODE_HEIGHT - 16} a${NODE_WIDTH / 2} 8 0 0 1 ${-NODE_WIDTH} 0 z M${x} ${y + 8} a${NODE_WIDTH / 2} 8 0 0 1 ${NODE_WIDTH} 0" fill="#fff" stroke="${stroke}"${dash}/>`
        : `<rect x="${x}" y="${y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="8" fill="#fff" stroke="${stroke}"${dash}/>`
    return `${shape}
<text x="${x + NODE_WIDTH / 2}" y="${y + 20}" text-anchor="middle" class="name">${escapeXml(node.id)}</text>
<text x="${x + NODE_WIDTH / 2}" y="${y + 36}" text-anchor="middle" class="detail">${serviceDetail(node)}</text>`
  })
  // Edge routes (and their labels) can leave the layout's box: fit the view to everything drawn.
  const points = layout.routes.flat()
  const minX = Math.min(0, ...points.map((p) => p.x)) - 8
  const minY = Math.min(0, ...points.map((p) => p.y - 18)) - 8
  const width = Math.ceil(Math.max(layout.width, ...points.map((p) => p.x)) - minX + 8)
  const height = Math.ceil(Math.max(layout.height, ...points.map((p) => p.y)) - minY + 8)
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${minX.toFixed(0)} ${minY.toFixed(0)} ${width} ${height}" font-family="system-ui, sans-serif">
<defs>${['ok', 'error']
    .map((kind) => `<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${kind === 'error' ? '#d92d20' : '#667085'}"/></marker>`)
    .join('')}<style>.name{font-size:12px;font-weight:600;fill:#101828}.detail{font-size:10px;fill:#475467}.edge{font-size:10px;fill:#475467}</style></defs>
<rect x="${minX.toFixed(0)}" y="${minY.toFixed(0)}" width="${width}" height="${height}" fill="#fcfcfd"/>
${edges.join('\n')}
${nodes.join('\n')}
</svg>
`
}

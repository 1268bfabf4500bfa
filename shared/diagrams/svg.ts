import { serviceHue } from '../graph/serviceColor'
import { absolutePosition, borderPoint, type Box } from './geometry'
import type { DiagramContent, DiagramNode } from './model'

// An authored diagram as a standalone SVG document (export, the PNG export's source, runbook
// previews, reports): light colors whatever the theme, services in their hue, edges straight
// between node borders.

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const round = (n: number) => Math.round(n * 10) / 10

/** Regions solid, trust zones dashed amber, teams dotted: the same cues as in the editor. */
const BOUNDARY_STROKE: Record<NonNullable<DiagramNode['boundary']> | 'plain', string> = {
  plain: 'stroke="#98a2b3"',
  region: 'stroke="#667085" stroke-width="1.5"',
  zone: 'stroke="#d97706" stroke-dasharray="8 4"',
  team: 'stroke="#4f5bd5" stroke-dasharray="2 3"',
}

/** Rough average glyph widths of the classes' fonts (no font metrics without a browser). */
const CHAR_WIDTH: Record<string, number> = { label: 7.2, group: 7.2, note: 6.2, edge: 5.8 }
const LINE_HEIGHT = 15
const EDGE_LABEL_WIDTH = 180

/**
 * The label in lines that fit `width` (words wrapped, a word too long cut) and at most `maxLines`
 * of them, the last ending in an ellipsis when text was left out.
 */
export function fitLabel(label: string, width: number, maxLines: number, className: string): string[] {
  const perLine = Math.max(3, Math.floor(width / CHAR_WIDTH[className]))
  const lines: string[] = []
  for (const paragraph of label.split('\n')) {
    let line = ''
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const joined = line ? `${line} ${word}` : word
      if (joined.length <= perLine) line = joined
      else {
        if (line) lines.push(line)
        line = word
        while (line.length > perLine) {
          lines.push(line.slice(0, perLine))
          line = line.slice(perLine)
        }
      }
    }
    lines.push(line)
  }
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, Math.max(1, maxLines))
  const last = kept[kept.length - 1]
  kept[kept.length - 1] = `${last.length >= perLine ? last.slice(0, perLine - 1) : last}…`
  return kept
}

function textLines(label: string, x: number, y: number, className: string, anchor: 'start' | 'middle', fit: { width: number; height: number }): string {
  const lines = fitLabel(label, fit.width, Math.max(1, Math.floor(fit.height / LINE_HEIGHT)), className)
  return lines.map((line, i) => `<text x="${round(x)}" y="${round(y + i * LINE_HEIGHT - ((lines.length - 1) * LINE_HEIGHT) / 2)}" text-anchor="${anchor}" class="${className}">${escapeXml(line)}</text>`).join('')
}

function drawNode(node: DiagramNode, box: Box): string {
  const { x, y, width, height } = box
  if (node.kind === 'group') {
    return `<rect x="${round(x)}" y="${round(y)}" width="${round(width)}" height="${round(height)}" rx="10" fill="#f8f9fb" fill-opacity="0.7" ${BOUNDARY_STROKE[node.boundary ?? 'plain']}/>${textLines(node.label, x + 12, y + 20, 'group', 'start', { width: width - 24, height: LINE_HEIGHT })}`
  }
  if (node.kind === 'note') {
    return `<rect x="${round(x)}" y="${round(y)}" width="${round(width)}" height="${round(height)}" rx="3" fill="#fff8c5" stroke="#e8d57a"/>${textLines(node.label, x + width / 2, y + height / 2 + 4, 'note', 'middle', { width: width - 12, height: height - 8 })}`
  }
  const hue = node.service ? serviceHue(node.service) : null
  const fill = hue === null ? '#ffffff' : `hsl(${hue} 62% 95%)`
  const stroke = hue === null ? '#98a2b3' : `hsl(${hue} 62% 48%)`
  const shape =
    node.shape === 'database'
      ? `<path d="M${round(x)} ${round(y + 8)} a${round(width / 2)} 8 0 0 1 ${round(width)} 0 v${round(height - 16)} a${round(width / 2)} 8 0 0 1 ${round(-width)} 0 z M${round(x)} ${round(y + 8)} a${round(width / 2)} 8 0 0 0 ${round(width)} 0" fill="${fill}" stroke="${stroke}"/>`
      : `<rect x="${round(x)}" y="${round(y)}" width="${round(width)}" height="${round(height)}" rx="${node.shape === 'external' ? round(height / 2) : 6}" fill="${fill}" stroke="${stroke}"/>`
  return `${shape}${textLines(node.label, x + width / 2, y + height / 2 + 4, 'label', 'middle', { width: width - 12, height: height - 8 })}`
}

export function diagramSvg(content: DiagramContent): string {
  const byId = new Map(content.nodes.map((node) => [node.id, node]))
  const boxes = new Map(content.nodes.map((node) => [node.id, { ...absolutePosition(node, byId), width: node.width, height: node.height }]))
  const all = [...boxes.values()]
  // The drawing's own bounds, wherever on the canvas it was drawn.
  const minX = (all.length ? Math.min(...all.map((b) => b.x)) : 0) - 16
  const minY = (all.length ? Math.min(...all.map((b) => b.y)) : 0) - 16
  const width = Math.ceil((all.length ? Math.max(...all.map((b) => b.x + b.width)) : 1) - minX + 16)
  const height = Math.ceil((all.length ? Math.max(...all.map((b) => b.y + b.height)) : 1) - minY + 16)
  const groups = content.nodes.filter((node) => node.kind === 'group')
  const others = content.nodes.filter((node) => node.kind !== 'group')
  const edges = content.edges.map((edge) => {
    const from = boxes.get(edge.source)!
    const to = boxes.get(edge.target)!
    const start = borderPoint(from, { x: to.x + to.width / 2, y: to.y + to.height / 2 })
    const end = borderPoint(to, { x: from.x + from.width / 2, y: from.y + from.height / 2 })
    const line = `<line x1="${round(start.x)}" y1="${round(start.y)}" x2="${round(end.x)}" y2="${round(end.y)}" stroke="#667085" stroke-width="1.4" marker-end="url(#arrow)"/>`
    // As wide as the gap it sits in allows (within bounds), drawn over the nodes with a halo.
    const room = Math.max(80, Math.min(EDGE_LABEL_WIDTH, Math.hypot(end.x - start.x, end.y - start.y) + 40))
    const label = edge.label ? textLines(edge.label, (start.x + end.x) / 2, (start.y + end.y) / 2 - 4, 'edge', 'middle', { width: room, height: 2 * LINE_HEIGHT }) : ''
    return { line, label }
  })
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${round(minX)} ${round(minY)} ${width} ${height}" font-family="system-ui, sans-serif">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#667085"/></marker>
<style>.label{font-size:12px;font-weight:600;fill:#101828}.group{font-size:12px;font-weight:600;fill:#475467}.note{font-size:11px;fill:#5c4a00}.edge{font-size:10px;fill:#475467;paint-order:stroke;stroke:#ffffff;stroke-width:3px}</style></defs>
<rect x="${round(minX)}" y="${round(minY)}" width="${width}" height="${height}" fill="#ffffff"/>
${groups.map((node) => drawNode(node, boxes.get(node.id)!)).join('\n')}
${edges.map((edge) => edge.line).join('\n')}
${others.map((node) => drawNode(node, boxes.get(node.id)!)).join('\n')}
${edges.map((edge) => edge.label).join('\n')}
</svg>
`
}

import { inflateSync, strFromU8 } from 'fflate'
import { XMLParser } from 'fast-xml-parser'
import { FormatError } from '../formats/errors'
import { type DiagramContent, type DiagramEdge, type DiagramNode, node } from './model'

// draw.io / diagrams.net files: <mxfile><diagram>…</diagram></mxfile> whose pages hold an
// <mxGraphModel> either as XML or compressed (base64 of raw deflate of the URI-encoded XML), or a
// bare <mxGraphModel> (.xml export). Cells wrapped in <object>/<UserObject> carry their label there.

type Attributes = Record<string, string | undefined>
type RawCell = { [key: string]: unknown; mxCell?: RawCell[]; mxGeometry?: RawCell }

/** The XML attributes of an element (its string-valued keys). */
const attributesOf = (raw: RawCell | undefined): Attributes =>
  Object.fromEntries(Object.entries(raw ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) => ['mxCell', 'diagram', 'object', 'UserObject'].includes(name),
})

const parseXml = (xml: string, what: string) => {
  try {
    return parser.parse(xml, true) as Record<string, unknown>
  } catch (error) {
    throw new FormatError(`${what} is not well-formed XML (${(error as Error).message.split('\n')[0]})`)
  }
}

function decompress(text: string): string {
  const compact = text.replace(/\s+/g, '')
  try {
    const bytes = Uint8Array.from(atob(compact), (c) => c.charCodeAt(0))
    return decodeURIComponent(strFromU8(inflateSync(bytes), true))
  } catch {
    throw new FormatError('the compressed diagram content is not base64 of deflated, URI-encoded XML')
  }
}

/** The mxGraphModel of the first page. */
function graphModel(xml: string): Record<string, unknown> {
  const document = parseXml(xml, 'the file')
  if (document.mxGraphModel) return document.mxGraphModel as Record<string, unknown>
  const file = document.mxfile as { diagram?: Array<Record<string, unknown>> } | undefined
  if (!file) throw new FormatError('not a draw.io file: no <mxfile> or <mxGraphModel>')
  const page = file.diagram?.[0]
  if (!page) throw new FormatError('the draw.io file has no pages')
  if (page.mxGraphModel) return page.mxGraphModel as Record<string, unknown>
  const text = String(page['#text'] ?? '').trim()
  if (!text) throw new FormatError('the first page is empty')
  const inner = parseXml(decompress(text), 'the decompressed page').mxGraphModel
  if (!inner) throw new FormatError('the decompressed page holds no <mxGraphModel>')
  return inner as Record<string, unknown>
}

/** Every cell, with the label and id of an <object>/<UserObject> wrapper moved onto it. */
function cellsOf(model: Record<string, unknown>): Array<{ cell: Attributes; geometry: Attributes }> {
  const root = (model.root ?? {}) as Record<string, RawCell[] | undefined>
  const cells: Array<{ cell: Attributes; geometry: Attributes }> = []
  for (const raw of root.mxCell ?? []) cells.push({ cell: attributesOf(raw), geometry: attributesOf(raw.mxGeometry) })
  for (const raw of [...(root.object ?? []), ...(root.UserObject ?? [])]) {
    const wrapper = attributesOf(raw)
    const inner = raw.mxCell?.[0]
    const cell = attributesOf(inner)
    cells.push({ cell: { ...cell, id: wrapper.id, value: wrapper.label ?? cell.value }, geometry: attributesOf(inner?.mxGeometry) })
  }
  return cells
}

const styleOf = (style = '') =>
  new Map(
    style
      .split(';')
      .filter(Boolean)
      .map((entry) => {
        const [key, value = ''] = entry.split('=')
        return [key, value] as const
      }),
  )

/** draw.io labels may be HTML (style html=1): keep the text. */
const labelText = (value = '') =>
  value
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim()

const number = (value: string | undefined) => (value !== undefined && Number.isFinite(Number(value)) ? Number(value) : 0)

export function parseDrawio(xml: string): DiagramContent {
  const cells = cellsOf(graphModel(xml))
  const vertices = cells.filter(({ cell }) => cell.vertex === '1' && cell.id)
  const styles = new Map(vertices.map(({ cell }) => [cell.id!, styleOf(cell.style)]))
  const isGroup = (id: string) => {
    const style = styles.get(id)!
    return style.has('group') || style.get('container') === '1' || style.has('swimlane') || vertices.some(({ cell }) => cell.parent === id)
  }
  const edgeIds = new Set(cells.filter(({ cell }) => cell.edge === '1').map(({ cell }) => cell.id))
  // Labels placed on an edge are vertices whose parent is the edge.
  const edgeLabels = new Map<string, string>()
  const nodes: DiagramNode[] = []
  for (const { cell, geometry } of vertices) {
    if (cell.parent && edgeIds.has(cell.parent)) {
      edgeLabels.set(cell.parent, [edgeLabels.get(cell.parent), labelText(cell.value)].filter(Boolean).join(' '))
      continue
    }
    const style = styles.get(cell.id!)!
    const group = isGroup(cell.id!)
    const shape = style.has('shape') && /cylinder|datastore/.test(style.get('shape')!) ? 'database' : style.has('cloud') || style.get('shape') === 'cloud' ? 'external' : 'service'
    const note = !group && (style.has('text') || style.get('shape') === 'note' || style.has('note'))
    nodes.push(
      node({
        id: cell.id!,
        kind: group ? 'group' : note ? 'note' : 'service',
        label: labelText(cell.value),
        x: number(geometry.x),
        y: number(geometry.y),
        width: number(geometry.width),
        height: number(geometry.height),
        parentId: cell.parent && styles.has(cell.parent) ? cell.parent : null,
        shape,
      }),
    )
  }
  const nodeIds = new Set(nodes.map((n) => n.id))
  // A child must follow its group (xyflow needs parents first).
  const depthOf = (n: DiagramNode): number => (n.parentId ? 1 + depthOf(nodes.find((p) => p.id === n.parentId)!) : 0)
  nodes.sort((a, b) => depthOf(a) - depthOf(b))

  const edges: DiagramEdge[] = cells
    .filter(({ cell }) => cell.edge === '1' && cell.id && cell.source && cell.target && nodeIds.has(cell.source) && nodeIds.has(cell.target))
    .map(({ cell }) => ({ id: cell.id!, source: cell.source!, target: cell.target!, label: [labelText(cell.value), edgeLabels.get(cell.id!)].filter(Boolean).join(' ') }))
  if (nodes.length === 0) throw new FormatError('the diagram has no shapes')
  return { nodes, edges }
}

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

/** The mxGraphModel of each page, in order. */
function graphModels(xml: string): Array<Record<string, unknown>> {
  const document = parseXml(xml, 'the file')
  if (document.mxGraphModel) return [document.mxGraphModel as Record<string, unknown>]
  const file = document.mxfile as { diagram?: Array<Record<string, unknown>> } | undefined
  if (!file) throw new FormatError('not a draw.io file: no <mxfile> or <mxGraphModel>')
  const pages = file.diagram ?? []
  if (pages.length === 0) throw new FormatError('the draw.io file has no pages')
  return pages.flatMap((page) => {
    if (page.mxGraphModel) return [page.mxGraphModel as Record<string, unknown>]
    const text = String(page['#text'] ?? '').trim()
    if (!text) return []
    const inner = parseXml(decompress(text), 'a decompressed page').mxGraphModel
    if (!inner) throw new FormatError('a decompressed page holds no <mxGraphModel>')
    return [inner as Record<string, unknown>]
  })
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

const codePoint = (code: number, reference: string) => (code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : reference)

/** draw.io labels may be HTML (style html=1): keep the text. Plain ones write a line break as &#xa;. */
const labelText = (value = '') =>
  value
    .replace(/&#x([0-9a-f]{1,6});/gi, (reference, hex: string) => codePoint(parseInt(hex, 16), reference))
    .replace(/&#(\d{1,7});/g, (reference, decimal: string) => codePoint(Number(decimal), reference))
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

/** The first page that has shapes (a file's later pages are other diagrams: import them one by one). */
export function parseDrawio(xml: string): DiagramContent {
  const pages = graphModels(xml).map(cellsOf)
  const cells = pages.find((page) => page.some(({ cell }) => cell.vertex === '1')) ?? pages[0] ?? []
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
  const byId = new Map(nodes.map((n) => [n.id, n]))
  // A shape inside something not kept as a node (an edge's label) stands on its own.
  for (const n of nodes) if (n.parentId !== null && !nodeIds.has(n.parentId)) n.parentId = null
  // A file whose parents go round in a loop has the loop cut.
  const loops = (n: DiagramNode) => {
    const seen = new Set<string>()
    for (let at: DiagramNode | undefined = n; at?.parentId; at = byId.get(at.parentId)) {
      if (seen.has(at.id)) return true
      seen.add(at.id)
    }
    return false
  }
  for (const n of nodes) if (loops(n)) n.parentId = null
  // A child must follow its group (xyflow needs parents first).
  const depthOf = (n: DiagramNode): number => (n.parentId === null ? 0 : 1 + depthOf(byId.get(n.parentId)!))
  nodes.sort((a, b) => depthOf(a) - depthOf(b))

  const edges: DiagramEdge[] = cells
    .filter(({ cell }) => cell.edge === '1' && cell.id && cell.source && cell.target && nodeIds.has(cell.source) && nodeIds.has(cell.target))
    .map(({ cell }) => ({ id: cell.id!, source: cell.source!, target: cell.target!, label: [labelText(cell.value), edgeLabels.get(cell.id!)].filter(Boolean).join(' ') }))
  if (nodes.length === 0) throw new FormatError('the diagram has no shapes')
  return { nodes, edges }
}

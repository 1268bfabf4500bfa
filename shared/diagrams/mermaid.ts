import { z } from 'zod'
import { FormatError } from '../formats/errors'
import type { LayoutDirection } from '../graph/layout'
import { autoLayout } from './autoLayout'
import { freeSpot } from './geometry'
import { Boundary, type DiagramContent, type DiagramEdge, type DiagramNode, NodeKind, node } from './model'

// Mermaid `flowchart` (or `graph`) text, the subset diagrams of services use: node shapes, edges
// with labels (chained, and with `&`), subgraphs as groups, comments; styling lines are skipped.
// Mermaid's own parser ships only inside the whole browser renderer, so this one is ours.

const HEADER = /^(flowchart|graph)(\s+(TB|TD|BT|RL|LR))?\s*$/i
const IGNORED = /^(classDef|class|style|linkStyle|click|direction|accTitle|accDescr)(?=\s|:|$)/
/** Opening and closing brackets of the node shapes, longest first; `shape` for the ones we draw. */
const SHAPES: Array<[string, string, DiagramNode['shape']]> = [
  ['(((', ')))', 'service'],
  ['[(', ')]', 'database'],
  ['((', '))', 'service'],
  ['([', '])', 'service'],
  ['[[', ']]', 'service'],
  ['{{', '}}', 'external'],
  ['[/', '/]', 'service'],
  ['[\\', '\\]', 'service'],
  ['(', ')', 'service'],
  ['[', ']', 'service'],
  ['{', '}', 'service'],
  ['>', ']', 'service'],
]
/** Ids are letters and digits of any script and `_`, with `-` and `.` between them; `A-->B` is A, an arrow, then B. */
const ID_TEXT = String.raw`[\p{L}\p{N}_]+(?:[.-][\p{L}\p{N}_]+)*`
const ID = new RegExp(`^${ID_TEXT}`, 'u')
const TITLED_SUBGRAPH = new RegExp(String.raw`^(${ID_TEXT})\s*\[(.*)\]$`, 'u')
/**
 * A link: plain (`-->`, `---`, `==>`, `-.->`, `~~~`, `<-->`, `o--o`, `x--x`, of any length) or
 * with its text inside (`-- text -->`, `== text ==>`, `-. text .->`), then an optional `|text|`.
 */
const ARROW = /^(?:(?:--|==|-\.)\s*(?<inner>[^-=.|>\s][^|]*?)\s*(?:-{2,}|={2,}|\.-+)[>ox]|[<ox]?(?:-{2,}|={2,}|-\.+-)[>ox]?|~{3,})(?:\|(?<pipe>[^|]*)\|)?/
/** Words that start statements of their own. */
const KEYWORDS = new Set(['end', 'subgraph', 'graph', 'flowchart'])
/** A class given inline, as in `api:::hot`. */
const CLASS_SUFFIX = /^:::[\w-]+/

/**
 * What Mermaid cannot say of a Casefile diagram (where each node sits and how big it is, notes,
 * bindings to services, kinds of boundary), kept in a comment Mermaid skips, by the node ids of
 * the text: the diagram comes back as it was drawn.
 */
const KEPT = /^\s*%%\s*casefile:\s*(.*)$/
const KeptNode = z
  .object({ x: z.number().finite(), y: z.number().finite(), width: z.number().finite().nonnegative(), height: z.number().finite().nonnegative(), kind: NodeKind, service: z.string().max(200).nullable(), boundary: Boundary.optional() })
  .partial()
const Kept = z.object({ nodes: z.record(z.string(), KeptNode) })
type Kept = z.infer<typeof Kept>

function readKept(json: string, line: number): Kept {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    throw new FormatError(`line ${line}: the "%% casefile:" comment is not JSON`)
  }
  const parsed = Kept.safeParse(value)
  if (!parsed.success) throw new FormatError(`line ${line}: the "%% casefile:" comment does not describe nodes (${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message})`)
  return parsed.data
}

const unquote = (text: string) => {
  const trimmed = text.trim()
  const inner = trimmed.startsWith('"') && trimmed.endsWith('"') && trimmed.length >= 2 ? trimmed.slice(1, -1) : trimmed
  // A markdown string (`"`**bold** text`"`) reads as its text.
  const markdown = inner.length >= 2 && inner.startsWith('`') && inner.endsWith('`')
  const plain = markdown ? inner.slice(1, -1).replace(/(\*\*|__|\*|_)(.+?)\1/g, '$2') : inner
  return plain.replace(/#quot;/g, '"').replace(/#124;/g, '|').replace(/<br\s*\/?>/gi, '\n')
}

interface Reader {
  text: string
  at: number
}

const skipSpaces = (r: Reader) => {
  while (r.at < r.text.length && /\s/.test(r.text[r.at])) r.at++
}

/** A node reference, possibly with a shape, label and class: `id`, `id[Label]`, `id[("Label")]:::hot`. */
function readNode(r: Reader, line: number): { id: string; label?: string; shape?: DiagramNode['shape'] } {
  const found = readNodeShape(r, line)
  r.at += CLASS_SUFFIX.exec(r.text.slice(r.at))?.[0].length ?? 0
  return found
}

function readNodeShape(r: Reader, line: number): { id: string; label?: string; shape?: DiagramNode['shape'] } {
  skipSpaces(r)
  const id = ID.exec(r.text.slice(r.at))?.[0]
  if (!id) throw new FormatError(`line ${line}: expected a node id at ${JSON.stringify(r.text.slice(r.at, r.at + 20))}`)
  r.at += id.length
  for (const [open, close, shape] of SHAPES) {
    if (!r.text.startsWith(open, r.at)) continue
    const start = r.at + open.length
    // A quoted label may contain the closing bracket.
    const quoted = r.text[start] === '"'
    const end = quoted ? r.text.indexOf(`"${close}`, start + 1) + 1 : r.text.indexOf(close, start)
    if (end <= 0) throw new FormatError(`line ${line}: node ${id} opens ${open} but never closes it with ${close}`)
    r.at = end + close.length
    return { id, label: unquote(r.text.slice(start, end)), shape }
  }
  return { id }
}

/** A line's statements: split on `;` outside quotes (labels hold entities like #quot;). */
function statements(line: string): string[] {
  const parts: string[] = []
  let current = ''
  let quoted = false
  for (const char of line) {
    if (char === '"') quoted = !quoted
    if (char === ';' && !quoted) {
      parts.push(current)
      current = ''
    } else current += char
  }
  parts.push(current)
  return parts
}

export function parseMermaid(text: string): DiagramContent {
  const nodes = new Map<string, DiagramNode>()
  const edges: DiagramEdge[] = []
  const groups: string[] = []
  let sawHeader = false
  let direction: LayoutDirection = 'TB'
  let groupCount = 0
  let kept: Kept | null = null
  // YAML front matter (`---` lines around a title or config), as Mermaid allows before the chart.
  let frontMatter: 'none' | 'open' | 'closed' = 'none'

  const touch = (found: { id: string; label?: string; shape?: DiagramNode['shape'] }) => {
    const parentId = groups.at(-1) ?? null
    const existing = nodes.get(found.id)
    if (existing) {
      if (found.label !== undefined) existing.label = found.label
      if (found.shape) existing.shape = found.shape
      // Named first outside any subgraph, then inside one: it belongs to that subgraph.
      if (existing.parentId === null && parentId !== null && existing.kind !== 'group') existing.parentId = parentId
      return
    }
    nodes.set(found.id, node({ id: found.id, label: found.label ?? found.id, shape: found.shape ?? 'service', parentId }))
  }

  const lines = text.split(/\r?\n/)
  lines.forEach((rawLine, index) => {
    const line = index + 1
    if (!sawHeader && frontMatter !== 'closed' && (rawLine.trim() === '---' || frontMatter === 'open')) {
      if (rawLine.trim() === '---') frontMatter = frontMatter === 'open' ? 'closed' : 'open'
      return
    }
    const keptLine = KEPT.exec(rawLine)
    if (keptLine) {
      kept = readKept(keptLine[1], line)
      return
    }
    for (const statement of statements(rawLine.replace(/^\s*%%.*$/, ''))) {
      const trimmed = statement.trim()
      if (!trimmed) continue
      if (!sawHeader) {
        const header = HEADER.exec(trimmed)
        if (!header) throw new FormatError(`line ${line}: expected "flowchart LR" (or graph/TD/...), not ${JSON.stringify(trimmed.slice(0, 40))}`)
        // Mermaid's own default is top to bottom.
        direction = /^(LR|RL)$/i.test(header[3] ?? '') ? 'LR' : 'TB'
        sawHeader = true
        continue
      }
      if (IGNORED.test(trimmed)) continue
      const subgraph = /^subgraph\s+(.+)$/.exec(trimmed)
      if (subgraph) {
        const spec = subgraph[1].trim()
        const titled = TITLED_SUBGRAPH.exec(spec)
        const id = titled ? titled[1] : ID.exec(spec)?.[0] === spec ? spec : `group${++groupCount}`
        const label = titled ? unquote(titled[2]) : unquote(spec)
        nodes.set(id, node({ id, label, kind: 'group', parentId: groups.at(-1) ?? null, width: 320, height: 200 }))
        groups.push(id)
        continue
      }
      if (trimmed === 'end') {
        if (groups.length === 0) throw new FormatError(`line ${line}: "end" without a subgraph`)
        groups.pop()
        continue
      }
      // node (& node)* (arrow node (& node)*)*
      const r: Reader = { text: trimmed, at: 0 }
      const readGroup = () => {
        const list = [readNode(r, line)]
        for (;;) {
          skipSpaces(r)
          if (r.text[r.at] !== '&') return list
          r.at++
          list.push(readNode(r, line))
        }
      }
      let sources = readGroup()
      sources.forEach(touch)
      for (;;) {
        skipSpaces(r)
        if (r.at >= r.text.length) break
        const arrow = ARROW.exec(r.text.slice(r.at))
        if (!arrow) throw new FormatError(`line ${line}: expected an arrow (-->) at ${JSON.stringify(r.text.slice(r.at, r.at + 20))}`)
        r.at += arrow[0].length
        const label = unquote(arrow.groups?.pipe ?? arrow.groups?.inner ?? '')
        const targets = readGroup()
        targets.forEach(touch)
        for (const source of sources) {
          for (const target of targets) edges.push({ id: '', source: source.id, target: target.id, label })
        }
        sources = targets
      }
    }
  })
  if (!sawHeader) throw new FormatError('no flowchart found (expected a first line like "flowchart LR")')
  if (groups.length > 0) throw new FormatError(`subgraph ${groups.at(-1)} is never closed with "end"`)
  // Mermaid edges have no ids: number them, clear of the node ids (a node may well be called e1).
  let serial = 0
  const edgeId = () => {
    for (;;) {
      const id = `e${++serial}`
      if (!nodes.has(id)) return id
    }
  }
  const content = { nodes: groupsFirst([...nodes.values()]), edges: edges.map((edge) => ({ ...edge, id: edgeId() })) }
  // Mermaid has no positions: laid out by its edges, the way the text flows (then as Casefile drew
  // it, where it did). Past LAYERED_UP_TO nodes that would hold the host up for seconds: in rows
  // (the editor's Layout does the rest off the main thread).
  const laidOut = content.nodes.length <= LAYERED_UP_TO ? autoLayout(content, direction).nodes : inRows(content.nodes)
  const drawn = kept as Kept | null
  return { nodes: drawn ? asDrawn(laidOut, drawn) : laidOut, edges: content.edges }
}

/** The nodes as the comment kept them; nodes added to the text by hand since go beside those, not on them. */
function asDrawn(laidOut: DiagramNode[], drawn: Kept): DiagramNode[] {
  const restored = laidOut.map((n) => (drawn.nodes[n.id] ? { ...n, ...drawn.nodes[n.id], kind: n.kind === 'group' ? 'group' : notGroup(drawn.nodes[n.id].kind ?? n.kind) } : n))
  return restored.map((n) => {
    if (drawn.nodes[n.id] || n.kind === 'group') return n
    const siblings = restored.filter((other) => other.parentId === n.parentId && drawn.nodes[other.id])
    return { ...n, ...freeSpot(n, siblings) }
  })
}

/** Whether the text carries the comment of a diagram drawn in Casefile: its bindings are as they were saved. */
export const keepsDrawing = (text: string): boolean => text.split(/\r?\n/).some((line) => KEPT.test(line))

/** A subgraph is a group and only a subgraph is: the comment does not change that. */
const notGroup = (kind: DiagramNode['kind']): DiagramNode['kind'] => (kind === 'group' ? 'service' : kind)

/** Most nodes an import lays out by its edges (about 0.3 s on this machine); more go in rows. */
const LAYERED_UP_TO = 2000

/** The nodes in rows inside their groups, groups sized to fit. */
function inRows(nodes: DiagramNode[]): DiagramNode[] {
  const childrenOf = (parentId: string | null) => nodes.filter((n) => n.parentId === parentId)
  const place = (parentId: string | null): { width: number; height: number } => {
    const kids = childrenOf(parentId)
    const columns = Math.max(1, Math.ceil(Math.sqrt(kids.length)))
    let x = 24
    let y = parentId ? 40 : 24
    let rowHeight = 0
    let width = 0
    kids.forEach((kid, i) => {
      if (kid.kind === 'group') Object.assign(kid, place(kid.id))
      if (i > 0 && i % columns === 0) {
        x = 24
        y += rowHeight + 40
        rowHeight = 0
      }
      kid.x = x
      kid.y = y
      x += kid.width + 40
      rowHeight = Math.max(rowHeight, kid.height)
      width = Math.max(width, x)
    })
    return { width: Math.max(width, 200), height: y + rowHeight + 24 }
  }
  place(null)
  return nodes
}

/** The nodes with each group before its members. */
function groupsFirst(nodes: DiagramNode[]): DiagramNode[] {
  const childrenOf = (parentId: string | null) => nodes.filter((n) => n.parentId === parentId)
  const ordered: DiagramNode[] = []
  const visit = (parentId: string | null) => {
    for (const kid of childrenOf(parentId)) {
      ordered.push(kid)
      if (kid.kind === 'group') visit(kid.id)
    }
  }
  visit(null)
  return ordered
}

const SHAPE_BRACKETS: Record<DiagramNode['shape'], [string, string]> = {
  service: ['[', ']'],
  database: ['[(', ')]'],
  external: ['{{', '}}'],
}

const quote = (label: string) => `"${label.replace(/"/g, '#quot;').replace(/\|/g, '#124;').replace(/\n/g, '<br>')}"`

/**
 * Writes a diagram as Mermaid flowchart text; ids are rewritten to Mermaid-safe ones. `restorable`
 * adds the comment that brings it back into Casefile as drawn (not wanted where it is only read).
 */
export function toMermaid(diagram: DiagramContent, { restorable = true } = {}): string {
  // An id Mermaid would read otherwise (a keyword, punctuation) is renamed n1, n2, … clear of the others.
  const usable = (id: string) => ID.exec(id)?.[0] === id && !KEYWORDS.has(id) && !IGNORED.test(id)
  const taken = new Set(diagram.nodes.map((n) => n.id).filter(usable))
  let serial = 0
  const renamed = () => {
    for (;;) {
      const id = `n${++serial}`
      if (!taken.has(id)) return id
    }
  }
  const safeIds = new Map(diagram.nodes.map((n) => [n.id, usable(n.id) ? n.id : renamed()]))
  const lines = ['flowchart LR']
  const write = (parentId: string | null, indent: string) => {
    for (const n of diagram.nodes.filter((candidate) => candidate.parentId === parentId)) {
      const id = safeIds.get(n.id)!
      if (n.kind === 'group') {
        lines.push(`${indent}subgraph ${id} [${quote(n.label)}]`)
        write(n.id, `${indent}  `)
        lines.push(`${indent}end`)
      } else {
        const [open, close] = SHAPE_BRACKETS[n.shape]
        lines.push(`${indent}${id}${open}${quote(n.label)}${close}`)
      }
    }
  }
  write(null, '  ')
  for (const edge of diagram.edges) {
    const label = edge.label ? `|${quote(edge.label)}|` : ''
    lines.push(`  ${safeIds.get(edge.source)} -->${label} ${safeIds.get(edge.target)}`)
  }
  if (!restorable) return `${lines.join('\n')}\n`
  const kept: Kept = {
    nodes: Object.fromEntries(
      diagram.nodes.map((n) => [safeIds.get(n.id)!, { x: n.x, y: n.y, width: n.width, height: n.height, kind: n.kind, service: n.service, ...(n.boundary ? { boundary: n.boundary } : {}) }]),
    ),
  }
  lines.push(`%% casefile: ${JSON.stringify(kept)}`)
  return `${lines.join('\n')}\n`
}

import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { absolutePosition, freeSpot, regroup, snap } from '../../../../shared/diagrams/geometry'
import { type DiagramContent, DiagramContent as DiagramContentSchema, node } from '../../../../shared/diagrams/model'
import { diagramSvg, fitLabel } from '../../../../shared/diagrams/svg'
import type { ServiceGraph } from '../../../../shared/graph/service-graph'
import { pngScale } from '../exportFiles'
import { embeddersText } from './embeddersText'
import { autoLayout } from '../../../../shared/diagrams/autoLayout'
import { copySelection, paste, remove } from './clipboard'
import { fromFlow, sameContent, toFlow } from './flowModel'
import { canRedo, canUndo, record, redo, startHistory, undo } from './history'
import { canvasScene, itemAt } from './canvasScene'
import { seedFromGraph } from './seedFromGraph'

const diagram: DiagramContent = {
  nodes: [
    node({ id: 'zone', kind: 'group', label: 'Payments zone', x: 300, y: 40, width: 360, height: 220, boundary: 'zone' }),
    node({ id: 'gw', label: 'gateway', x: 40, y: 100, service: 'api-gateway' }),
    node({ id: 'pay', label: 'payments', x: 30, y: 50, parentId: 'zone', service: 'payment-service' }),
    node({ id: 'db', label: 'payments db', x: 210, y: 50, width: 80, height: 80, parentId: 'zone', shape: 'database' }),
    node({ id: 'note', kind: 'note', label: 'Page #payments <on call>', x: 40, y: 380, width: 200, height: 40 }),
  ],
  edges: [
    { id: 'e1', source: 'gw', target: 'pay', label: 'POST /charges' },
    { id: 'e2', source: 'pay', target: 'db', label: 'SQL' },
  ],
}

describe('undo history', () => {
  it('undoes and redoes steps; a new step drops what was undone; no-op steps are not recorded', () => {
    let history = startHistory(1)
    history = record(history, 2)
    history = record(history, 3)
    history = record(history, 3)
    expect(history.past).toEqual([1, 2])
    history = undo(undo(history))
    expect(history.present).toBe(1)
    expect(canUndo(history)).toBe(false)
    history = redo(history)
    expect(history.present).toBe(2)
    history = record(history, 9)
    expect(canRedo(history)).toBe(false)
    expect(undo(history).present).toBe(2)
  })
})

describe('diagram ⇄ xyflow', () => {
  it('round-trips every field, groups before their members, groups beneath nodes', () => {
    const { nodes, edges } = toFlow(diagram, new Set(['gw']))
    expect(nodes.find((n) => n.id === 'pay')).toMatchObject({ parentId: 'zone', position: { x: 30, y: 50 }, type: 'service' })
    expect(nodes.find((n) => n.id === 'zone')!.zIndex).toBeLessThan(0)
    expect(nodes.find((n) => n.id === 'gw')!.selected).toBe(true)
    // Named for screen readers by what they join, not by ids.
    expect(edges.map((edge) => edge.ariaLabel)).toEqual(['gateway to payments: POST /charges', 'payments to payments db: SQL'])
    const back = fromFlow(nodes, edges)
    expect(sameContent(back, diagram)).toBe(true)
    expect(DiagramContentSchema.safeParse(back).success).toBe(true)
  })
})

describe('the canvas scene of a large diagram', () => {
  const scene = canvasScene({ ...diagram, edges: [...diagram.edges, { id: 'dangling', source: 'gw', target: 'gone', label: '' }] }, new Set(['pay', 'e2']))

  it('draws boundaries first, nodes at their places on the page, and the edges between nodes that exist', () => {
    expect(scene.items.map((item) => item.node.id)).toEqual(['zone', 'gw', 'pay', 'db', 'note'])
    expect(scene.items.find((item) => item.node.id === 'pay')).toMatchObject({ x: 330, y: 90, width: 160, height: 56, selected: true })
    expect(scene.links.map((link) => link.selected)).toEqual([false, true])
    // From where the line between their centers leaves gateway's right side to where it meets payments' left.
    expect(scene.links[0].path).toMatch(/^M200,125\.24\d* C.* 330,120\.75\d*$/)
    // Its arrowhead points right, into payments' left side; its label is drawn too.
    expect(scene.links[0].end).toMatchObject({ x: 330, dx: 1, dy: 0 })
    expect(scene.links[0]).toMatchObject({ id: 'e1', source: 'gw', target: 'pay', label: 'POST /charges' })
  })

  it('a click hits the node on top, else the boundary around it, else nothing', () => {
    expect(itemAt(scene, { x: 340, y: 100 })?.node.id).toBe('pay')
    expect(itemAt(scene, { x: 620, y: 240 })?.node.id).toBe('zone')
    expect(itemAt(scene, { x: 900, y: 900 })).toBeNull()
  })
})

describe('editing', () => {
  it('snaps to the grid', () => {
    expect(snap(23)).toBe(16)
    expect(snap(25)).toBe(32)
    expect(snap(-9, 10)).toBe(-10)
  })

  it('places a new node beside the ones already there', () => {
    const box = { x: 0, y: 0, width: 160, height: 56 }
    expect(freeSpot(box, [])).toEqual({ x: 0, y: 0 })
    expect(freeSpot(box, [box])).toEqual({ x: 192, y: 0 })
    expect(freeSpot(box, [box, { ...box, x: 192 }])).toEqual({ x: 384, y: 0 })
    // Not flush against one that ends where it would start.
    expect(freeSpot(box, [{ ...box, x: -160 }])).toEqual({ x: 192, y: 0 })
  })

  it('moves a node dropped on a group into it, and out again, keeping it where it is on screen', () => {
    const byId = (content: DiagramContent) => new Map(content.nodes.map((n) => [n.id, n]))
    const dropped = { ...diagram, nodes: diagram.nodes.map((n) => (n.id === 'gw' ? { ...n, x: 400, y: 150 } : n)) }
    const inside = regroup(dropped, ['gw'])
    const gw = byId(inside).get('gw')!
    expect(gw).toMatchObject({ parentId: 'zone', x: 100, y: 110 })
    expect(absolutePosition(gw, byId(inside))).toEqual({ x: 400, y: 150 })
    expect(inside.nodes.findIndex((n) => n.id === 'zone')).toBeLessThan(inside.nodes.findIndex((n) => n.id === 'gw'))

    const dragged = { ...inside, nodes: inside.nodes.map((n) => (n.id === 'gw' ? { ...n, x: -250 } : n)) }
    expect(byId(regroup(dragged, ['gw'])).get('gw')).toMatchObject({ parentId: null, x: 50, y: 150 })
    // A group is never put inside its own member.
    expect(regroup(diagram, ['zone'])).toBe(diagram)
  })

  it('copies a group with its members and their edges, and pastes them with new ids beside the original', () => {
    const fragment = copySelection(diagram, new Set(['zone']))
    expect(fragment.nodes.map((n) => n.id)).toEqual(['zone', 'pay', 'db'])
    expect(fragment.edges.map((e) => e.id)).toEqual(['e2'])
    let n = 0
    const { content, pastedIds } = paste(diagram, fragment, { x: 32, y: 32 }, () => `copy${++n}`)
    expect(DiagramContentSchema.safeParse(content).success).toBe(true)
    expect(content.nodes).toHaveLength(8)
    const pasted = content.nodes.filter((node) => pastedIds.includes(node.id))
    expect(pasted.find((p) => p.kind === 'group')).toMatchObject({ x: 332, y: 72, label: 'Payments zone' })
    expect(pasted.find((p) => p.label === 'payments')).toMatchObject({ x: 30, y: 50, parentId: pasted.find((p) => p.kind === 'group')!.id })
    expect(content.edges.at(-1)).toMatchObject({ label: 'SQL' })

    // A member copied without its group lands where it was on screen.
    expect(copySelection(diagram, new Set(['pay'])).nodes[0]).toMatchObject({ parentId: null, x: 330, y: 90 })
  })

  it('deletes a group with its members and every edge touching them', () => {
    const left = remove(diagram, new Set(['zone']), new Set())
    expect(left.nodes.map((n) => n.id)).toEqual(['gw', 'note'])
    expect(left.edges).toEqual([])
    expect(remove(diagram, new Set(), new Set(['e1'])).edges.map((e) => e.id)).toEqual(['e2'])
  })

  it('lays out left to right, members inside their group, the group sized to hold them', () => {
    const laid = autoLayout(diagram)
    const byId = new Map(laid.nodes.map((n) => [n.id, n]))
    const zone = byId.get('zone')!
    expect(byId.get('gw')!.x + byId.get('gw')!.width).toBeLessThan(zone.x)
    const pay = byId.get('pay')!
    const db = byId.get('db')!
    expect(pay.x + pay.width).toBeLessThan(db.x)
    for (const member of [pay, db]) {
      expect(member.x).toBeGreaterThanOrEqual(0)
      expect(member.x + member.width).toBeLessThanOrEqual(zone.width)
      expect(member.y + member.height).toBeLessThanOrEqual(zone.height)
    }
    expect(DiagramContentSchema.safeParse(laid).success).toBe(true)
  })
})

describe('starting from traces', () => {
  it('binds a node to each service and draws each call', () => {
    const graph: ServiceGraph = {
      nodes: [
        { id: 'api', spans: 3, errorSpans: 1, uninstrumented: false, shape: 'service' },
        { id: 'pg', spans: 0, errorSpans: 0, uninstrumented: true, shape: 'database' },
        { id: 'mail', spans: 1, errorSpans: 0, uninstrumented: false, shape: 'service' },
      ],
      edges: [
        { from: 'api', to: 'pg', calls: 3, errors: 0, p50Ms: 1, p95Ms: 2, messaging: false },
        { from: 'api', to: 'mail', calls: 1, errors: 0, p50Ms: 1, p95Ms: 2, messaging: true },
      ],
    }
    const seeded = seedFromGraph(graph)
    expect(DiagramContentSchema.safeParse(seeded).success).toBe(true)
    expect(seeded.nodes.map((n) => [n.label, n.service, n.shape])).toEqual([
      ['api', 'api', 'service'],
      ['pg', 'pg', 'database'],
      ['mail', 'mail', 'service'],
    ])
    const api = seeded.nodes[0]
    expect(seeded.nodes.slice(1).every((n) => n.x > api.x)).toBe(true)
    expect(seeded.edges.map((e) => e.label)).toEqual(['', 'messages'])
  })
})

describe('SVG export', () => {
  it('is well-formed, holds every label (escaped) and an arrow per edge', () => {
    const svg = diagramSvg(diagram)
    expect(XMLValidator.validate(svg)).toBe(true)
    const texts = new XMLParser({ ignoreAttributes: true }).parse(svg)
    expect(JSON.stringify(texts)).toContain('Page #payments <on call>')
    expect(svg).toContain('Page #payments &lt;on call&gt;')
    expect(svg.match(/<line /g)).toHaveLength(2)
    // The 80 px database wraps its label onto two lines.
    for (const label of ['gateway', 'payments', 'db', 'Payments zone', 'POST /charges', 'SQL']) expect(svg).toContain(`>${label}<`)
  })

  it('keeps long labels inside their box, and frames the drawing wherever it was drawn', () => {
    const far = { nodes: [node({ id: 'a', label: 'payment-service POST /v1/charges/authorize-and-capture retried', x: 900, y: 700, width: 160, height: 56 })], edges: [] }
    const svg = diagramSvg(far)
    const lines = [...svg.matchAll(/class="label">([^<]*)</g)].map((match) => match[1])
    expect(lines.length).toBeLessThanOrEqual(3)
    expect(lines.at(-1)).toMatch(/…$/)
    for (const line of lines) expect(line.length * 7.2).toBeLessThanOrEqual(160 - 12)
    expect(svg).toMatch(/viewBox="884 684 192 88"/)
    expect(fitLabel('checkout', 148, 3, 'label')).toEqual(['checkout'])
  })
})

describe('PNG export size', () => {
  it('is twice the SVG, or as large as a canvas can be for a very wide or large diagram', () => {
    expect(pngScale(1200, 800)).toBe(2)
    // A chain of 400 services laid out in a row: 100,208 px wide.
    const wide = pngScale(100_208, 400)
    expect(100_208 * wide).toBeLessThanOrEqual(32_767)
    expect(100_208 * wide).toBeGreaterThan(32_000)
    const large = pngScale(20_000, 20_000)
    expect(20_000 * large * 20_000 * large).toBeLessThanOrEqual(16_384 * 16_384 + 1)
  })
})

describe('deleting a diagram', () => {
  it('names what embeds it, the first few by title', () => {
    const titled = (...titles: string[]) => titles.map((title, id) => ({ id, title, incidentId: 1 }))
    expect(embeddersText({ runbooks: [], findings: [] })).toBe('Nothing embeds it.')
    expect(embeddersText({ runbooks: titled('Checkout 502'), findings: [] })).toBe('The runbook “Checkout 502” embeds it, and will show it as missing.')
    expect(embeddersText({ runbooks: titled('Checkout 502'), findings: titled('a', 'b', 'c', 'd', 'e') })).toBe(
      'The runbook “Checkout 502” and the 5 findings “a”, “b”, “c” and 2 more embed it, and will show it as missing.',
    )
  })
})

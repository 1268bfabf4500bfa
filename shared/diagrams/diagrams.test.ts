import { deflateSync, strToU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { parseDrawio } from './drawio'
import { parseMermaid, toMermaid } from './mermaid'
import { FormatError } from '../formats/errors'
import { DiagramContent, node } from './model'

// A draw.io page as diagrams.net writes it: layers 0 and 1, a container with children placed
// relative to it, an HTML label, a cylinder, an <object> wrapper with custom properties, edges
// with a value label and with a child label cell, and a dangling edge.
const MODEL = `<mxGraphModel dx="1426" dy="794" grid="1" gridSize="10"><root>
  <mxCell id="0"/><mxCell id="1" parent="0"/>
  <mxCell id="zone" value="Payments zone" style="swimlane;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="300" y="40" width="360" height="220" as="geometry"/></mxCell>
  <mxCell id="gw" value="&lt;b&gt;API&lt;/b&gt; gateway" style="rounded=1;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="40" y="100" width="120" height="60" as="geometry"/></mxCell>
  <mxCell id="pay" value="payment-service" style="rounded=1;" vertex="1" parent="zone"><mxGeometry x="30" y="50" width="120" height="60" as="geometry"/></mxCell>
  <mxCell id="db" value="payments db" style="shape=cylinder3;whiteSpace=wrap;html=1;" vertex="1" parent="zone"><mxGeometry x="210" y="50" width="60" height="80" as="geometry"/></mxCell>
  <object label="checkout" owner="team-checkout" id="co"><mxCell style="rounded=1;" vertex="1" parent="1"><mxGeometry x="40" y="260" width="120" height="60" as="geometry"/></mxCell></object>
  <mxCell id="note" value="Runbook: page #payments" style="text;html=1;" vertex="1" parent="1"><mxGeometry x="40" y="380" width="200" height="30" as="geometry"/></mxCell>
  <mxCell id="e1" value="POST /charges" style="edgeStyle=orthogonalEdgeStyle;" edge="1" parent="1" source="gw" target="pay"><mxGeometry relative="1" as="geometry"/></mxCell>
  <mxCell id="e2" style="endArrow=classic;" edge="1" parent="zone" source="pay" target="db"><mxGeometry relative="1" as="geometry"/></mxCell>
  <mxCell id="e2label" value="SQL" style="edgeLabel;html=1;" vertex="1" connectable="0" parent="e2"><mxGeometry x="-0.2" relative="1" as="geometry"/></mxCell>
  <mxCell id="e3" edge="1" parent="1" source="co" target="gw"><mxGeometry relative="1" as="geometry"/></mxCell>
  <mxCell id="dangling" edge="1" parent="1" source="gw"><mxGeometry relative="1" as="geometry"><mxPoint x="500" y="500" as="targetPoint"/></mxGeometry></mxCell>
</root></mxGraphModel>`

const plainFile = `<mxfile host="app.diagrams.net" agent="test" version="24.7.17"><diagram id="p1" name="Page-1">${MODEL}</diagram></mxfile>`
/** diagrams.net's compressed form: base64 of raw deflate of the URI-encoded model. */
const compressedFile = `<mxfile host="app.diagrams.net" compressed="true"><diagram id="p1" name="Page-1">${btoa(
  String.fromCharCode(...deflateSync(strToU8(encodeURIComponent(MODEL)))),
)}</diagram></mxfile>`

describe('draw.io import', () => {
  it.each([
    ['plain', plainFile],
    ['compressed', compressedFile],
    ['bare .xml model', MODEL],
  ])('reads vertices, groups, labels, edges and positions (%s)', (_kind, file) => {
    const diagram = DiagramContent.parse(parseDrawio(file))
    const byId = new Map(diagram.nodes.map((n) => [n.id, n]))
    expect(byId.get('zone')).toMatchObject({ kind: 'group', label: 'Payments zone', x: 300, y: 40, width: 360, height: 220, parentId: null })
    expect(byId.get('pay')).toMatchObject({ kind: 'service', parentId: 'zone', x: 30, y: 50 })
    expect(byId.get('db')).toMatchObject({ shape: 'database', parentId: 'zone' })
    expect(byId.get('gw')!.label).toBe('API gateway')
    expect(byId.get('co')).toMatchObject({ label: 'checkout', kind: 'service' })
    expect(byId.get('note')).toMatchObject({ kind: 'note' })
    expect(byId.has('e2label')).toBe(false)
    expect(diagram.nodes.findIndex((n) => n.id === 'zone')).toBeLessThan(diagram.nodes.findIndex((n) => n.id === 'pay'))
    expect(diagram.edges).toEqual([
      { id: 'e1', source: 'gw', target: 'pay', label: 'POST /charges' },
      { id: 'e2', source: 'pay', target: 'db', label: 'SQL' },
      { id: 'e3', source: 'co', target: 'gw', label: '' },
    ])
  })

  it('reads line breaks written as character references, the first page with shapes, and shapes inside an edge label', () => {
    const page = (cells: string) => `<diagram><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>${cells}</root></mxGraphModel></diagram>`
    const file = `<mxfile>${page('')}${page(`
      <mxCell id="db" value="orders&#xa;db&#10;(primary)" style="rounded=1;" vertex="1" parent="1"><mxGeometry x="0" y="0" width="120" height="60" as="geometry"/></mxCell>
      <mxCell id="api" value="api" vertex="1" parent="1"><mxGeometry x="200" y="0" width="120" height="60" as="geometry"/></mxCell>
      <mxCell id="call" edge="1" parent="1" source="api" target="db"><mxGeometry relative="1" as="geometry"/></mxCell>
      <mxCell id="label" value="reads" style="edgeLabel;" vertex="1" parent="call"><mxGeometry relative="1" as="geometry"/></mxCell>
      <mxCell id="icon" value="" style="shape=image;" vertex="1" parent="label"><mxGeometry x="0" y="0" width="16" height="16" as="geometry"/></mxCell>
      <mxCell id="a" value="loop a" vertex="1" parent="b"><mxGeometry x="0" y="0" width="10" height="10" as="geometry"/></mxCell>
      <mxCell id="b" value="loop b" vertex="1" parent="a"><mxGeometry x="0" y="0" width="10" height="10" as="geometry"/></mxCell>`)}</mxfile>`
    const diagram = DiagramContent.parse(parseDrawio(file))
    const byId = new Map(diagram.nodes.map((n) => [n.id, n]))
    expect(byId.get('db')!.label).toBe('orders\ndb\n(primary)')
    expect(byId.get('icon')!.parentId).toBeNull()
    expect([byId.get('a')!.parentId, byId.get('b')!.parentId]).toContain(null)
    expect(diagram.edges).toEqual([{ id: 'call', source: 'api', target: 'db', label: 'reads' }])
  })

  it.each([
    ['not XML', '<mxfile><diagram>', /not well-formed XML/],
    ['another XML document', '<svg xmlns="http://www.w3.org/2000/svg"/>', /not a draw.io file/],
    ['garbage compressed content', '<mxfile><diagram id="a">bm90IGRlZmxhdGVk</diagram></mxfile>', /not base64 of deflated/],
    ['no shapes', '<mxGraphModel><root><mxCell id="0"/></root></mxGraphModel>', /no shapes/],
  ])('refuses %s with the reason', (_kind, file, reason) => {
    expect(() => parseDrawio(file)).toThrow(reason)
  })
})

describe('Mermaid', () => {
  const text = `flowchart LR
  %% the checkout path
  web[Web shop] -->|POST /checkout| gw(("API gateway"))
  subgraph pay [Payments zone]
    payment[payment-service] -- charges --> db[(payments db)]
  end
  gw --> co[checkout] & inv[inventory] --> payment
  co -.-> fraud{{fraud-api}}
  classDef hot fill:#f00
  class payment hot
`

  it('reads nodes, shapes, labels, subgraphs and edges (chained, with & and labels)', () => {
    const diagram = DiagramContent.parse(parseMermaid(text))
    const byId = new Map(diagram.nodes.map((n) => [n.id, n]))
    expect(byId.get('pay')).toMatchObject({ kind: 'group', label: 'Payments zone' })
    expect(byId.get('payment')).toMatchObject({ parentId: 'pay', label: 'payment-service' })
    expect(byId.get('db')).toMatchObject({ shape: 'database', parentId: 'pay' })
    expect(byId.get('gw')!.label).toBe('API gateway')
    expect(byId.get('fraud')!.shape).toBe('external')
    expect(diagram.edges.map((e) => `${e.source}>${e.target}:${e.label}`)).toEqual([
      'web>gw:POST /checkout',
      'payment>db:charges',
      'gw>co:',
      'gw>inv:',
      'co>payment:',
      'inv>payment:',
      'co>fraud:',
    ])
  })

  it('round-trips through its own text', () => {
    const first = parseMermaid(text)
    const again = parseMermaid(toMermaid(first))
    const shape = (d: DiagramContent) => ({
      nodes: d.nodes.map(({ id, kind, label, parentId, shape: s }) => ({ id, kind, label, parentId, shape: s })),
      edges: d.edges.map(({ source, target, label }) => ({ source, target, label })),
    })
    expect(shape(again)).toEqual(shape(first))
  })

  it('round-trips a drawing whole through its own text: places, sizes, notes, bindings, boundaries', () => {
    const drawn: DiagramContent = {
      nodes: [
        node({ id: 'zone', kind: 'group', label: 'PCI zone', boundary: 'zone', x: 400, y: 80, width: 420, height: 260 }),
        node({ id: 'pay', label: 'payments', service: 'payment-service', parentId: 'zone', x: 40, y: 60, width: 176, height: 64 }),
        node({ id: 'db', label: 'ledger', shape: 'database', parentId: 'zone', x: 240, y: 60 }),
        node({ id: 'gw', label: 'gateway', service: 'api-gateway', x: 16, y: 120 }),
        node({ id: 'n-1', kind: 'note', label: 'Retries double\nthe load', x: 16, y: 300, width: 200, height: 80 }),
      ],
      edges: [{ id: 'e1', source: 'gw', target: 'pay', label: 'POST /charges' }],
    }
    const text = toMermaid(drawn)
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^%% casefile: \{/)
    const back = parseMermaid(text)
    const byId = new Map(back.nodes.map((n) => [n.id, n]))
    for (const original of drawn.nodes) {
      const id = original.id === 'n-1' ? back.nodes.find((n) => n.kind === 'note')!.id : original.id
      expect({ ...byId.get(id), id: original.id }).toEqual(original)
    }
    // Only read: no comment.
    expect(toMermaid(drawn, { restorable: false })).not.toContain('%% casefile')
  })

  it('places nodes added to its text by hand beside the drawn ones, and reads YAML front matter', () => {
    const drawn: DiagramContent = {
      // payments sits where the grid would put a third node.
      nodes: [node({ id: 'gw', label: 'gateway', x: 24, y: 24 }), node({ id: 'pay', label: 'payments', x: 24, y: 120 })],
      edges: [],
    }
    const text = toMermaid(drawn).replace('flowchart LR\n', '---\ntitle: Checkout\n---\nflowchart LR\n  gw --> cache[("redis cache")]\n')
    const back = parseMermaid(text)
    const box = (id: string) => back.nodes.find((n) => n.id === id)!
    const overlap = (a: DiagramContent['nodes'][number], b: DiagramContent['nodes'][number]) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    expect([box('gw').y, box('pay').y]).toEqual([24, 120])
    expect(overlap(box('cache'), box('gw')) || overlap(box('cache'), box('pay'))).toBe(false)
    expect(box('cache').shape).toBe('database')
  })

  it('names the line of a damaged casefile comment', () => {
    expect(() => parseMermaid('flowchart LR\n  a --> b\n%% casefile: {"nodes":')).toThrow(new FormatError('line 3: the "%% casefile:" comment is not JSON'))
    expect(() => parseMermaid('flowchart LR\n  a --> b\n%% casefile: {"nodes":{"a":{"x":"left"}}}')).toThrow(/^line 3: the "%% casefile:" comment does not describe nodes \(nodes\.a\.x: /)
  })

  it('reads the links, classes and labels Mermaid writers use, and names edges clear of the nodes', () => {
    const diagram = parseMermaid(
      [
        'flowchart LR',
        '  click-tracker[Click tracker]:::hot ---> kafka[(Kafka)]',
        '  style-api -. retries .-> kafka',
        '  e1[checkout] == fails ==> e2(((payments)))',
        '  e2 o--o e3["`**ledger** db`"]',
        '  e3 ~~~ e1',
        '  subgraph core [Core]',
        '    e2',
        '  end',
        '  classDef hot fill:#f00',
        '  style e1 fill:#0f0',
      ].join('\n'),
    )
    const byId = new Map(diagram.nodes.map((n) => [n.id, n]))
    expect([...byId.keys()].sort()).toEqual(['click-tracker', 'core', 'e1', 'e2', 'e3', 'kafka', 'style-api'])
    expect(byId.get('e3')!.label).toBe('ledger db')
    expect(byId.get('e2')).toMatchObject({ label: 'payments', parentId: 'core' })
    expect(diagram.edges.map((e) => `${e.source}>${e.target}:${e.label}`)).toEqual(['click-tracker>kafka:', 'style-api>kafka:retries', 'e1>e2:fails', 'e2>e3:', 'e3>e1:'])
    const ids = diagram.edges.map((e) => e.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.filter((id) => byId.has(id))).toEqual([])
  })

  it('writes ids Mermaid would misread under new names, clear of the ids kept', () => {
    const diagram = {
      nodes: [node({ id: 'n1', label: 'first' }), node({ id: 'a b', label: 'spaced' }), node({ id: 'end', label: 'keyword' }), node({ id: 'style', label: 'styling word' })],
      edges: [{ id: 'x', source: 'a b', target: 'end', label: '' }],
    }
    const back = parseMermaid(toMermaid(diagram))
    expect(back.nodes.map((n) => n.label).sort()).toEqual(['first', 'keyword', 'spaced', 'styling word'])
    expect(new Set(back.nodes.map((n) => n.id)).size).toBe(4)
    const byLabel = new Map(back.nodes.map((n) => [n.label, n.id]))
    expect(back.edges.map((e) => [e.source, e.target])).toEqual([[byLabel.get('spaced'), byLabel.get('keyword')]])
  })

  it('lays the nodes out by their edges, the way the text flows: LR left to right, TD (and none) top to bottom, a group around its members', () => {
    const text = (direction: string) => `flowchart${direction}\n  gw --> cart --> db\n  gw --> pay\n  subgraph zone [PCI zone]\n    pay --> ledger\n  end`
    const at = (diagram: ReturnType<typeof parseMermaid>) => new Map(diagram.nodes.map((n) => [n.id, n]))
    const across = at(parseMermaid(text(' LR')))
    expect(across.get('gw')!.x).toBeLessThan(across.get('cart')!.x)
    expect(across.get('cart')!.x).toBeLessThan(across.get('db')!.x)
    expect(across.get('pay')!.x).toBeLessThan(across.get('ledger')!.x)
    for (const direction of [' TD', '']) {
      const down = at(parseMermaid(text(direction)))
      expect(down.get('gw')!.y).toBeLessThan(down.get('cart')!.y)
      expect(down.get('cart')!.y).toBeLessThan(down.get('db')!.y)
    }
    const zone = across.get('zone')!
    const ledger = across.get('ledger')!
    expect(ledger.parentId).toBe('zone')
    expect(ledger.x + ledger.width).toBeLessThanOrEqual(zone.width)
    expect(ledger.y + ledger.height).toBeLessThanOrEqual(zone.height)
  })

  it('reads ids in any script, and writes them back as they were', () => {
    const diagram = parseMermaid('flowchart LR\n  subgraph Zahlung [Zahlungszone]\n    Kasse --> Überweisung-2\n  end\n  支付服务 --> Kasse')
    expect(diagram.nodes.map((n) => n.id).sort()).toEqual(['Kasse', 'Zahlung', 'Überweisung-2', '支付服务'].sort())
    expect(diagram.nodes.find((n) => n.id === 'Überweisung-2')!.parentId).toBe('Zahlung')
    expect(diagram.edges.map((e) => `${e.source}>${e.target}`)).toEqual(['Kasse>Überweisung-2', '支付服务>Kasse'])
    expect(toMermaid(diagram)).toContain('支付服务 --> Kasse')
  })

  it('writes draw.io diagrams as Mermaid, keeping awkward ids and labels intact', () => {
    const diagram = parseDrawio(plainFile)
    diagram.nodes[1].label = 'say "hi" | bye'
    const back = parseMermaid(toMermaid(diagram))
    expect(back.nodes.map((n) => n.label).sort()).toEqual(diagram.nodes.map((n) => n.label).sort())
    expect(back.edges.map((e) => e.label)).toEqual(diagram.edges.map((e) => e.label))
  })

  it.each([
    ['no header', 'A --> B', /expected "flowchart LR"/],
    ['unclosed subgraph', 'flowchart TD\nsubgraph x\nA-->B', /never closed/],
    ['stray end', 'flowchart TD\nend', /without a subgraph/],
    ['unclosed shape', 'flowchart TD\nA[oops --> B', /never closes/],
  ])('refuses %s with the line and reason', (_kind, source, reason) => {
    expect(() => parseMermaid(source)).toThrow(reason)
  })
})

import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { generateDiagram } from './bench/diagram-content'
import { writeLargeOtlp } from './fixtures/generate/large-otlp'
import { connectApi } from './support/api'
import { holdsBackUnload, openApp } from './support/app'
import { expect, test } from './support/casefile'
import type { CasefileServer } from './support/server'

// The Diagram pane on the demo incident: the graph derived from its two traces (the failing
// checkout and a healthy cart request), and diagrams drawn by hand.

const pane = (page: Page) => page.getByTestId('pane-diagram')
const traces = (page: Page) => page.getByTestId('pane-traces')
const service = (page: Page, name: string) => pane(page).locator(`[data-testid="diagram-service"][data-service="${name}"]`)
const callLabel = (page: Page, from: string, to: string) => pane(page).locator(`[data-testid="diagram-call-label"][data-edge="${from}→${to}"]`)

/** Opens the demo with a wider diagram pane (the replay pane gives up the room). */
async function openDiagram(page: Page, url: string) {
  await openApp(page, url)
  await page.getByTestId('separator-replay-traces').focus()
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft')
  await page.getByTestId('separator-traces-diagram').focus()
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft')
  await expect(pane(page).getByTestId('diagram-service')).toHaveCount(10)
}

test('the demo’s derived graph: services with counts, uninstrumented callees, calls with error rates', async ({ page, casefile }) => {
  await openDiagram(page, casefile.url)
  await expect(pane(page).getByTestId('diagram-service-count')).toHaveText('10 services · 11 edges')
  await expect(service(page, 'checkout-service')).toContainText('6 spans · 2 errors')
  await expect(service(page, 'checkout-service')).toHaveAttribute('data-errors', 'true')
  await expect(service(page, 'pg-primary.shop.svc')).toHaveAttribute('data-shape', 'database')
  await expect(service(page, 'pg-primary.shop.svc')).toHaveAttribute('data-dashed', 'true')
  await expect(service(page, 'fraud-api')).toContainText('uninstrumented')
  await expect(callLabel(page, 'checkout-service', 'payment-service')).toHaveText('1 call · 100% err')
  await expect(callLabel(page, 'inventory-service', 'pg-primary.shop.svc')).toHaveText('2 calls')
  await expect(pane(page).locator('[data-testid="diagram-call-label"][data-failing]')).toHaveCount(2)
})

test('a graph of too many services to read opens on the failing part, shows all on asking, and narrows to an open trace', async ({ page, casefile }) => {
  const file = test.info().outputPath('fleet.otlp.json')
  await writeLargeOtlp(file, 1500, { traces: 10, services: 120 })
  await openApp(page, casefile.url)
  await page.getByTestId('import-input').setInputFiles(file)
  await expect(pane(page).getByTestId('diagram-service-count')).toHaveText(/^123 services/)
  const note = pane(page).getByTestId('derived-focus')
  await expect(note).toHaveAttribute('data-focus', 'failing')
  const shown = Number(/^(\d+) of 123 services: the most failing ones and their callers\./.exec((await note.textContent()) ?? '')?.[1])
  expect(shown).toBeLessThan(123)
  await expect(pane(page).getByTestId('diagram-service')).toHaveCount(shown)

  await pane(page).getByTestId('derived-focus-toggle').click()
  await expect(note).toHaveAttribute('data-focus', 'all')
  await expect(pane(page).getByTestId('diagram-service')).toHaveCount(123)
  await pane(page).getByTestId('derived-focus-toggle').click()
  await expect(pane(page).getByTestId('diagram-service')).toHaveCount(shown)
  // All of them asked for, then a trace opened: it narrows to the trace.
  await pane(page).getByTestId('derived-focus-toggle').click()
  await expect(note).toHaveAttribute('data-focus', 'all')

  const { client, close } = await connectApi(casefile)
  const [incident] = await client.call('incidents.list', {})
  const fleetTrace = (await client.call('traces.list', { incidentId: incident.id })).find((item) => item.rootName.startsWith('GET /api/service-'))!
  const traceGraph = await client.call('graph.derived', { incidentId: incident.id, traceId: fleetTrace.traceId })
  close()
  await traces(page).locator(`[data-testid="trace-row"][data-trace-id="${fleetTrace.traceId}"]`).click()
  await expect(note).toHaveAttribute('data-focus', 'trace')
  await expect(pane(page).getByTestId('diagram-service')).toHaveCount(traceGraph.nodes.length)
})

test('clicking an erroring edge lists its spans; a span opens its trace, whose services the graph highlights', async ({ page, casefile }) => {
  await openDiagram(page, casefile.url)
  await callLabel(page, 'checkout-service', 'payment-service').click()
  const spans = pane(page).getByTestId('edge-span')
  await expect(spans).toHaveCount(1)
  await expect(spans.first()).toContainText('POST /v1/charges')
  await expect(spans.first()).toHaveAttribute('data-error', 'true')
  await expect(pane(page).getByTestId('edge-spans-count')).toHaveText('1 span')

  await spans.first().click()
  await expect(traces(page).getByTestId('trace-title')).toHaveText('POST /api/checkout')
  await expect(pane(page).getByTestId('derived-graph')).toHaveAttribute('data-trace-highlight', 'true')
  await expect(service(page, 'payment-service')).toHaveAttribute('data-highlighted', 'true')
  await expect(service(page, 'cart-service')).toHaveAttribute('data-dimmed', 'true')

  await pane(page).getByTestId('edge-spans-close').click()
  await expect(pane(page).getByTestId('edge-spans')).toHaveCount(0)
  await traces(page).getByTestId('trace-back').click()
  await expect(service(page, 'cart-service')).not.toHaveAttribute('data-dimmed', 'true')
})

test('clicking a node narrows the trace list to that service; clicking again or Esc shows all', async ({ page, casefile }) => {
  await openDiagram(page, casefile.url)
  const rows = traces(page).getByTestId('trace-row')
  await expect(rows).toHaveCount(2)
  await service(page, 'payment-service').click()
  await expect(service(page, 'payment-service')).toHaveAttribute('data-picked', 'true')
  await expect(traces(page).getByTestId('trace-service-filter')).toContainText('payment-service')
  await expect(traces(page).getByTestId('trace-service-filter-count')).toHaveText('1 of 2')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('POST /api/checkout')

  await service(page, 'payment-service').click()
  await expect(rows).toHaveCount(2)

  await service(page, 'cart-service').click()
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('GET /api/cart')
  await page.keyboard.press('Escape')
  await expect(rows).toHaveCount(2)
  await expect(service(page, 'cart-service')).not.toHaveAttribute('data-picked', 'true')

  // By keyboard: Enter on a focused service picks it; a call is reached by its label, named for it.
  await pane(page).locator('.react-flow__node[data-id="payment-service"]').focus()
  await page.keyboard.press('Enter')
  await expect(rows).toHaveCount(1)
  await page.keyboard.press(' ')
  await expect(rows).toHaveCount(2)
  await expect(pane(page).getByRole('button', { name: 'checkout-service calls payment-service: 1 call · 100% err' })).toBeVisible()
  await expect(pane(page).locator('.react-flow__edge[tabindex="0"]')).toHaveCount(0)

  // Tab goes through the services first, then the calls between them.
  await pane(page).getByTestId('diagram-mode-derived').focus()
  const stops: string[] = []
  for (let i = 0; i < 24; i++) {
    await page.keyboard.press('Tab')
    stops.push(await page.evaluate(() => (document.activeElement?.closest('.react-flow__node') ? 'service' : document.activeElement?.getAttribute('data-testid') === 'diagram-call-label' ? 'call' : 'other')))
  }
  expect(stops.filter((stop) => stop !== 'other').slice(0, 21)).toEqual([...Array(10).fill('service'), ...Array(11).fill('call')])
})

// Authored diagrams

const editor = (page: Page) => pane(page).getByTestId('diagram-editor')
const authoredNodes = (page: Page) => editor(page).getByTestId('authored-node')
const flowEdges = (page: Page) => editor(page).locator('.react-flow__edge')

async function openDrawn(page: Page, url: string) {
  await openDiagram(page, url)
  await pane(page).getByTestId('diagram-mode-authored').click()
}

async function addService(page: Page, label: string) {
  await editor(page).getByTestId('diagram-add-service').click()
  await editor(page).getByTestId('inspector-label').fill(label)
  await editor(page).getByTestId('inspector-label').press('Enter')
}

/** A new diagram of one service, saved, in the editor. */
async function openSavedDiagramOfOne(page: Page, url: string, label: string) {
  await openDrawn(page, url)
  await pane(page).getByTestId('diagram-new').click()
  await addService(page, label)
  await editor(page).getByTestId('diagram-save').click()
  await expect(editor(page).getByTestId('diagram-save-state')).toHaveText('Saved')
}

/** Drags from the right handle of one node (shown on hover) to the left side of another. */
async function connect(page: Page, from: string, to: string) {
  const node = (label: string) => editor(page).locator('.react-flow__node').filter({ has: page.getByText(label, { exact: true }) })
  await node(from).hover()
  const start = await node(from).locator('.react-flow__handle-right').boundingBox()
  const end = await node(to).boundingBox()
  if (!start || !end) throw new Error('handle or node not found')
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2)
  await page.mouse.down()
  await page.mouse.move(end.x, end.y + end.height / 2, { steps: 8 })
  await page.mouse.up()
}

test('by keyboard: services named, picked and connected from the inspector, the edge labelled', async ({ page, casefile }) => {
  await openDrawn(page, casefile.url)
  await pane(page).getByTestId('diagram-new').click()
  for (const label of ['gateway', 'payments']) {
    await editor(page).getByTestId('diagram-add-service').focus()
    await page.keyboard.press('Enter')
    await page.keyboard.type(label)
    await page.keyboard.press('Enter')
  }
  // Nodes are named for screen readers by kind and label; Enter on one picks it.
  const gateway = editor(page).getByRole('group', { name: 'Service gateway' })
  await gateway.focus()
  await page.keyboard.press('Enter')
  await expect(editor(page).getByTestId('inspector-label')).toHaveValue('gateway')
  await editor(page).getByTestId('inspector-connect').selectOption({ label: 'payments' })
  await expect(flowEdges(page)).toHaveCount(1)
  // The new edge's label takes the keys.
  await expect(editor(page).getByTestId('inspector-label')).toBeFocused()
  await page.keyboard.type('POST /charges')
  await page.keyboard.press('Enter')
  await expect(flowEdges(page).first()).toHaveAttribute('aria-label', 'gateway to payments: POST /charges')
  // Once connected, the same edge is not offered again.
  await gateway.focus()
  await page.keyboard.press('Enter')
  await expect(editor(page).getByTestId('inspector-connect').locator('option', { hasText: 'payments' })).toBeDisabled()
})

test('by keyboard: names typed at once after Enter on Add land in each new service, however many there are', async ({ page, casefile }) => {
  await openDrawn(page, casefile.url)
  await pane(page).getByTestId('diagram-new').click()
  // Names starting with "f": a key reaching the Add button instead would open Add finding (F).
  const names = Array.from({ length: 12 }, (_, i) => `fraud-${i + 1}`)
  for (const name of names) {
    await editor(page).getByTestId('diagram-add-service').focus()
    await page.keyboard.press('Enter')
    await page.keyboard.type(name)
    await page.keyboard.press('Enter')
  }
  await expect(authoredNodes(page)).toHaveCount(names.length)
  for (const name of names) await expect(editor(page).getByRole('group', { name: `Service ${name}`, exact: true })).toHaveCount(1)
  await expect(page.getByTestId('finding-form')).toHaveCount(0)
})

test('by keyboard: the arrow keys move through "Connect to" without drawing, Enter draws to the one reached', async ({ page, casefile }) => {
  await openDrawn(page, casefile.url)
  await pane(page).getByTestId('diagram-new').click()
  for (const name of ['gateway', 'cart', 'payments']) await addService(page, name)
  const gateway = editor(page).getByRole('group', { name: 'Service gateway' })
  await gateway.focus()
  await page.keyboard.press('Enter')
  const connectTo = editor(page).getByTestId('inspector-connect')
  await connectTo.focus()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await expect(flowEdges(page)).toHaveCount(0)
  await page.keyboard.press('Enter')
  await expect(flowEdges(page)).toHaveCount(1)
  await expect(editor(page).getByTestId('inspector-label')).toBeFocused()
  await page.keyboard.type('charge')
  await page.keyboard.press('Enter')
  await expect(flowEdges(page).first()).toHaveAttribute('aria-label', 'gateway to payments: charge')
})

test('draw two services and an edge, save, reload, and find them again', async ({ page, casefile }) => {
  await openDrawn(page, casefile.url)
  await pane(page).getByTestId('diagram-new').click()
  await editor(page).getByTestId('diagram-title').fill('Checkout path')
  await addService(page, 'gateway')
  await addService(page, 'payments')
  await expect(authoredNodes(page)).toHaveCount(2)
  await connect(page, 'gateway', 'payments')
  await expect(flowEdges(page)).toHaveCount(1)
  await editor(page).getByTestId('inspector-label').fill('POST /charges')
  await editor(page).getByTestId('inspector-label').press('Enter')

  // Undo and redo the label and the edge.
  await editor(page).locator('.react-flow__pane').click({ position: { x: 10, y: 10 } })
  await page.keyboard.press('Control+z')
  await expect(editor(page).getByTestId('authored-edge-label')).toHaveCount(0)
  await page.keyboard.press('Control+z')
  await expect(flowEdges(page)).toHaveCount(0)
  await page.keyboard.press('Control+Shift+z')
  await page.keyboard.press('Control+Shift+z')
  await expect(editor(page).getByTestId('authored-edge-label')).toHaveText('POST /charges')

  await page.keyboard.press('Control+s')
  await expect(editor(page).getByTestId('diagram-save-state')).toHaveText('Saved')
  // Saved while a label is still being typed: saved, and said so.
  await authoredNodes(page).filter({ hasText: 'gateway' }).click()
  await editor(page).getByTestId('inspector-label').fill('edge gateway')
  await page.keyboard.press('Control+s')
  await expect(editor(page).getByTestId('diagram-save-state')).toHaveText('Saved')

  await page.reload()
  await pane(page).getByTestId('diagram-mode-authored').click()
  await pane(page).getByTestId('diagram-item').filter({ hasText: 'Checkout path' }).click()
  await expect(authoredNodes(page)).toHaveCount(2)
  await expect(flowEdges(page)).toHaveCount(1)
  await expect(editor(page).getByTestId('authored-edge-label')).toHaveText('POST /charges')
  await expect(authoredNodes(page).filter({ hasText: 'edge gateway' })).toHaveCount(1)
  await expect(editor(page).getByTestId('diagram-title')).toHaveValue('Checkout path')

  // Moved with the arrow keys: an edit like a drag, to save or undo.
  const gateway = authoredNodes(page).filter({ hasText: 'edge gateway' })
  const before = (await gateway.boundingBox())!
  await gateway.click()
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown')
  await expect.poll(async () => (await gateway.boundingBox())!.y).toBeGreaterThan(before.y + 10)
  await expect(editor(page).getByTestId('diagram-save-state')).toHaveText('Unsaved')
  await editor(page).locator('.react-flow__pane').click({ position: { x: 10, y: 10 } })
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z')
  await expect(editor(page).getByTestId('diagram-save-state')).toHaveText('Saved')
  await expect.poll(async () => Math.round((await gateway.boundingBox())!.y)).toBe(Math.round(before.y))
})

test('a node bound to a service shows its errors in the open incident; copy, paste, Delete and cut, undone by keyboard', async ({ page, casefile }) => {
  await openDrawn(page, casefile.url)
  await pane(page).getByTestId('diagram-new').click()
  await addService(page, 'payments')
  await editor(page).getByTestId('inspector-service').fill('payment-service')
  await editor(page).getByTestId('inspector-service').press('Enter')
  await expect(authoredNodes(page).first()).toContainText('2 errors')
  await expect(authoredNodes(page).first()).toHaveAttribute('data-errors', 'true')

  await authoredNodes(page).first().click()
  await page.keyboard.press('Control+c')
  await page.keyboard.press('Control+v')
  await expect(authoredNodes(page)).toHaveCount(2)
  await page.keyboard.press('Delete')
  await expect(authoredNodes(page)).toHaveCount(1)

  // The clicked node had the focus and is gone: the editor keeps the keys, so Ctrl+Z brings it back.
  await authoredNodes(page).first().click()
  await page.keyboard.press('Delete')
  await expect(authoredNodes(page)).toHaveCount(0)
  await page.keyboard.press('Control+z')
  await expect(authoredNodes(page)).toHaveCount(1)
  await authoredNodes(page).first().click()
  await page.keyboard.press('Control+x')
  await expect(authoredNodes(page)).toHaveCount(0)
  await page.keyboard.press('Control+v')
  await expect(authoredNodes(page)).toHaveCount(1)
})

test('start from traces seeds a diagram of the incident’s services, bound to them', async ({ page, casefile }) => {
  await openDrawn(page, casefile.url)
  await pane(page).getByTestId('diagram-from-traces').click()
  await expect(authoredNodes(page)).toHaveCount(10)
  await expect(flowEdges(page)).toHaveCount(11)
  await expect(editor(page).locator('[data-testid="authored-node"][data-service="checkout-service"]')).toContainText('2 errors')

  // In the narrow pane the tools show icons in two rows, still named for screen readers.
  const toolbar = pane(page).getByRole('toolbar', { name: 'Diagram' })
  const buttonHeight = (await toolbar.getByTestId('diagram-layout').boundingBox())!.height
  expect((await toolbar.boundingBox())!.height).toBeLessThan(3 * buttonHeight)
  await expect(toolbar.getByRole('button', { name: '+ Service' })).toBeVisible()
  await expect(toolbar.getByRole('button', { name: 'Layout' })).toBeVisible()
})

test('Layout puts callers left of their callees; undo puts the nodes back', async ({ page, casefile }) => {
  await openDrawn(page, casefile.url)
  await pane(page).getByTestId('diagram-new').click()
  await addService(page, 'gateway')
  await addService(page, 'payments')
  await connect(page, 'payments', 'gateway')
  await expect(flowEdges(page)).toHaveCount(1)
  const node = (label: string) => editor(page).locator('.react-flow__node').filter({ has: page.getByText(label, { exact: true }) })
  const callerIsLeft = async () => {
    const caller = await node('payments').boundingBox()
    const callee = await node('gateway').boundingBox()
    return !!caller && !!callee && caller.x + caller.width < callee.x
  }
  expect(await callerIsLeft()).toBe(false)

  await editor(page).getByTestId('diagram-layout').click()
  await expect.poll(callerIsLeft).toBe(true)
  await expect(editor(page).getByTestId('diagram-layout')).toHaveText('Layout')
  await expect(flowEdges(page)).toHaveCount(1)

  await editor(page).locator('.react-flow__pane').click({ position: { x: 10, y: 10 } })
  await page.keyboard.press('Control+z')
  await expect.poll(callerIsLeft).toBe(false)
})

const DRAWIO_MODEL = `<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>
<mxCell id="zone" value="Payments zone" style="swimlane;" vertex="1" parent="1"><mxGeometry x="300" y="40" width="360" height="220" as="geometry"/></mxCell>
<mxCell id="gw" value="API gateway" style="rounded=1;" vertex="1" parent="1"><mxGeometry x="40" y="100" width="120" height="60" as="geometry"/></mxCell>
<mxCell id="pay" value="payment-service" style="rounded=1;" vertex="1" parent="zone"><mxGeometry x="30" y="50" width="120" height="60" as="geometry"/></mxCell>
<mxCell id="db" value="payments db" style="shape=cylinder3;" vertex="1" parent="zone"><mxGeometry x="210" y="50" width="60" height="80" as="geometry"/></mxCell>
<mxCell id="e1" value="POST /charges" edge="1" parent="1" source="gw" target="pay"><mxGeometry relative="1" as="geometry"/></mxCell>
<mxCell id="e2" edge="1" parent="zone" source="pay" target="db"><mxGeometry relative="1" as="geometry"/></mxCell>
</root></mxGraphModel>`

test('imports a draw.io file as a new diagram, and names a bad file and its fault', async ({ page, casefile }) => {
  await openDrawn(page, casefile.url)
  const input = pane(page).getByTestId('diagram-import-input')
  await input.setInputFiles({ name: 'payments.drawio', mimeType: 'application/xml', buffer: Buffer.from(`<mxfile><diagram id="p" name="Page-1">${DRAWIO_MODEL}</diagram></mxfile>`) })
  await expect(editor(page).getByTestId('diagram-title')).toHaveValue('payments')
  await expect(authoredNodes(page)).toHaveCount(3)
  await expect(editor(page).getByTestId('authored-group')).toContainText('Payments zone')
  await expect(flowEdges(page)).toHaveCount(2)
  await expect(editor(page).getByTestId('authored-edge-label')).toHaveText('POST /charges')

  await editor(page).getByTestId('diagram-close').click()
  await input.setInputFiles({ name: 'broken.drawio', mimeType: 'application/xml', buffer: Buffer.from('<mxfile><diagram id="a">!!!</diagram></mxfile>') })
  await expect(pane(page).getByTestId('diagram-problem')).toContainText('Could not import broken.drawio: the compressed diagram content is not base64')
  // Too big to send: said before sending, naming the file.
  await input.setInputFiles({ name: 'huge.mmd', mimeType: 'text/plain', buffer: Buffer.from(`flowchart LR\n${'  a --> b\n'.repeat(220_000)}`) })
  await expect(pane(page).getByTestId('diagram-problem')).toContainText(/Could not import huge\.mmd: it is 2\.\d MB; a diagram file is at most 1\.9 MB/)
  await expect(pane(page).getByTestId('diagram-item')).toHaveCount(1)
})

test('the editor’s Export menu opens inside a narrow pane; Escape closes it, not the full-window editor', async ({ page, casefile }) => {
  const { client, close } = await connectApi(casefile)
  await client.call('diagrams.save', { title: 'Payments path', content: { nodes: [], edges: [] } })
  close()
  await page.setViewportSize({ width: 1440, height: 900 })
  await openApp(page, casefile.url)
  await pane(page).getByTestId('diagram-mode-authored').click()
  await pane(page).getByTestId('diagram-item').click()
  // Saved, it has Revisions too: Export wraps to the start of a toolbar row.
  await expect(editor(page).getByTestId('diagram-revisions-toggle')).toBeVisible()
  await editor(page).getByTestId('diagram-export').click()
  const menu = editor(page).getByRole('menu', { name: 'Export' })
  const [menuBox, paneBox] = [(await menu.boundingBox())!, (await pane(page).boundingBox())!]
  expect(menuBox.x).toBeGreaterThanOrEqual(paneBox.x)
  expect(menuBox.x + menuBox.width).toBeLessThanOrEqual(paneBox.x + paneBox.width)
  await page.keyboard.press('Escape')
  await expect(menu).toHaveCount(0)
  await expect(editor(page).getByTestId('diagram-export')).toBeFocused()

  const divider = page.getByTestId('separator-replay-traces')
  const dividerAt = (await divider.boundingBox())!
  await editor(page).getByTestId('diagram-expand').click()
  // The panes' divider under the editor takes no press nor drag there (a node may sit on it).
  await page.mouse.move(dividerAt.x + dividerAt.width / 2, dividerAt.y + 300)
  await page.mouse.down()
  await page.mouse.move(dividerAt.x + 200, dividerAt.y + 300, { steps: 4 })
  await page.mouse.up()
  await expect(divider).not.toBeFocused()
  await editor(page).getByTestId('diagram-export').click()
  await page.keyboard.press('ArrowDown')
  await expect(menu.getByTestId('diagram-export-mermaid')).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(menu).toHaveCount(0)
  await expect(editor(page).getByTestId('diagram-expand')).toHaveText('Collapse')
  // A press elsewhere closes it too.
  await editor(page).getByTestId('diagram-export').click()
  await editor(page).locator('.react-flow__pane').click({ position: { x: 40, y: 40 } })
  await expect(menu).toHaveCount(0)
  await editor(page).getByTestId('diagram-expand').click()
  expect((await divider.boundingBox())!.x).toBeCloseTo(dividerAt.x, 0)
})

test('the drawing is fitted again when the diagram pane takes the whole width, and when it gives it back', async ({ page, casefile }) => {
  await openDrawn(page, casefile.url)
  await pane(page).getByTestId('diagram-from-traces').click()
  await expect(authoredNodes(page)).toHaveCount(10)
  const nodeWidth = async () => (await authoredNodes(page).first().boundingBox())!.width
  const narrow = await nodeWidth()
  await page.getByTestId('pane-diagram-maximize').click()
  await expect.poll(nodeWidth).toBeGreaterThan(narrow * 1.5)
  await page.getByTestId('pane-diagram-maximize').click()
  await expect.poll(nodeWidth).toBeLessThan(narrow * 1.2)
})

/** Picks `format` in the editor's Export menu and reads the file it downloads. */
async function exported(page: Page, format: 'mermaid' | 'svg' | 'png') {
  await editor(page).getByTestId('diagram-export').click()
  const [download] = await Promise.all([page.waitForEvent('download'), editor(page).getByTestId(`diagram-export-${format}`).click()])
  const path = await download.path()
  return { name: download.suggestedFilename(), bytes: readFileSync(path) }
}

test('exports the drawing as Mermaid, SVG and PNG; the Mermaid file imports back as the same services and calls', async ({ page, casefile }) => {
  await openDrawn(page, casefile.url)
  await pane(page).getByTestId('diagram-from-traces').click()
  await expect(authoredNodes(page)).toHaveCount(10)

  const mermaid = await exported(page, 'mermaid')
  expect(mermaid.name).toBe('Services from traces.mmd')
  const text = mermaid.bytes.toString('utf8')
  expect(text).toMatch(/^flowchart LR\n/)
  expect(text).toContain('checkout-service')

  const svg = await exported(page, 'svg')
  expect(svg.name).toBe('Services from traces.svg')
  const svgText = svg.bytes.toString('utf8')
  expect(svgText).toMatch(/^<svg /)
  for (const service of ['api-gateway', 'checkout-service', 'payment-service']) expect(svgText).toContain(`>${service}<`)
  const svgWidth = Number(/<svg [^>]*width="([\d.]+)"/.exec(svgText)?.[1])

  // A PNG twice the SVG's size: its signature, then the IHDR chunk's width.
  const png = await exported(page, 'png')
  expect(png.name).toBe('Services from traces.png')
  expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  expect(png.bytes.readUInt32BE(16)).toBe(Math.round(svgWidth * 2))

  await editor(page).getByTestId('diagram-close').click()
  await pane(page).getByTestId('diagram-import-input').setInputFiles({ name: 'services.mmd', mimeType: 'text/plain', buffer: mermaid.bytes })
  await expect(editor(page).getByTestId('diagram-title')).toHaveValue('services')
  await expect(authoredNodes(page)).toHaveCount(10)
  await expect(flowEdges(page)).toHaveCount(11)
  await expect(editor(page).locator('[data-testid="authored-node"]').filter({ hasText: 'checkout-service' })).toHaveCount(1)
})

test('every save is a revision; restoring an old one brings its drawing back', async ({ page, casefile }) => {
  await openSavedDiagramOfOne(page, casefile.url, 'gateway')
  await addService(page, 'payments')
  await addService(page, 'ledger')
  await expect(editor(page).getByTestId('diagram-save-state')).toHaveText('Unsaved')
  await editor(page).getByTestId('diagram-save').click()
  await expect(editor(page).getByTestId('diagram-save-state')).toHaveText('Saved')

  await editor(page).getByTestId('diagram-revisions-toggle').click()
  const revisions = editor(page).getByTestId('diagram-revision')
  await expect(revisions).toHaveCount(2)
  await expect(revisions.first()).toContainText('3 nodes')
  await revisions.nth(1).getByTestId('diagram-revision-restore').click()
  await expect(authoredNodes(page)).toHaveCount(1)
  await expect(revisions).toHaveCount(3)
  await expect(revisions.first()).toContainText('restored revision')
})

/** Opens a generated diagram of 240 services, shown zoomed out to fit: the overview. */
async function openLargeDiagram(page: Page, casefile: CasefileServer) {
  const { client, close } = await connectApi(casefile)
  const content = generateDiagram(240, 360)
  await client.call('diagrams.save', { title: 'Big system', content })
  close()
  await openDrawn(page, casefile.url)
  await pane(page).getByTestId('diagram-item').filter({ hasText: 'Big system' }).click()
  return content
}

/** Where a node of `content` is on screen now, from the view's pan and zoom. */
async function onScreen(page: Page, content: ReturnType<typeof generateDiagram>, id: string) {
  const node = content.nodes.find((item) => item.id === id)!
  expect(node.parentId).toBeNull()
  const transform = await editor(page).locator('.react-flow__viewport').evaluate((element) => new DOMMatrixReadOnly(getComputedStyle(element).transform))
  const origin = (await editor(page).locator('.react-flow').boundingBox())!
  return { x: origin.x + transform.e + (node.x + node.width / 2) * transform.a, y: origin.y + transform.f + (node.y + node.height / 2) * transform.a }
}

/** A point on the right half of the flow where the pane itself is under the pointer: no node, edge or label. */
async function bareSpot(page: Page, flowBox: { x: number; y: number; width: number; height: number }) {
  const spot = await page.evaluate((box) => {
    for (let y = box.y + box.height - 20; y > box.y + 20; y -= 7) {
      for (let x = box.x + box.width - 20; x > box.x + box.width / 2; x -= 7) {
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y }
      }
    }
    return null
  }, flowBox)
  expect(spot).not.toBeNull()
  return spot!
}

test('a large diagram zoomed out is an overview; clicking a node there zooms in to it, selected', async ({ page, casefile }) => {
  const content = await openLargeDiagram(page, casefile)
  await expect(editor(page).getByTestId('diagram-scene')).toBeVisible()
  await expect(editor(page).getByTestId('diagram-overview-hint')).toHaveText('Overview: click a node to zoom in and edit')
  await expect(editor(page).locator('.react-flow__node:visible')).toHaveCount(0)

  // A service far from the origin, outside any boundary.
  const center = await onScreen(page, content, 's200')
  await page.mouse.click(center.x, center.y)

  await expect(editor(page).getByTestId('diagram-overview-hint')).toHaveCount(0)
  await expect(editor(page).locator('.react-flow__node.selected .dg-shape-label')).toHaveText('service-200')
  await expect(editor(page).getByTestId('inspector-label')).toHaveValue('service-200')
  // Its edges are drawn, those leading out of view too.
  const touching = content.edges.filter((edge) => edge.source === 's200' || edge.target === 's200')
  expect(touching.length).toBeGreaterThan(0)
  for (const edge of touching) await expect(editor(page).locator(`.react-flow__edge[data-id="${edge.id}"]`)).toHaveCount(1)
})

test('a large diagram dragged to a part never shown before: once the view rests, the nodes there are elements to edit', async ({ page, casefile }) => {
  const content = await openLargeDiagram(page, casefile)
  const start = await onScreen(page, content, 's200')
  await page.mouse.click(start.x, start.y)
  await expect(editor(page).getByTestId('inspector-label')).toHaveValue('service-200')
  // service-208 is 1,600 px to the right at this zoom: drawn only on the canvas so far.
  await expect(editor(page).locator('.react-flow__node[data-id="s208"]')).toHaveCount(0)

  // Dragged leftward from a spot of bare pane on its right side (a drag from a node moves the node).
  const flowBox = (await editor(page).locator('.react-flow').boundingBox())!
  for (let drags = 0; drags < 10 && (await onScreen(page, content, 's208')).x > flowBox.x + flowBox.width * 0.6; drags++) {
    const from = await bareSpot(page, flowBox)
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move(from.x - flowBox.width * 0.5, from.y, { steps: 8 })
    await page.mouse.up()
  }
  // Once the view rests, what is in view is mounted, nearest the middle first, a step a frame
  // (under load, several hundred ms): wait for the node before clicking it.
  await expect(editor(page).locator('.react-flow__node[data-id="s208"]')).toHaveCount(1, { timeout: 10_000 })
  const target = await onScreen(page, content, 's208')
  await page.mouse.click(target.x, target.y)
  await expect(editor(page).getByTestId('inspector-label')).toHaveValue('service-208')
  await expect(editor(page).locator('.react-flow__node.selected .dg-shape-label')).toHaveText('service-208')
  for (const edge of content.edges.filter((item) => item.source === 's208' || item.target === 's208')) {
    await expect(editor(page).locator(`.react-flow__edge[data-id="${edge.id}"]`)).toHaveCount(1)
  }
  await expect(editor(page).getByTestId('diagram-scene')).toBeVisible()
})

test('unsaved diagram edits survive closing the editor, the other tab and another incident', async ({ page, casefile }) => {
  await openDrawn(page, casefile.url)
  const items = pane(page).getByTestId('diagram-item')

  // A new diagram, closed before its first save: listed as not saved yet, and reopened whole.
  await pane(page).getByTestId('diagram-new').click()
  await editor(page).getByTestId('diagram-title').fill('Payments path')
  await addService(page, 'gateway')
  await addService(page, 'payments')
  await editor(page).getByTestId('diagram-close').click()
  await expect(items.and(page.locator('[data-draft="new"]'))).toHaveText(/Payments path.*not saved yet/)
  await items.and(page.locator('[data-draft="new"]')).click()
  await expect(authoredNodes(page)).toHaveCount(2)
  await page.keyboard.press('Control+s')
  await expect(editor(page).getByTestId('diagram-save-state')).toHaveText('Saved')

  // Saved, then edited: the derived tab and back, another incident and back.
  await addService(page, 'ledger')
  await pane(page).getByTestId('diagram-mode-derived').click()
  await pane(page).getByTestId('diagram-mode-authored').click()
  await expect(editor(page)).toHaveCount(0)
  await expect(items).toHaveCount(1)
  await expect(items.first()).toHaveAttribute('data-draft', 'edited')
  await page.getByTestId('new-incident').click()
  await page.getByTestId('new-incident-title').fill('Elsewhere')
  await page.getByTestId('new-incident-title').press('Enter')
  await expect(page.getByTestId('incident-title')).toHaveText('Elsewhere')
  // A reload here would lose the draft as surely: the page asks first.
  expect(await holdsBackUnload(page)).toBe(true)
  await pane(page).getByTestId('diagram-mode-authored').click()
  await items.first().click()
  await expect(authoredNodes(page)).toHaveCount(3)
  await expect(editor(page).getByTestId('diagram-save-state')).toHaveAttribute('data-dirty', 'true')
  // One undo away from the saved drawing; saved as it is, no draft is left.
  await editor(page).locator('.react-flow__pane').click({ position: { x: 10, y: 10 } })
  await page.keyboard.press('Control+z')
  await expect(authoredNodes(page)).toHaveCount(2)
  await page.keyboard.press('Control+Shift+z')
  await page.keyboard.press('Control+s')
  await expect(editor(page).getByTestId('diagram-save-state')).toHaveText('Saved')
  await editor(page).getByTestId('diagram-close').click()
  await expect(items.first()).not.toHaveAttribute('data-draft')
  expect(await holdsBackUnload(page)).toBe(false)
})

test('a label being typed is an unsaved edit at once, kept as a draft when the editor is left before the field', async ({ page, casefile }) => {
  await openSavedDiagramOfOne(page, casefile.url, 'gateway')

  await editor(page).getByTestId('inspector-label').fill('edge-gateway')
  await expect(editor(page).getByTestId('diagram-save-state')).toHaveText('Unsaved')
  await pane(page).getByTestId('diagram-mode-derived').click()
  await pane(page).getByTestId('diagram-mode-authored').click()
  const item = pane(page).getByTestId('diagram-item').first()
  await expect(item).toHaveAttribute('data-draft', 'edited')
  await item.click()
  await expect(authoredNodes(page)).toHaveText(['edge-gateway'])

  // A service name with a space in it can be typed; it is trimmed once the field is left.
  await authoredNodes(page).first().click()
  const binding = editor(page).getByTestId('inspector-service')
  await binding.pressSequentially(' edge gateway ')
  await expect(binding).toHaveValue(' edge gateway ')
  await binding.press('Enter')
  await expect(binding).toHaveValue('edge gateway')
})

test('a diagram saved in another window meanwhile is not overwritten unasked: mine or theirs', async ({ page, casefile }) => {
  const { client, close } = await connectApi(casefile)
  await client.call('diagrams.save', { title: 'Payments path', content: { nodes: [], edges: [] } })
  close()
  const other = await page.context().newPage()
  for (const window of [page, other]) {
    await openDrawn(window, casefile.url)
    await pane(window).getByTestId('diagram-item').filter({ hasText: 'Payments path' }).click()
  }
  await addService(other, 'ledger')
  await editor(other).getByTestId('diagram-save').click()
  await expect(editor(other).getByTestId('diagram-save-state')).toHaveText('Saved')

  await addService(page, 'gateway')
  await page.keyboard.press('Control+s')
  await expect(editor(page).getByTestId('diagram-conflict')).toContainText('Saved elsewhere since you opened it')
  await expect(editor(page).getByTestId('diagram-save-state')).toHaveText('Unsaved')
  await editor(page).getByTestId('diagram-take-theirs').click()
  await expect(authoredNodes(page)).toHaveText(['ledger'])
  await expect(editor(page).getByTestId('diagram-save-state')).toHaveText('Saved')

  // Edited again in both: this time mine replaces theirs, which stays a revision.
  await addService(other, 'fraud')
  await editor(other).getByTestId('diagram-save').click()
  await expect(editor(other).getByTestId('diagram-save-state')).toHaveText('Saved')
  await addService(page, 'gateway')
  await editor(page).getByTestId('diagram-save').click()
  await editor(page).getByTestId('diagram-replace-theirs').click()
  await expect(editor(page).getByTestId('diagram-save-state')).toHaveText('Saved')
  await expect(editor(page).getByTestId('diagram-conflict')).toHaveCount(0)
  await editor(page).getByTestId('diagram-revisions-toggle').click()
  await expect(editor(page).getByTestId('diagram-revision')).toHaveCount(4)
  await expect(editor(page).getByTestId('diagram-revision').nth(1)).toContainText('2 nodes')

  // Edits left unsaved on a drawing that is then saved over elsewhere: reopened, they are offered
  // against the newer save, not saved over it unasked.
  await addService(page, 'cache')
  await pane(page).getByTestId('diagram-mode-derived').click()
  await editor(other).getByTestId('diagram-close').click()
  await pane(other).getByTestId('diagram-item').filter({ hasText: 'Payments path' }).click()
  await addService(other, 'queue')
  await editor(other).getByTestId('diagram-save').click()
  await expect(editor(other).getByTestId('diagram-save-state')).toHaveText('Saved')
  await pane(page).getByTestId('diagram-mode-authored').click()
  await pane(page).getByTestId('diagram-item').filter({ hasText: 'Payments path' }).click()
  await expect(editor(page).getByTestId('diagram-conflict')).toContainText('Saved elsewhere since you opened it')
  await expect(authoredNodes(page)).toHaveText(['ledger', 'gateway', 'cache'])
  await editor(page).getByTestId('diagram-take-theirs').click()
  await expect(authoredNodes(page)).toHaveText(['ledger', 'gateway', 'queue'])
})

test('a diagram deleted elsewhere while it is edited can be saved as a new one, the drawing kept', async ({ page, casefile }) => {
  const { client, close } = await connectApi(casefile)
  const doomed = await client.call('diagrams.save', { title: 'Payments path', content: { nodes: [], edges: [] } })
  await openDrawn(page, casefile.url)
  await pane(page).getByTestId('diagram-item').filter({ hasText: 'Payments path' }).click()
  await addService(page, 'ledger')
  await client.call('diagrams.delete', { id: doomed.id })
  await page.keyboard.press('Control+s')
  await expect(editor(page).getByTestId('diagram-deleted-elsewhere')).toContainText('Deleted elsewhere since you opened it')
  await editor(page).getByTestId('diagram-save-as-new').click()
  await expect(editor(page).getByTestId('diagram-save-state')).toHaveText('Saved')
  await expect(editor(page).getByTestId('diagram-deleted-elsewhere')).toHaveCount(0)
  const [saved] = await client.call('diagrams.list', {})
  close()
  expect(saved).toMatchObject({ title: 'Payments path' })
  expect(saved.id).not.toBe(doomed.id)
  await editor(page).getByTestId('diagram-close').click()
  await expect(pane(page).getByTestId('diagram-item')).toHaveCount(1)
  await expect(pane(page).getByTestId('diagram-item')).not.toHaveAttribute('data-draft')
})

test("a drawn node bound to a service anchors a finding to it, not what the derived graph had picked", async ({ page, casefile }) => {
  await openDiagram(page, casefile.url)
  await pane(page).locator('[data-testid="diagram-service"][data-service="inventory-service"]').click()
  await pane(page).getByTestId('diagram-mode-authored').click()
  await pane(page).getByTestId('diagram-new').click()
  await addService(page, 'payments')
  await editor(page).getByTestId('inspector-service').fill('payment-service')
  await editor(page).locator('.react-flow__pane').click({ position: { x: 10, y: 10 } })
  await authoredNodes(page).filter({ hasText: 'payments' }).click()
  await page.keyboard.press('f')
  const chips = page.getByTestId('finding-form').getByTestId('anchor-chip')
  await expect(chips.filter({ hasText: 'payment-service' })).toHaveCount(1)
  await expect(chips.filter({ hasText: 'inventory-service' })).toHaveCount(0)
})

test('an edge dropped on the middle of a node connects to it, and the drawing is fitted again out of the full-window editor', async ({ page, casefile }) => {
  await openDrawn(page, casefile.url)
  await pane(page).getByTestId('diagram-new').click()
  await addService(page, 'gateway')
  await addService(page, 'payments')
  const node = (label: string) => editor(page).locator('.react-flow__node').filter({ has: page.getByText(label, { exact: true }) })
  await node('gateway').hover()
  const start = (await node('gateway').locator('.react-flow__handle-right').boundingBox())!
  const middle = (await node('payments').boundingBox())!
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2)
  await page.mouse.down()
  await page.mouse.move(middle.x + middle.width / 2, middle.y + middle.height / 2, { steps: 8 })
  await page.mouse.up()
  await expect(flowEdges(page)).toHaveCount(1)

  await editor(page).getByTestId('diagram-expand').click()
  await addService(page, 'ledger')
  await editor(page).getByTestId('diagram-expand').click()
  for (const label of ['gateway', 'payments', 'ledger']) await expect(node(label)).toBeInViewport()
})

import { readFileSync, writeFileSync } from 'node:fs'
import type { Locator, Page } from '@playwright/test'
import { serviceHue } from '../shared/graph/serviceColor'
import { FOLDED_SERVICES } from '../renderer/traces/TraceFileServices'
import { writeCheckoutTracesWithout, writeSplitCheckoutTraces } from '../electron/test-support/split-trace'
import { writeLargeOtlp } from './fixtures/generate/large-otlp'
import { fixture, incidentItem, openApp, selectedIncident } from './support/app'
import { expect, test } from './support/casefile'
import { runCli } from './support/server'

// The Traces pane on the demo incident: the failing checkout (15 spans, 6 in error, one exception)
// and a healthy cart request (7 spans).

const pane = (page: Page) => page.getByTestId('pane-traces')
const rows = (page: Page) => pane(page).getByTestId('span-row')
const row = (page: Page, name: string) => rows(page).and(page.locator(`[data-name="${name}"]`))
/** Clicks a span row on its name column (the bar column may be narrow or scrolled). */
const clickRow = (target: Locator) => target.click({ position: { x: 60, y: 12 } })

async function openCheckout(page: Page, url: string) {
  await openApp(page, url)
  // Room for the waterfall: narrow the replay pane.
  await page.getByTestId('separator-replay-traces').focus()
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft')
  const list = pane(page).getByTestId('trace-row')
  await expect(list).toHaveCount(2)
  await list.filter({ hasText: 'POST /api/checkout' }).click()
  await expect(pane(page).getByTestId('trace-title')).toHaveText('POST /api/checkout')
  await expect(rows(page)).toHaveCount(15)
}

test('the trace list puts errors first, sorts, and keeps the files strip', async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  const list = pane(page).getByTestId('trace-row')
  await expect(list).toHaveCount(2)
  await expect(list.first()).toContainText('POST /api/checkout')
  await expect(list.first()).toHaveAttribute('data-errors', '6')
  await expect(list.nth(1)).toContainText('GET /api/cart')
  await expect(pane(page).getByTestId('trace-card')).toHaveCount(1)

  await pane(page).getByTestId('trace-sort-duration').click()
  await expect(list.first()).toContainText('POST /api/checkout')
  await pane(page).getByTestId('trace-sort-duration').click()
  await expect(list.first()).toContainText('GET /api/cart')
  // A trace opened and left: the list is sorted as it was.
  await list.first().click()
  await expect(pane(page).getByTestId('trace-title')).toHaveText('GET /api/cart')
  await pane(page).getByTestId('trace-back').click()
  await expect(list.first()).toContainText('GET /api/cart')
  await expect(pane(page).getByTestId('trace-sort-duration')).toHaveAttribute('data-active', 'true')
  await pane(page).getByTestId('trace-sort-errors').click()
  await expect(list.first()).toContainText('POST /api/checkout')

  // By keyboard: Up and Down go from trace to trace, End and Home to the last and the first.
  await list.first().focus()
  await page.keyboard.press('ArrowDown')
  await expect(list.nth(1)).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(list.nth(1)).toBeFocused()
  await page.keyboard.press('Home')
  await expect(list.first()).toBeFocused()
  await page.keyboard.press('End')
  await expect(list.nth(1)).toBeFocused()
  await page.keyboard.press('ArrowUp')
  await expect(list.first()).toBeFocused()

  // Filtered with the waterfall's search words, of each trace as a whole; kept while a trace is opened.
  const filter = pane(page).getByTestId('trace-filter')
  await filter.fill('<100ms')
  await expect(list).toHaveCount(1)
  await expect(list.first()).toContainText('GET /api/cart')
  await expect(pane(page).getByTestId('trace-filter-count')).toHaveText('1 of 2')
  await list.first().click()
  await pane(page).getByTestId('trace-back').click()
  await expect(filter).toHaveValue('<100ms')
  await expect(list).toHaveCount(1)
  await filter.fill('service:payment-service error')
  await expect(list).toHaveCount(1)
  await expect(list.first()).toContainText('POST /api/checkout')
  await filter.fill('service:payment-service >1s')
  await expect(pane(page).getByTestId('trace-list-none')).toHaveText('No traces match.')
  await filter.press('Escape')
  await expect(filter).toHaveValue('')
  await expect(list).toHaveCount(2)
})

test("in a pane of middling width the trace's name is not cut: its span count goes under it", async ({ page, casefile }) => {
  await page.setViewportSize({ width: 1600, height: 860 })
  await openApp(page, casefile.url)
  const checkout = pane(page).getByTestId('trace-row').filter({ hasText: 'POST /api/checkout' })
  const name = checkout.locator('.trace-row-name')
  await expect(name).toHaveText('POST /api/checkout')
  expect(await name.evaluate((element) => element.scrollWidth <= element.clientWidth), 'the name shows whole').toBe(true)
  await expect(checkout.getByText('15 spans')).toBeVisible()
  await expect(pane(page).getByTestId('trace-sort-spans')).toBeHidden()
  await expect(pane(page).getByTestId('trace-sort-start')).toBeVisible()

  // With the room for it, the count has its own (sortable) column again.
  await pane(page).getByTestId('pane-traces-maximize').click()
  await expect(pane(page).getByTestId('trace-sort-spans')).toBeVisible()
  await expect(checkout.getByText('15 spans')).toBeHidden()
})

test('traces of more than one day say the day of each start; one the recording does not hold says so over the replay', async ({ page, casefile }) => {
  await page.setViewportSize({ width: 1600, height: 860 })
  await openApp(page, casefile.url)
  const start = (name: string) => pane(page).getByTestId('trace-row').filter({ hasText: name }).locator('.trace-col-start')
  await expect(start('POST /api/checkout')).toHaveText('06:35:00.426')

  // Traces recorded today (the generator's clock), beside the demo's of 2026-11-25.
  const today = test.info().outputPath('today.otlp.json')
  await writeLargeOtlp(today, 40, { traces: 2, services: 2 })
  await page.getByTestId('import-input').setInputFiles(today)
  await expect(pane(page).getByTestId('trace-row')).toHaveCount(4)
  await expect(start('POST /api/checkout')).toHaveText('06:35:00.4262026-11-25')
  await expect(start('POST /api/checkout').locator('.trace-col-day')).toHaveText('2026-11-25')
  await expect(pane(page).locator('.trace-col-day').filter({ hasNotText: '2026-11-25' })).toHaveCount(2)

  // Opened, today's trace cannot move the replay (of 2026-11-25): the replay says why it stays.
  const note = page.getByTestId('pane-replay').getByTestId('replay-note')
  await pane(page).getByTestId('trace-row').filter({ hasNotText: '2026-11-25' }).first().click()
  await expect(note).toContainText(/Not in this recording: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}/)
  await expect(note).toContainText('It covers 2026-11-25 06:34:43.215 – 06:35:00.795')
  // The replay moved again, it is gone.
  await page.getByTestId('pane-replay').locator('[data-testid="scrubber-marker"][data-kind="error"]').click()
  await expect(note).toHaveCount(0)
})

test("a span's link to a span of another trace in the incident opens it there; Alt+← comes back", async ({ page, casefile }) => {
  // The cart's root span links to the failing charge in the checkout trace, and to a trace not imported.
  const otlp = JSON.parse(readFileSync(fixture('checkout.otlp.json'), 'utf8')) as {
    resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ name: string; links: unknown[] }> }> }>
  }
  const cart = otlp.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)).find((span) => span.name === 'GET /api/cart')!
  cart.links = [
    { traceId: '59e1f9961a72e1e11762f863a60309b4', spanId: '4925562e26609412', attributes: [] },
    { traceId: 'ab'.repeat(16), spanId: 'cd'.repeat(8), attributes: [] },
  ]
  const file = test.info().outputPath('linked.otlp.json')
  writeFileSync(file, JSON.stringify(otlp))
  runCli(['import', '--db', casefile.dbPath, '--incident', 'Linked spans', file])
  await openApp(page, casefile.url)
  await incidentItem(page, 'Linked spans').click()
  await pane(page).getByTestId('trace-row').filter({ hasText: 'GET /api/cart' }).click()
  await clickRow(row(page, 'GET /api/cart'))
  const links = pane(page).getByTestId('span-link')
  await expect(links).toHaveCount(2)
  await expect(links.nth(1)).toContainText('not in this incident')
  await links.first().getByTestId('open-span-link').click()
  await expect(pane(page).getByTestId('trace-title')).toHaveText('POST /api/checkout')
  await expect(pane(page).getByTestId('span-details')).toHaveAttribute('data-span-id', '4925562e26609412')
  await page.keyboard.press('Alt+ArrowLeft')
  await expect(pane(page).getByTestId('trace-title')).toHaveText('GET /api/cart')
})

test('a span whose parent is not among the imported spans says so, naming the parent', async ({ page, casefile }) => {
  // The services' half of the checkout run alone: its spans under the gateway's have no parent here.
  const { services } = writeSplitCheckoutTraces(test.info().outputPath())
  runCli(['import', '--db', casefile.dbPath, '--incident', 'Half a trace', services])
  await openApp(page, casefile.url)
  await incidentItem(page, 'Half a trace').click()
  await pane(page).getByTestId('trace-row').filter({ hasText: 'POST /v1/orders' }).click()
  await clickRow(row(page, 'POST /v1/orders'))
  await expect(pane(page).getByTestId('missing-parent')).toContainText('is not among the trace’s spans as imported')
  await clickRow(row(page, 'INSERT shop.orders'))
  await expect(pane(page).getByTestId('span-details')).toBeVisible()
  await expect(pane(page).getByTestId('missing-parent')).toHaveCount(0)

})

test('of many traces the list draws the first as sorted, and more as it is scrolled to its end; Compare narrows its choice with the same words', async ({ page, casefile }) => {
  const file = test.info().outputPath('many.otlp.json')
  await writeLargeOtlp(file, 2500, { traces: 500, services: 5 })
  runCli(['import', '--db', casefile.dbPath, '--incident', 'Many traces', file])
  await openApp(page, casefile.url)
  await incidentItem(page, 'Many traces').click()
  const list = pane(page).getByTestId('trace-row')
  const more = pane(page).getByTestId('trace-list-more')
  await expect(more).toHaveText('200 of 500 traces; scroll for more')
  await expect(list).toHaveCount(200)
  // Sorted by spans, most first: the first rows drawn are the largest traces.
  await pane(page).getByTestId('pane-traces-maximize').click()
  await pane(page).getByTestId('trace-sort-spans').click()
  const spans = await list.evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-spans'))))
  const most = Number(
    runCli(['query', '--db', casefile.dbPath, "SELECT max(n) AS n FROM (SELECT count(*) AS n FROM spans s JOIN artifacts a ON a.id = s.artifact_id WHERE a.file_name LIKE '%many.otlp.json' GROUP BY s.trace_id)"])
      .match(/"n":(\d+)/)![1],
  )
  expect(Math.max(...spans)).toBe(most)
  await more.scrollIntoViewIfNeeded()
  await expect(list).toHaveCount(400)
  await more.scrollIntoViewIfNeeded()
  await expect(list).toHaveCount(500)
  await expect(more).toHaveCount(0)

  // Compare: of 499 others, one found by its id.
  await list.first().click()
  const opened = await pane(page).getByTestId('trace-view').getAttribute('data-trace-id')
  const [{ id, key }] = JSON.parse(
    runCli(['query', '--db', casefile.dbPath, `SELECT trace_id AS id, artifact_id || ':' || trace_id AS key FROM spans WHERE trace_id != '${opened}' ORDER BY trace_id DESC LIMIT 1`]),
  ) as Array<{ id: string; key: string }>
  await pane(page).getByTestId('tab-compare').click()
  const filter = pane(page).getByTestId('compare-filter')
  await filter.fill(id.slice(0, 12))
  await expect(pane(page).getByTestId('compare-count')).toHaveText('1 of 499')
  await pane(page).getByTestId('compare-select').selectOption(key)
  await expect(pane(page).getByTestId('compare-table')).toBeVisible()
  await filter.fill('no-such-trace-anywhere')
  await expect(pane(page).getByTestId('compare-count')).toHaveText('No match')
  // The trace compared with stays chosen.
  await expect(pane(page).getByTestId('compare-select').locator('option')).toHaveCount(1)
})

test('a trace file of many services folds them, in name order, and the trace list stays in sight', async ({ page, casefile }) => {
  const file = test.info().outputPath('fleet.otlp.json')
  await writeLargeOtlp(file, 1500, { traces: 10, services: 120 })
  await openApp(page, casefile.url)
  await page.getByTestId('import-input').setInputFiles(file)
  const card = pane(page).getByTestId('trace-card').filter({ hasText: 'fleet.otlp.json' })
  const names = card.locator('[data-service]')
  await expect(names).toHaveCount(FOLDED_SERVICES)
  await expect(pane(page).getByTestId('trace-row').first()).toBeInViewport()
  const more = card.getByTestId('trace-services-more')
  const folded = Number(/^\+(\d+) more$/.exec((await more.textContent()) ?? '')?.[1])
  expect(folded).toBeGreaterThan(50)
  await more.click()
  await expect(names).toHaveCount(FOLDED_SERVICES + folded)
  const shown = await names.evaluateAll((items) => items.map((item) => item.getAttribute('data-service')!))
  // service-99 before service-100: the order a reader expects, not the characters'.
  expect(shown).toEqual([...shown].sort(new Intl.Collator('en', { numeric: true }).compare))
  expect(shown).not.toEqual([...shown].sort())
  await more.click()
  await expect(names).toHaveCount(FOLDED_SERVICES)
})

test('the failing checkout opens as a waterfall that collapses and expands', async ({ page, casefile }) => {
  await openCheckout(page, casefile.url)
  const waterfall = pane(page).getByTestId('waterfall')
  await expect(rows(page).and(page.locator('[data-error]'))).toHaveCount(6)
  await expect(rows(page).first()).toHaveAttribute('data-span-service', 'api-gateway')
  await expect(pane(page).getByTestId('time-axis')).toContainText(/\d{2}:\d{2}:\d{2}\.\d{3}/)

  await waterfall.getByTestId('collapse-all').click()
  await expect(rows(page)).toHaveCount(1)
  await waterfall.getByTestId('expand-errors').click()
  await expect(row(page, 'ChargeService.authorize')).toBeVisible()
  // The way down to each error is open (with its siblings); the rest stays folded.
  await expect(rows(page)).toHaveCount(11)
  await expect(row(page, 'SELECT shop.stock')).toHaveCount(0)
  await waterfall.getByTestId('expand-all').click()
  await expect(rows(page)).toHaveCount(15)

  // One subtree by its toggle.
  const orders = row(page, 'POST /v1/orders')
  await orders.getByTestId('span-toggle').click()
  await expect(rows(page)).toHaveCount(4)
  await expect(orders).toHaveAttribute('aria-label', /, 11 spans hidden/)
  await orders.getByTestId('span-toggle').click()
  await expect(rows(page)).toHaveCount(15)

  await pane(page).getByTestId('trace-back').click()
  await expect(pane(page).getByTestId('trace-row')).toHaveCount(2)
})

/** The hue (0-360) of the canvas's pixel at page point (x, y), or null where nothing is drawn. */
function drawnHueAt(page: Page, x: number, y: number): Promise<number | null> {
  return pane(page)
    .locator('.wf-canvas')
    .evaluate(
      (canvas: HTMLCanvasElement, point) => {
        const box = canvas.getBoundingClientRect()
        const ratio = canvas.width / box.width
        const [r, g, b, a] = canvas.getContext('2d')!.getImageData(Math.floor((point.x - box.left) * ratio), Math.floor((point.y - box.top) * ratio), 1, 1).data
        if (a < 250) return null
        const max = Math.max(r, g, b)
        const min = Math.min(r, g, b)
        if (max === min) return 0
        const hue = max === r ? (g - b) / (max - min) : max === g ? 2 + (b - r) / (max - min) : 4 + (r - g) / (max - min)
        return (hue * 60 + 360) % 360
      },
      { x, y },
    )
}

test('a trace whose spans name each other as parents opens whole, with its critical path', async ({ page, casefile }) => {
  runCli(['import', '--db', casefile.dbPath, '--incident', 'Parent cycle', fixture('bad/parent-cycle.otlp.json')])
  await openApp(page, casefile.url)
  await page.getByTestId('incident-item').filter({ hasText: 'Parent cycle' }).click()
  await expect(page.getByTestId('incident-title')).toHaveText('Parent cycle')
  for (const [name, spans] of [['POST /api/checkout', 15], ['GET /api/cart', 7]] as const) {
    await pane(page).getByTestId('trace-row').filter({ hasText: name }).click()
    await expect(rows(page)).toHaveCount(spans)
    await expect(rows(page).and(page.locator('[data-critical]')).first()).toBeAttached()
    await pane(page).getByTestId('trace-back').click()
  }
})

test('a trace whose spans form several trees says it is in pieces, and its search finds where each starts', async ({ page, casefile }) => {
  // The collector lost checkout-service's spans: the services it called hang from nothing.
  runCli(['import', '--db', casefile.dbPath, '--incident', 'Lost spans', writeCheckoutTracesWithout(test.info().outputPath(), 'checkout-service')])
  await openApp(page, casefile.url)
  await incidentItem(page, 'Lost spans').click()
  // The list marks it, and not the whole one.
  const listed = (name: string) => pane(page).getByTestId('trace-row').filter({ hasText: name })
  await expect(listed('POST /api/checkout').getByTestId('trace-row-pieces')).toHaveText('in 4 pieces')
  await expect(listed('GET /api/cart').getByTestId('trace-row-pieces')).toHaveCount(0)
  await listed('POST /api/checkout').click()
  const pieces = pane(page).getByTestId('trace-pieces')
  await expect(pieces).toHaveText('in 4 pieces')
  await pieces.click()
  await expect(pane(page).getByTestId('span-search')).toHaveValue('is:root')
  await expect(pane(page).getByTestId('search-count')).toHaveText('– / 4')
  await pane(page).getByTestId('span-search').press('Enter')
  await expect(pane(page).getByTestId('search-count')).toHaveText('1 / 4')
  // A whole trace says nothing of pieces.
  await pane(page).getByTestId('trace-back').click()
  await listed('GET /api/cart').click()
  await expect(pane(page).getByTestId('trace-title')).toHaveText('GET /api/cart')
  await expect(pieces).toHaveCount(0)
})

test('a trace exported by two services to two files opens as one, on the clock of its root file, and makes the same graph', async ({ page, casefile }) => {
  const { gateway, services } = writeSplitCheckoutTraces(test.info().outputPath())
  runCli(['import', '--db', casefile.dbPath, '--incident', 'Split exports', services, gateway])
  await openApp(page, casefile.url)
  await page.getByTestId('incident-item').filter({ hasText: 'Split exports' }).click()
  await expect(pane(page).getByTestId('trace-card')).toHaveCount(2)
  // The derived graph counts the calls from one file's spans into the other's, as for one file.
  await expect(page.getByTestId('diagram-service-count')).toHaveText('10 services · 11 edges')
  const list = pane(page).getByTestId('trace-row')
  await expect(list).toHaveCount(2)
  await expect(list.first()).toContainText('POST /api/checkout')
  await expect(list.first()).toHaveAttribute('data-errors', '6')
  await list.first().click()
  await expect(rows(page)).toHaveCount(15)
  await expect(pane(page).getByTestId('trace-files')).toHaveText('from 2 files')
  // Whole again: one tree.
  await expect(pane(page).getByTestId('trace-pieces')).toHaveCount(0)
  await expect(pane(page).getByTestId('trace-files')).toHaveAttribute('title', 'Joined from gateway.zipkin.json, services.otlp.json')
  // The payment call (OTLP file) sits under the gateway's request (Zipkin file), not at the top.
  await expect(row(page, 'POST /v1/charges').first()).not.toHaveAttribute('aria-level', '1')
  await expect(rows(page).and(page.locator('[aria-level="1"]'))).toHaveCount(1)
})

test('a file removed from the incident takes its spans and its recording along, after asking; the rest stays', async ({ page, casefile }) => {
  const { gateway, services } = writeSplitCheckoutTraces(test.info().outputPath())
  runCli(['import', '--db', casefile.dbPath, '--incident', 'Wrong file', gateway, services, fixture('checkout-session.rrweb.json')])
  await openApp(page, casefile.url)
  await incidentItem(page, 'Wrong file').click()
  const cards = pane(page).getByTestId('trace-card')
  await expect(cards).toHaveCount(2)
  await expect(selectedIncident(page)).toContainText('3 artifacts')
  // A finding on the gateway's root span, which only the gateway's file holds.
  await pane(page).getByTestId('trace-row').filter({ hasText: 'POST /api/checkout' }).click()
  await clickRow(row(page, 'POST /api/checkout').first())
  await page.keyboard.press('f')
  await page.getByTestId('finding-title').fill('Gateway answered 502')
  await page.getByTestId('finding-save').click()
  await pane(page).getByTestId('trace-back').click()
  const gatewayCard = cards.filter({ hasText: 'gateway.zipkin.json' })
  await gatewayCard.getByTestId('artifact-remove').click()
  const confirm = gatewayCard.getByTestId('artifact-remove-confirm')
  await expect(confirm).toContainText('Remove gateway.zipkin.json from this incident?')
  // Cancel has the focus: Enter keeps the file.
  await page.keyboard.press('Enter')
  await expect(confirm).toHaveCount(0)
  await expect(cards).toHaveCount(2)
  await gatewayCard.getByTestId('artifact-remove').click()
  await confirm.getByTestId('artifact-remove-yes').click()
  await expect(cards).toHaveCount(1)
  // The keyboard stays in the pane.
  await expect(pane(page).getByTestId('pane-traces-maximize')).toBeFocused()
  await expect(selectedIncident(page)).toContainText('2 artifacts')
  // The checkout's trace is what the services' file holds of it: no gateway root, no longer joined.
  await expect(pane(page).getByTestId('traces-total-spans')).toHaveText('17 spans')
  await expect(page.getByTestId('diagram-service-count')).toHaveText('9 services · 9 edges')
  await pane(page).getByTestId('trace-row').filter({ hasText: 'checkout-service' }).first().click()
  await expect(pane(page).getByTestId('trace-files')).toHaveCount(0)
  await expect(row(page, 'POST /v1/charges').first()).toBeVisible()
  // The finding stays; its span chip says the span is gone.
  await page.getByTestId('findings-toggle').click()
  const spanChip = page.getByTestId('finding-item').filter({ hasText: 'Gateway answered 502' }).getByTestId('anchor-chip').and(page.locator('[data-kind="span"]'))
  await expect(spanChip).toHaveAttribute('data-missing', 'true')
  await expect(spanChip).toContainText('missing')
  await page.keyboard.press('Escape')

  const replay = page.getByTestId('pane-replay')
  await replay.getByTestId('artifact-remove').click()
  await replay.getByTestId('artifact-remove-yes').click()
  await expect(replay.getByTestId('replay-empty')).toBeVisible()
  await expect(replay.getByTestId('pane-replay-maximize')).toBeFocused()
  await expect(selectedIncident(page)).toContainText('1 artifact')
})

test('three trace files or more fold into one line, so the trace list stays in sight', async ({ page, casefile }) => {
  runCli(['import', '--db', casefile.dbPath, '--incident', 'Exported thrice', fixture('checkout.otlp.json'), fixture('checkout.jaeger.json'), fixture('checkout.zipkin.json')])
  await page.setViewportSize({ width: 1000, height: 700 })
  await openApp(page, casefile.url)
  await incidentItem(page, 'Exported thrice').click()
  const toggle = pane(page).getByTestId('trace-files-toggle')
  await expect(toggle).toContainText('3 trace files')
  await expect(pane(page).getByTestId('trace-card')).toHaveCount(0)
  await expect(pane(page).getByTestId('trace-row').first()).toBeInViewport()
  await toggle.click()
  await expect(pane(page).getByTestId('trace-card')).toHaveCount(3)
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
  await toggle.click()
  await expect(pane(page).getByTestId('trace-card')).toHaveCount(0)
})

test('a trace exported twice is listed once, as long as the copies shown make it, also with the files on shifted clocks', async ({ page, casefile }) => {
  runCli(['import', '--db', casefile.dbPath, '--incident', 'Exported twice', fixture('checkout.otlp.json'), fixture('checkout.jaeger.json')])
  await openApp(page, casefile.url)
  await page.getByTestId('incident-item').filter({ hasText: 'Exported twice' }).click()
  const cards = pane(page).getByTestId('trace-card')
  await expect(cards).toHaveCount(2)
  await expect(pane(page).getByTestId('traces-total-spans')).toHaveText('22 spans')
  const checkout = pane(page).getByTestId('trace-row').filter({ hasText: 'POST /api/checkout' })
  const duration = checkout.locator('.trace-col-duration')
  const start = checkout.locator('.trace-col-start')
  const [shownDuration, shownStart] = [await duration.innerText(), await start.innerText()]
  const jaegerRange = cards.nth(1).getByTestId('trace-time-range')
  const recordedRange = await jaegerRange.innerText()
  const setClock = async (card: Locator, offsetMs: number) => {
    await card.getByTestId('clock-offset').click()
    await card.getByTestId('clock-offset-input').fill(String(offsetMs))
    await card.getByTestId('clock-offset-input').press('Enter')
    // Escape from the field gives the keyboard back to the chip.
    await page.keyboard.press('Escape')
    await expect(card.getByTestId('clock-offset')).toBeFocused()
  }
  // The Jaeger copy half a second late: the trace shows the OTLP copies, and is as long as they make it.
  await setClock(cards.nth(1), 500)
  await expect(cards.nth(1).getByTestId('clock-offset')).toHaveText('Clock +500 ms')
  // The file's own card says when its spans are on the incident's clock, and when as recorded.
  await expect(jaegerRange).not.toHaveText(recordedRange)
  await expect(jaegerRange).toHaveAttribute('title', `As recorded: ${recordedRange}`)
  await expect(duration).toHaveText(shownDuration)
  await expect(start).toHaveText(shownStart)
  // The file it opens from half a second early: the list says when it started on the incident's clock, as the trace does.
  await setClock(cards.nth(0), -500)
  await expect(cards.nth(0).getByTestId('clock-offset')).toHaveText('Clock −500 ms')
  await expect(start).not.toHaveText(shownStart)
  const listedStart = await start.innerText()
  await checkout.click()
  await expect(rows(page)).toHaveCount(15)
  await expect(pane(page).getByTestId('trace-start')).toContainText(listedStart)
  await expect(pane(page).getByTestId('trace-duration')).toHaveText(shownDuration)
})

test('the drawn rows line up with the span elements, and follow a collapse and a scroll', async ({ page, casefile }) => {
  // Short enough that the checkout's rows scroll.
  await page.setViewportSize({ width: 1280, height: 640 })
  await openCheckout(page, casefile.url)
  const canvas = pane(page).locator('.wf-canvas')
  // Each bar in view is painted where its element is, in its service's color; just above it, it is not.
  const expectBarsDrawn = async () => {
    const view = (await canvas.boundingBox())!
    let seen = 0
    for (const element of await rows(page).all()) {
      const bar = (await element.getByTestId('span-bar').boundingBox())!
      if (bar.y - 3 < view.y || bar.y + bar.height > view.y + view.height) continue
      seen++
      const service = (await element.getAttribute('data-span-service'))!
      const hue = await drawnHueAt(page, bar.x + bar.width / 2, bar.y + 2)
      expect(hue, `bar of ${service}`).not.toBeNull()
      expect(Math.abs(((hue! - serviceHue(service) + 540) % 360) - 180), `hue of ${service}`).toBeLessThan(6)
      expect(await drawnHueAt(page, bar.x + bar.width / 2, bar.y - 3), `above the bar of ${service}`).toBeNull()
    }
    return seen
  }
  expect(await expectBarsDrawn()).toBeGreaterThan(5)

  const orders = row(page, 'POST /v1/orders')
  await orders.getByTestId('span-toggle').click()
  await expect(rows(page)).toHaveCount(4)
  expect(await expectBarsDrawn()).toBe(4)
  // Below the last row nothing is drawn any more.
  const last = (await rows(page).last().getByTestId('span-bar').boundingBox())!
  expect(await drawnHueAt(page, last.x + last.width / 2, last.y + 24 + 2)).toBeNull()
  await orders.getByTestId('span-toggle').click()
  await expect(rows(page)).toHaveCount(15)

  // Scrolled, the drawing and the elements move together.
  const list = pane(page).getByTestId('span-tree')
  expect(await list.evaluate((element) => (element.scrollTop = 4 * 24))).toBeGreaterThan(0)
  await expect.poll(() => rows(page).first().evaluate((element) => element.getBoundingClientRect().top)).toBeLessThan((await canvas.boundingBox())!.y)
  expect(await expectBarsDrawn()).toBeGreaterThan(5)
})

test('an error span shows its exception, attributes and relatives', async ({ page, casefile }) => {
  await openCheckout(page, casefile.url)
  await clickRow(row(page, 'ChargeService.authorize'))
  const details = pane(page).getByTestId('span-details')
  await expect(details).toBeVisible()
  await expect(details.getByTestId('exception-message')).toHaveText('authorization request to acquirer timed out after 180 ms')
  await expect(details.getByTestId('detail-exception')).toContainText('AcquirerTimeoutError')
  await expect(details.getByTestId('detail-status')).toHaveText('error')
  await expect(details.getByTestId('detail-span-id')).toHaveText('4925562e26609412')
  await expect(details.getByTestId('attribute-table').locator('tr[data-key="payment.method"] td')).toHaveText('card')
  await expect(details.getByTestId('detail-self')).toContainText('183 ms')

  // Copy the span id.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await details.getByTestId('copy-span-id').click()
  await expect(details.getByTestId('copy-span-id')).toHaveAttribute('data-copied', '')
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('4925562e26609412')

  // Up to the parent and back down to the child.
  await details.getByTestId('jump-parent').click()
  await expect(details).toHaveAttribute('data-span-id', '3858614666124a58')
  await expect(row(page, 'POST /v1/charges')).toHaveAttribute('aria-selected', 'true')
  await details.getByTestId('jump-child').first().click()
  await expect(details).toHaveAttribute('data-span-id', '4925562e26609412')
  await details.getByTestId('close-details').click()
  await expect(details).toHaveCount(0)
})

test('search finds spans by attribute, name, duration and errors, and Enter walks the matches', async ({ page, casefile }) => {
  await openCheckout(page, casefile.url)
  const search = pane(page).getByTestId('span-search')
  const count = pane(page).getByTestId('search-count')
  // Every text the counter shows, to check it never claims "No match" while matches are on the way.
  await page.evaluate(() => {
    const shown: string[] = ((window as unknown as { countTexts: string[] }).countTexts = [])
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="search-count"]')?.textContent
      if (text && shown.at(-1) !== text) shown.push(text)
    }).observe(document.body, { subtree: true, childList: true, characterData: true })
  })

  await search.fill('http.response.status_code=503')
  await expect(count).toHaveText('– / 2')
  const shown = await page.evaluate(() => (window as unknown as { countTexts: string[] }).countTexts)
  expect(shown).toContain('Searching…')
  expect(shown).not.toContain('No match')
  await expect(rows(page).and(page.locator('[data-match]'))).toHaveCount(2)
  await search.press('Enter')
  await expect(count).toHaveText('1 / 2')
  await expect(rows(page).and(page.locator('[data-match="current"]'))).toHaveAttribute('data-span-service', 'checkout-service')
  await search.press('Enter')
  await expect(count).toHaveText('2 / 2')
  await expect(rows(page).and(page.locator('[data-match="current"]'))).toHaveAttribute('data-name', 'POST /v1/charges')
  await search.press('Shift+Enter')
  await expect(count).toHaveText('1 / 2')

  await search.fill('peer.service=fraud-api')
  await expect(count).toHaveText('– / 1')
  // Attribute keys in any case; durations below a bound; a term typed wrong is said so.
  await search.fill('HTTP.Response.Status_Code=503')
  await expect(count).toHaveText('– / 2')
  await search.fill('service:inventory <20ms')
  await expect(count).toHaveText(/^– \/ \d+$/)
  await search.fill('checkout dur>abc')
  await expect(count).toHaveText('Not understood: dur>abc')
  await expect(search).toHaveAttribute('aria-invalid', 'true')

  await search.fill('service:inventory >20ms')
  await expect(count).toHaveText('– / 2')
  // Only the matches (and the way to them).
  await pane(page).getByTestId('filter-matches').click()
  await expect(rows(page)).toHaveCount(6)
  await pane(page).getByTestId('filter-matches').click()
  await expect(rows(page)).toHaveCount(15)

  await search.fill('')
  await pane(page).getByTestId('toggle-errors').click()
  await expect(search).toHaveValue('error')
  await expect(count).toHaveText('– / 6')
  await search.fill('no-such-thing')
  await expect(count).toHaveText('No match')
  // A word is looked for inside the spans too: status messages, exceptions, attribute values.
  await search.fill('acquirer')
  await expect(count).toHaveText('– / 2')
  await expect(rows(page).and(page.locator('[data-match]')).first()).toHaveAttribute('data-name', 'POST /v1/charges')
})

test('zoom with keys, wheel and a drag on the axis, then reset', async ({ page, casefile }) => {
  await openCheckout(page, casefile.url)
  const waterfall = pane(page).getByTestId('waterfall')
  const full = await waterfall.getAttribute('data-window')
  const width = async () => {
    const [start, end] = (await waterfall.getAttribute('data-window'))!.split(',').map(Number)
    return end - start
  }
  const fullWidth = await width()

  await clickRow(rows(page).first())
  await page.keyboard.press('w')
  await expect(waterfall).toHaveAttribute('data-zoomed', '')
  expect(await width()).toBeCloseTo(fullWidth * 0.7, -2)
  await page.keyboard.press('0')
  await expect(waterfall).not.toHaveAttribute('data-zoomed', '')
  expect(await waterfall.getAttribute('data-window')).toBe(full)

  // The wheel over the axis zooms.
  const axis = pane(page).getByTestId('time-axis')
  await axis.hover()
  await page.mouse.wheel(0, -200)
  await expect(waterfall).toHaveAttribute('data-zoomed', '')
  expect(await width()).toBeLessThan(fullWidth)
  await pane(page).getByTestId('zoom-reset').click()
  await expect(waterfall).not.toHaveAttribute('data-zoomed', '')

  // A drag across the axis zooms to that range.
  const box = (await axis.boundingBox())!
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 4 })
  await page.mouse.up()
  await expect(waterfall).toHaveAttribute('data-zoomed', '')
  expect(await width()).toBeCloseTo(fullWidth * 0.25, -4)
  await expect(pane(page).getByTestId('window-text')).toContainText('of 354 ms')

  // Pan stays inside the trace.
  for (let i = 0; i < 20; i++) await page.keyboard.press('d')
  const [, end] = (await waterfall.getAttribute('data-window'))!.split(',').map(Number)
  expect(end).toBe(Number(full!.split(',')[1]))
  await axis.dblclick()
  await expect(waterfall).not.toHaveAttribute('data-zoomed', '')
})

test('the critical path and the clock-skew correction can be switched off', async ({ page, casefile }) => {
  await openCheckout(page, casefile.url)
  const critical = rows(page).and(page.locator('[data-critical]'))
  expect(await critical.count()).toBeGreaterThan(3)
  await expect(row(page, 'ChargeService.authorize')).toHaveAttribute('data-critical', '')
  // The notification consumer runs after the response: it does not hold the request up.
  await expect(row(page, 'process order-events')).not.toHaveAttribute('data-critical', '')
  await pane(page).getByTestId('toggle-critical').click()
  await expect(critical).toHaveCount(0)
  await pane(page).getByTestId('toggle-critical').click()
  expect(await critical.count()).toBeGreaterThan(3)

  // The notification consumer takes the order event 2.7 ms after it was sent: the queue's wait, not skew.
  await expect(row(page, 'process order-events')).not.toHaveAttribute('data-adjusted', '')
})

test('a span from a host whose clock is off is shown inside its caller, raw times on demand', async ({ page, casefile }) => {
  // The checkout trace with the inventory service's clock 80 ms behind: its server span starts
  // before the call to it did.
  const otlp = JSON.parse(readFileSync(fixture('checkout.otlp.json'), 'utf8'))
  for (const resource of otlp.resourceSpans) {
    const service = resource.resource.attributes.find((attribute: { key: string }) => attribute.key === 'service.name').value.stringValue
    if (service !== 'inventory-service') continue
    for (const scope of resource.scopeSpans) {
      for (const span of scope.spans) for (const key of ['startTimeUnixNano', 'endTimeUnixNano']) span[key] = String(BigInt(span[key]) - 80_000_000n)
    }
  }
  const file = test.info().outputPath('skewed.otlp.json')
  writeFileSync(file, JSON.stringify(otlp))
  runCli(['import', '--db', casefile.dbPath, '--incident', 'Skewed clocks', file])
  await openApp(page, casefile.url)
  await page.getByTestId('incident-item').filter({ hasText: 'Skewed clocks' }).click()
  await pane(page).getByTestId('trace-row').filter({ hasText: 'POST /api/checkout' }).click()
  const reservation = row(page, 'POST /v1/reservations').last()
  await expect(reservation).toHaveAttribute('data-adjusted', '')
  await expect(pane(page).getByTestId('toggle-skew')).toContainText('Skew fixed')
  // The header gives the trace's corrected length, as the trace measured before its clocks drifted.
  await expect(pane(page).getByTestId('trace-duration')).toHaveText(/^354 ms \(\d+ ms as recorded\)$/)
  const shownLeft = await reservation.getByTestId('span-bar').evaluate((bar) => bar.getBoundingClientRect().left)
  await pane(page).getByTestId('toggle-skew').click()
  await expect(pane(page).getByTestId('toggle-skew')).toHaveAttribute('aria-pressed', 'false')
  await expect(reservation).not.toHaveAttribute('data-adjusted', '')
  const rawLeft = await reservation.getByTestId('span-bar').evaluate((bar) => bar.getBoundingClientRect().left)
  expect(rawLeft).toBeLessThan(shownLeft)
})

test('keyboard: a trace opened from the list takes the keys at once, and going back lands on its row', async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  const checkout = pane(page).getByTestId('trace-row').filter({ hasText: 'POST /api/checkout' })
  await checkout.focus()
  await page.keyboard.press('Enter')
  await expect(pane(page).getByTestId('span-tree')).toBeFocused()
  const replayAt = await page.getByTestId('replay-scrubber').getAttribute('aria-valuenow')
  await page.keyboard.press('ArrowDown')
  await expect(rows(page).first()).toHaveAttribute('aria-selected', 'true')
  // The arrows were the waterfall's, not the replay's.
  await page.keyboard.press('ArrowLeft')
  await expect(page.getByTestId('replay-scrubber')).toHaveAttribute('aria-valuenow', replayAt!)
  await pane(page).getByTestId('trace-back').focus()
  await page.keyboard.press('Enter')
  await expect(checkout).toBeFocused()
  // Alt+← from the spans comes back to the list, on the trace's row.
  await page.keyboard.press('Enter')
  await expect(pane(page).getByTestId('span-tree')).toBeFocused()
  await page.keyboard.press('Alt+ArrowLeft')
  await expect(checkout).toBeFocused()
})

test('keyboard: move, collapse and expand, search, shortcut sheet, resize the name column', async ({ page, casefile }) => {
  await openCheckout(page, casefile.url)
  const tree = pane(page).getByTestId('span-tree')
  await tree.focus()
  await page.keyboard.press('ArrowDown')
  await expect(rows(page).first()).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await expect(row(page, 'POST').first()).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('ArrowLeft')
  await expect(rows(page)).toHaveCount(3)
  await page.keyboard.press('ArrowRight')
  await expect(rows(page)).toHaveCount(15)
  await page.keyboard.press('ArrowRight')
  await expect(row(page, 'POST /v1/orders')).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Shift+ArrowLeft')
  await expect(rows(page)).toHaveCount(1)
  await page.keyboard.press('Shift+ArrowRight')
  await expect(rows(page)).toHaveCount(15)

  await page.keyboard.press('/')
  await expect(pane(page).getByTestId('span-search')).toBeFocused()
  // Typed and Enter at once on a slow machine: Enter waits for the search to catch up.
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 })
  await pane(page).getByTestId('span-search').fill('ChargeService')
  await page.keyboard.press('Enter')
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 })
  await expect(row(page, 'ChargeService.authorize')).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
  await expect(tree).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(pane(page).getByTestId('span-details')).toHaveAttribute('data-span-id', '4925562e26609412')
  // Escape from inside the details closes them and gives the keyboard back to the spans.
  await pane(page).getByTestId('span-details').getByRole('button').first().focus()
  await page.keyboard.press('Escape')
  await expect(pane(page).getByTestId('span-details')).toHaveCount(0)
  await expect(tree).toBeFocused()

  await page.keyboard.press('?')
  await expect(page.getByTestId('shortcut-sheet')).toBeVisible()
  // Tab stays in the sheet (its Close button), so Escape still closes it, giving the spans the keyboard back.
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await expect(page.getByTestId('shortcut-sheet').getByRole('button', { name: 'Close' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('shortcut-sheet')).toHaveCount(0)
  await expect(tree).toBeFocused()

  // The name column is resized from the keyboard too.
  const splitter = pane(page).getByTestId('name-column-splitter')
  const before = Number(await splitter.getAttribute('aria-valuenow'))
  await splitter.focus()
  await page.keyboard.press('ArrowRight')
  await expect(splitter).toHaveAttribute('aria-valuenow', String(before + 16))
  await page.keyboard.press('Shift+ArrowLeft')
  await expect(splitter).toHaveAttribute('aria-valuenow', String(before - 48))
})

test('statistics per operation, and a comparison with the healthy trace', async ({ page, casefile }) => {
  await openCheckout(page, casefile.url)
  await pane(page).getByTestId('tab-stats').click()
  const stats = pane(page).getByTestId('stats-row')
  await expect(stats).toHaveCount(13)
  await expect(stats.first()).toContainText('POST /api/checkout')
  await expect(stats.filter({ hasText: 'checkout-service' }).filter({ hasText: /^checkout-servicePOST\b/ }).first()).toContainText('3')

  await pane(page).getByTestId('tab-compare').click()
  await expect(pane(page).getByTestId('compare-select')).toContainText('GET /api/cart')
  const compared = pane(page).getByTestId('compare-row')
  await expect(compared).toHaveCount(20)
  await expect(compared.and(page.locator('[data-side="left"]'))).toHaveCount(13)
  await expect(compared.and(page.locator('[data-side="right"]'))).toHaveCount(7)
  await expect(pane(page).getByTestId('compare-summary')).toContainText('13 only in this trace')
  // Every column fits the pane: the last, Δ total, is not cut off.
  const table = pane(page).getByTestId('compare-table')
  expect(await table.evaluate((element) => element.parentElement!.scrollWidth <= element.parentElement!.clientWidth)).toBe(true)

  // A stats row opens its spans in the waterfall.
  await pane(page).getByTestId('tab-stats').click()
  await stats.filter({ hasText: 'ChargeService.authorize' }).click()
  await expect(pane(page).getByTestId('span-search')).toHaveValue('service:"payment-service" op:"ChargeService.authorize"')
  await expect(pane(page).getByTestId('search-count')).toHaveText('– / 1')
})

test('a cursor follows the replay clock across the waterfall', async ({ page, casefile }) => {
  // The browser logged the error 14 ms after the server's last span ended (network and clocks):
  // nudge the traces' clock 20 ms later, as a user lining the two up would, so the moment falls inside.
  await openApp(page, casefile.url)
  await pane(page).getByTestId('clock-offset').click()
  // A value in nanoseconds, pasted by mistake, is refused: it would put the file's times past any date.
  await pane(page).getByTestId('clock-offset-input').fill('99999999999999999')
  await pane(page).getByTestId('clock-offset-input').press('Enter')
  await expect(pane(page).getByTestId('clock-offset-menu').getByRole('alert')).toContainText('at most a year either way')
  await expect(pane(page).getByTestId('clock-offset')).toHaveText('Clock')
  await pane(page).getByTestId('clock-offset-input').fill('20')
  await pane(page).getByTestId('clock-offset-input').press('Enter')
  await expect(pane(page).getByTestId('clock-offset')).toHaveText('Clock +20 ms')
  await page.keyboard.press('Escape')
  await page.reload()
  await expect(pane(page).getByTestId('clock-offset')).toHaveText('Clock +20 ms')

  await openCheckout(page, casefile.url)
  const cursor = pane(page).getByTestId('clock-cursor')
  const axis = (await pane(page).getByTestId('time-axis').boundingBox())!
  const cursorAt = async () => ((await cursor.boundingBox())!.x - axis.x) / axis.width
  // Opening the trace took the replay to its start.
  await expect(cursor).toBeVisible()
  expect(await cursorAt()).toBeLessThan(0.05)
  // Near the end of the trace, where the checkout's 502 went back to the browser.
  await page.getByTestId('pane-replay').locator('[data-testid="scrubber-marker"][data-kind="error"]').click()
  await expect.poll(cursorAt).toBeGreaterThan(0.9)
  // The spans still in flight at that moment are marked: the request, not the early session check.
  await expect(row(page, 'POST /api/checkout')).toHaveAttribute('data-live', '')
  await expect(row(page, 'auth.verify_session')).not.toHaveAttribute('data-live', '')
})

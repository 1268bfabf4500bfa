import type { Page } from '@playwright/test'
import { openApp } from './support/app'
import { addDemoFinding, connectApi } from './support/api'
import { expect, test } from './support/casefile'

// The demo incident's panes working as one: the replay's failed checkout request opens its trace at
// the failure, a span picked in the waterfall moves the replay, and Alt+←/→ walk back and forth.

const traces = (page: Page) => page.getByTestId('pane-traces')
const replay = (page: Page) => page.getByTestId('pane-replay')
const elapsed = async (page: Page) => Number(await replay(page).getByTestId('replay-scrubber').getAttribute('aria-valuenow'))

test('a failed request opens its trace at the failure; a picked span moves the replay; Alt+←/→ walk the way back and forth', async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  await expect(replay(page).getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
  await expect(traces(page).getByTestId('trace-row')).toHaveCount(2)

  // The failed POST /api/checkout in the console & network list.
  await replay(page).getByTestId('replay-entry').filter({ hasText: 'POST /api/checkout' }).click()
  await expect(traces(page).getByTestId('trace-title')).toHaveText('POST /api/checkout')
  const details = traces(page).getByTestId('span-details')
  await expect(details).toHaveAttribute('data-span-id', '4925562e26609412')
  await expect(details.getByTestId('exception-message')).toContainText('acquirer timed out')
  const atRequest = await elapsed(page)
  expect(atRequest).toBeGreaterThan(17_000)

  // Picking the inventory reservation moves the replay back to when it started, 0.4 s earlier.
  const reservation = traces(page).getByTestId('span-row').and(page.locator('[data-name="POST /v1/reservations"]'))
  await reservation.click()
  await expect(details).toHaveAttribute('data-span-id', (await reservation.getAttribute('data-span-id'))!)
  await expect.poll(() => elapsed(page)).toBeLessThan(atRequest - 250)
  const atReservation = await elapsed(page)

  // Back: the failing span again, and the replay where it was; back again: the trace list.
  await page.keyboard.press('Alt+ArrowLeft')
  await expect(details).toHaveAttribute('data-span-id', '4925562e26609412')
  await expect.poll(() => elapsed(page)).toBeGreaterThan(atReservation + 250)
  await page.keyboard.press('Alt+ArrowLeft')
  await expect(traces(page).getByTestId('trace-row')).toHaveCount(2)

  // Forward twice: the trace, then the reservation.
  await page.keyboard.press('Alt+ArrowRight')
  await expect(details).toHaveAttribute('data-span-id', '4925562e26609412')
  await page.keyboard.press('Alt+ArrowRight')
  await expect(details).toHaveAttribute('data-span-id', (await reservation.getAttribute('data-span-id'))!)
  await expect.poll(() => elapsed(page)).toBeLessThan(atRequest - 250)
})

test('Alt+← from a failed request comes back to the trace as it was: its moment, no span chosen', async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  await expect(replay(page).getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
  await traces(page).getByTestId('trace-row').filter({ hasText: 'POST /api/checkout' }).first().click()
  await expect(traces(page).getByTestId('trace-title')).toHaveText('POST /api/checkout')
  await expect.poll(() => elapsed(page)).toBeGreaterThan(16_000)
  const atTrace = await elapsed(page)
  const details = traces(page).getByTestId('span-details')
  await expect(details).toHaveCount(0)

  await replay(page).getByTestId('replay-entry').filter({ hasText: 'POST /api/checkout' }).click()
  await expect(details).toHaveAttribute('data-span-id', '4925562e26609412')
  await expect.poll(() => elapsed(page)).toBeGreaterThan(atTrace + 250)

  await page.keyboard.press('Alt+ArrowLeft')
  await expect(details).toHaveCount(0)
  await expect(traces(page).locator('[data-testid="span-row"][aria-selected="true"]')).toHaveCount(0)
  await expect.poll(() => elapsed(page)).toBe(atTrace)
  await page.keyboard.press('Alt+ArrowRight')
  await expect(details).toHaveAttribute('data-span-id', '4925562e26609412')
  await expect.poll(() => elapsed(page)).toBeGreaterThan(atTrace + 250)
})

test('a failed request opens its failing span even where the search shows only other spans', async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  await expect(replay(page).getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
  await traces(page).getByTestId('trace-row').filter({ hasText: 'POST /api/checkout' }).first().click()
  await traces(page).getByTestId('span-search').fill('service:inventory-service')
  await traces(page).getByTestId('filter-matches').click()
  await expect(traces(page).getByTestId('filter-matches')).toHaveAttribute('aria-pressed', 'true')
  const failing = traces(page).locator('[data-testid="span-row"][data-span-id="4925562e26609412"]')
  await expect(failing).toHaveCount(0)

  await replay(page).getByTestId('replay-entry').filter({ hasText: 'POST /api/checkout' }).click()
  await expect(traces(page).getByTestId('span-details')).toHaveAttribute('data-span-id', '4925562e26609412')
  await expect(failing).toHaveAttribute('aria-selected', 'true')
  await expect(traces(page).getByTestId('filter-matches')).toHaveAttribute('aria-pressed', 'false')
})

test('opening a trace from the list moves the replay to its start', async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  await expect(replay(page).getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
  expect(await elapsed(page)).toBe(0)
  await traces(page).getByTestId('trace-row').filter({ hasText: 'GET /api/cart' }).click()
  // The cart was loaded 7.2 s into the visit.
  await expect.poll(() => elapsed(page)).toBeGreaterThan(6_500)
  expect(await elapsed(page)).toBeLessThan(7_500)
})

test('the scrubber mark of the failed checkout opens its trace too', async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  await expect(replay(page).getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
  // The console error and the failed request are drawn as one mark.
  await replay(page).locator('[data-testid="scrubber-marker"][data-kinds~="failed"]').click()
  await expect(traces(page).getByTestId('span-details')).toHaveAttribute('data-span-id', '4925562e26609412')
})

test('a reload comes back to the trace, span and moment it showed', async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  await expect(replay(page).getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
  await replay(page).getByTestId('replay-entry').filter({ hasText: 'POST /api/checkout' }).click()
  const reservation = traces(page).getByTestId('span-row').and(page.locator('[data-name="POST /v1/reservations"]'))
  await reservation.click()
  await expect(reservation).toHaveAttribute('aria-selected', 'true')
  const moment = await elapsed(page)

  await page.reload()
  await expect(traces(page).getByTestId('trace-title')).toHaveText('POST /api/checkout')
  await expect(traces(page).getByTestId('span-row').and(page.locator('[data-name="POST /v1/reservations"]'))).toHaveAttribute('aria-selected', 'true')
  await expect.poll(() => elapsed(page)).toBe(moment)
  // The way back is kept too: Alt+← goes to the failing span the request opened, Alt+→ returns.
  await page.keyboard.press('Alt+ArrowLeft')
  await expect(traces(page).getByTestId('span-details')).toHaveAttribute('data-span-id', '4925562e26609412')
  await page.keyboard.press('Alt+ArrowRight')
  await expect(traces(page).getByTestId('span-row').and(page.locator('[data-name="POST /v1/reservations"]'))).toHaveAttribute('aria-selected', 'true')

  // The service picked in the diagram comes back too, the list narrowed to it.
  await traces(page).getByTestId('trace-back').click()
  const paymentNode = page.getByTestId('pane-diagram').locator('[data-testid="diagram-service"][data-service="payment-service"]')
  await paymentNode.click()
  await expect(traces(page).getByTestId('trace-row')).toHaveCount(1)
  await page.reload()
  await expect(traces(page).getByTestId('trace-service-filter')).toContainText('payment-service')
  await expect(traces(page).getByTestId('trace-row')).toHaveCount(1)
  await expect(paymentNode).toHaveAttribute('data-picked', 'true')
})

test("a recording's clock offset is nudged or set from its linked requests, and the replay follows", async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  await expect(replay(page).getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
  const chip = replay(page).getByTestId('clock-offset')
  await chip.click()
  // The demo's browser and servers agree: the two linked requests say so.
  await expect(replay(page).getByTestId('clock-suggestion')).toContainText('Lined up with the traces by 2 linked requests')
  // The incident clock reads the replay's time plus the offset.
  const readout = replay(page).getByTestId('clock-readout')
  const before = await readout.textContent()
  await replay(page).getByTestId('clock-nudge-100').click()
  await expect(chip).toHaveText('Clock +100 ms')
  await replay(page).getByTestId('clock-nudge-100').click()
  await expect(chip).toHaveText('Clock +200 ms')
  await expect(readout).not.toHaveText(before!)
  await expect(replay(page).getByTestId('clock-suggestion')).toContainText('2 linked requests suggest 0 ms')
  await replay(page).getByTestId('clock-apply-suggestion').click()
  await expect(chip).toHaveText('Clock')
  await expect(readout).toHaveText(before!)

  // A clock clearly off (a recording two hours out, as from another time zone) says so on the chip.
  await replay(page).getByTestId('clock-offset-input').fill('-7200000')
  await replay(page).getByTestId('clock-offset-input').press('Enter')
  await page.keyboard.press('Escape')
  await expect(chip).toHaveText('Clock −2 h 00 min · 2 h 00 min off?')
  await expect(chip).toHaveAttribute('data-off', '')
  await chip.click()
  await replay(page).getByTestId('clock-apply-suggestion').click()
  await expect(chip).toHaveText('Clock')
})

test("the diagram lights up the services at work at the replay's moment", async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  await expect(replay(page).getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
  const service = (name: string) => page.getByTestId('derived-graph').locator(`.react-flow__node[data-id="${name}"]`)
  await expect(service('payment-service')).toBeVisible()
  // At the start of the visit nothing in the backend runs.
  await expect(page.getByTestId('derived-graph').locator('.dg-node-active')).toHaveCount(0)
  // Picking the charge moves the replay to its start: the chain down to payments is at work.
  await traces(page).getByTestId('trace-row').filter({ hasText: 'POST /api/checkout' }).click()
  await traces(page).getByTestId('span-row').and(page.locator('[data-name="POST /v1/charges"]')).click()
  await expect(service('payment-service')).toHaveClass(/dg-node-active/)
  await expect(service('checkout-service')).toHaveClass(/dg-node-active/)
  await expect(service('inventory-service')).not.toHaveClass(/dg-node-active/)
})

test('an incident opened again, from the list or back from the runbooks, is where it was left', async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  await expect(replay(page).getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
  const demo = (await page.getByTestId('incident-title').textContent())!
  const details = traces(page).getByTestId('span-details')
  const reservation = traces(page).getByTestId('span-row').and(page.locator('[data-name="POST /v1/reservations"]'))

  // A span of the failed checkout, the replay at its start.
  await replay(page).getByTestId('replay-entry').filter({ hasText: 'POST /api/checkout' }).click()
  await reservation.click()
  const spanId = (await reservation.getAttribute('data-span-id'))!
  await expect(details).toHaveAttribute('data-span-id', spanId)
  await expect.poll(() => elapsed(page)).toBeGreaterThan(16_000)
  const left = await elapsed(page)

  // Another incident, then the demo again from the list.
  await page.getByTestId('new-incident').click()
  await page.getByTestId('new-incident-title').fill('Second look')
  await page.getByTestId('new-incident-title').press('Enter')
  await expect(page.getByTestId('incident-title')).toHaveText('Second look')
  await page.getByTestId('incident-item').filter({ hasText: demo }).click()
  await expect(page.getByTestId('incident-title')).toHaveText(demo)
  await expect(traces(page).getByTestId('trace-title')).toHaveText('POST /api/checkout')
  await expect(details).toHaveAttribute('data-span-id', spanId)
  await expect.poll(() => elapsed(page)).toBe(left)
  // Its way back is kept too: Alt+← goes to where it was before the span was picked, Alt+→ returns.
  await page.keyboard.press('Alt+ArrowLeft')
  await expect(details).not.toHaveAttribute('data-span-id', spanId)
  await page.keyboard.press('Alt+ArrowRight')
  await expect(details).toHaveAttribute('data-span-id', spanId)

  // The runbooks screen takes the incident's place; coming back finds it as it was.
  await page.getByTestId('open-runbooks').click()
  await expect(page.getByTestId('incident-view')).toHaveCount(0)
  await page.getByTestId('incident-item').filter({ hasText: demo }).click()
  await expect(details).toHaveAttribute('data-span-id', spanId)
  await expect.poll(() => elapsed(page)).toBe(left)
})

test("Alt+←/→ go on past an incident's first and last places: to the incident or runbooks shown before and after it", async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  const demo = (await page.getByTestId('incident-title').textContent())!
  await traces(page).getByTestId('trace-row').filter({ hasText: 'POST /api/checkout' }).first().click()
  await expect(traces(page).getByTestId('trace-title')).toHaveText('POST /api/checkout')
  await page.getByTestId('new-incident').click()
  await page.getByTestId('new-incident-title').fill('Second look')
  await page.getByTestId('new-incident-title').press('Enter')
  await expect(page.getByTestId('incident-title')).toHaveText('Second look')
  await page.getByTestId('open-runbooks').click()
  await expect(page.getByTestId('runbooks-screen')).toBeVisible()
  await page.locator('body').focus()

  // Each press is the app's, so a browser does not leave the app for the page before it.
  await page.evaluate(() => window.addEventListener('keydown', (event) => document.body.setAttribute('data-last-key-taken', String(event.defaultPrevented))))
  await page.keyboard.press('Alt+ArrowLeft')
  await expect(page.locator('body')).toHaveAttribute('data-last-key-taken', 'true')
  await expect(page.getByTestId('incident-title')).toHaveText('Second look')
  await page.keyboard.press('Alt+ArrowLeft')
  await expect(page.getByTestId('incident-title')).toHaveText(demo)
  await expect(traces(page).getByTestId('trace-title')).toHaveText('POST /api/checkout')
  // Then the incident's own places, as before.
  await page.keyboard.press('Alt+ArrowLeft')
  await expect(traces(page).getByTestId('trace-row')).toHaveCount(2)

  await page.keyboard.press('Alt+ArrowRight')
  await expect(traces(page).getByTestId('trace-title')).toHaveText('POST /api/checkout')
  await page.keyboard.press('Alt+ArrowRight')
  await expect(page.getByTestId('incident-title')).toHaveText('Second look')
  await page.keyboard.press('Alt+ArrowRight')
  await expect(page.getByTestId('runbooks-screen')).toBeVisible()
})

test('a maximized pane gives the width back when a move leads to a pane out of sight, and keeps it for its own picks', async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  await expect(replay(page).getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })

  // The replay on its own: its failed request opens the trace, and the trace pane comes back with it.
  await page.getByTestId('pane-replay-maximize').click()
  await expect(page.getByTestId('panel-traces')).toBeHidden()
  await replay(page).getByTestId('replay-entry').filter({ hasText: 'POST /api/checkout' }).click()
  await expect(page.getByTestId('panel-traces')).toBeVisible()
  await expect(traces(page).getByTestId('trace-title')).toHaveText('POST /api/checkout')
  await expect(page.getByTestId('pane-replay-maximize')).toHaveAttribute('aria-pressed', 'false')

  // The traces on their own: picking spans moves the (hidden) replay, and the waterfall keeps the width.
  await page.getByTestId('pane-traces-maximize').click()
  const before = await elapsed(page)
  await traces(page).getByTestId('span-row').and(page.locator('[data-name="POST /v1/reservations"]')).click()
  await expect.poll(() => elapsed(page)).toBeLessThan(before - 250)
  await expect(page.getByTestId('panel-replay')).toBeHidden()
  await expect(page.getByTestId('pane-traces-maximize')).toHaveAttribute('aria-pressed', 'true')
})

test('a finding opened from a runbook: Alt+← goes to where its incident was left, its moment too, then back to the runbook', async ({ page, casefile }) => {
  const demoId = await addDemoFinding(casefile, { title: 'Acquirer timeout fails the checkout' })
  const { client, close } = await connectApi(casefile)
  const [finding] = await client.call('findings.list', { incidentId: demoId })
  const runbook = await client.call('runbooks.save', { markdown: '# Payments failover\n\n1. Check the acquirer error rate.\n' })
  await client.call('findings.link', { findingId: finding.id, runbookId: runbook.id, stepId: runbook.steps[0].id })
  close()

  await openApp(page, casefile.url)
  await expect(replay(page).getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
  const left = await elapsed(page)
  await page.getByTestId('open-runbooks').click()
  await page.getByTestId('runbook-item').filter({ hasText: 'Payments failover' }).click()
  await page.getByTestId('runbook-backlink').click()
  await expect(traces(page).getByTestId('trace-title')).toHaveText('POST /api/checkout')
  await expect.poll(() => elapsed(page)).toBeGreaterThan(16_000)

  await page.locator('body').focus()
  await page.keyboard.press('Alt+ArrowLeft')
  await expect(traces(page).getByTestId('trace-row')).toHaveCount(2)
  await expect.poll(() => elapsed(page)).toBe(left)
  await page.keyboard.press('Alt+ArrowLeft')
  await expect(page.getByTestId('runbooks-screen')).toBeVisible()
})

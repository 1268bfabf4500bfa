import type { Page } from '@playwright/test'
import { openApp } from './support/app'
import { expect, test } from './support/casefile'

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
})

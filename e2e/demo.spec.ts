import { incidentItems, openApp, selectedIncident, shownCount } from './support/app'
import { expect, test } from './support/casefile'

test('a fresh workspace opens on the demo incident with its panes filled', async ({ page, casefile }) => {
  await openApp(page, casefile.url)

  await expect(incidentItems(page)).toHaveCount(1)
  await expect(selectedIncident(page)).toContainText('Demo')
  await expect(page.getByTestId('incident-title')).toContainText('Demo')
  await expect(page.getByTestId('workspace-path')).toContainText('workspace.sqlite')

  const replay = page.getByTestId('pane-replay')
  await expect(replay.getByTestId('session-card')).toHaveCount(1)
  expect(await shownCount(replay.getByTestId('session-events'))).toBeGreaterThan(0)
  expect(await shownCount(replay.getByTestId('replay-total-events'))).toBeGreaterThan(0)

  const traces = page.getByTestId('pane-traces')
  await expect(traces.getByTestId('trace-card')).toHaveCount(1)
  expect(await shownCount(traces.getByTestId('trace-spans'))).toBeGreaterThan(0)
  expect(await shownCount(traces.getByTestId('traces-total-spans'))).toBeGreaterThan(0)
  await expect(traces.getByTestId('trace-time-range')).toHaveText(/\d{2}:\d{2}:\d{2}\.\d{3}/)
  await expect(traces.locator('[data-service="checkout-service"]')).toBeVisible()

  const diagram = page.getByTestId('pane-diagram')
  await expect(diagram.locator('[data-testid="diagram-service"]', { hasText: 'checkout-service' })).toBeVisible()

  // The tab's icon is there to show (a browser asks for /favicon.ico when a page names none).
  const icon = new URL((await page.locator('link[rel="icon"]').getAttribute('href'))!, page.url())
  const served = await page.request.get(icon.href)
  expect(served.status()).toBe(200)
  expect(served.headers()['content-type']).toContain('image/svg+xml')
})

test('times on screen say their time zone, as a viewer in another one sees them', async ({ browser, casefile }) => {
  const context = await browser.newContext({ timezoneId: 'America/Los_Angeles' })
  const page = await context.newPage()
  await openApp(page, casefile.url)
  const zone = page.getByTestId('incident-time-zone')
  await expect(zone).toHaveText(/^times in P[SD]T$/)
  await expect(zone).toHaveAttribute('title', /America\/Los_Angeles, UTC−0[78]:00.*reports give them in UTC/)
  // The replay's clock reads Los Angeles time: the demo was recorded around 06:35 UTC.
  await expect(page.getByTestId('clock-readout')).toHaveText(/^2[23]:3\d:\d\d\.\d{3}$/)
  await context.close()
})

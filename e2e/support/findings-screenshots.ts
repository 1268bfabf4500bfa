// Screenshots of findings for looking at, not for asserting: the add form over the panes, the
// drawer with its filters and markdown notes, the marks in the scrubber and the waterfall zoomed in
// on a restored finding's span, a finding anchored to a diagram call; light and dark, 1000 and 1600 px.
//
//   npm run build
//   node_modules/.bin/node --import tsx e2e/support/findings-screenshots.ts
//
// Starts `casefile serve` on a fresh workspace (its demo incident) and writes PNGs to
// /tmp/casefile-shots/findings/ (or $CASEFILE_SHOTS/findings).
import type { Page } from '@playwright/test'
import { type CasefileServer, startCasefile } from './server'
import { eachView, runShots } from './shots'

async function addFinding(page: Page, title: string, severity: string, tags: string, notes = '') {
  await page.keyboard.press('f')
  const form = page.getByTestId('finding-form')
  await form.getByTestId('finding-title').fill(title)
  await form.getByTestId(`finding-severity-${severity}`).click()
  await form.getByTestId('finding-tags').fill(tags)
  if (notes) await form.getByTestId('finding-notes').fill(notes)
  await form.getByTestId('finding-author').fill('Dana')
  await form.getByTestId('finding-title').press('Enter')
  await form.waitFor({ state: 'detached' })
}

runShots(async () => {
  // A fresh workspace for each view: the same findings in every shot.
  const servers: CasefileServer[] = []
  try {
    await eachView(
      'findings',
      async () => {
        const server = await startCasefile()
        servers.push(server)
        return server.url
      },
      async ({ page, width, shoot }) => {
        await page.locator('[data-testid="replay-stage"][data-status="ready"]').waitFor({ timeout: 15_000 })
        const traces = page.getByTestId('pane-traces')

        await traces.getByTestId('trace-row').filter({ hasText: 'GET /api/cart' }).click()
        await traces.getByTestId('trace-back').click()
        await addFinding(page, 'Cart takes 1.2 s to load', 'low', 'cart, frontend', 'GET /api/cart waits on the inventory service.')

        await traces.getByTestId('trace-row').filter({ hasText: 'POST /api/checkout' }).click()
        await traces.locator('[data-testid="span-row"][data-span-id="4925562e26609412"]').click({ position: { x: 60, y: 12 } })
        await page.keyboard.press('f')
        await page.getByTestId('finding-form').getByTestId('finding-title').fill('Acquirer timed out, checkout failed')
        await page.getByTestId('finding-form').getByTestId('finding-severity-high').click()
        await page.getByTestId('finding-form').getByTestId('finding-tags').fill('payments, timeout')
        await page.waitForTimeout(200)
        await shoot('form')
        await page.getByTestId('finding-form').getByTestId('finding-title').press('Enter')
        await page.getByTestId('finding-form').waitFor({ state: 'detached' })
        await addFinding(
          page,
          'Gateway gives up after 2 s',
          'critical',
          'payments, config',
          'The gateway\'s **2 s** budget is shorter than the acquirer\'s:\n\n- `api-gateway` timeout: 2 s\n- acquirer p95: 3.1 s\n\n<img src=x onerror=alert(1)> stays text.',
        )

        await page.getByTestId('findings-toggle').click()
        await traces.getByTestId('trace-back').click()
        await page.getByTestId('finding-open').last().click()
        await page.getByTestId('scrubber-finding').first().hover()
        await page.waitForTimeout(300)
        await shoot('drawer')

        await page.locator('[data-testid="finding-filter-tag"][data-tag="payments"]').click()
        await page.getByTestId('finding-item').last().hover()
        await page.getByTestId('finding-item').last().getByTestId('finding-delete').click()
        await page.mouse.move(0, 0)
        await page.waitForTimeout(200)
        await shoot('filtered-undo')

        // A call picked in the diagram, written down, then picked again from its finding (where
        // the drawer leaves the diagram in view).
        if (width >= 1600) {
          const diagram = page.getByTestId('pane-diagram')
          await diagram.locator('[data-testid="diagram-call-label"][data-edge="checkout-service→payment-service"]').click()
          await addFinding(page, 'Checkout never retries a failed charge', 'medium', 'payments')
          await diagram.getByTestId('edge-spans-close').click()
          await page.getByTestId('finding-item').filter({ hasText: 'Checkout never retries' }).getByTestId('finding-open').click()
          await diagram.getByTestId('edge-spans').waitFor()
          await page.waitForTimeout(300)
          await shoot('call')
        }
      },
    )
  } finally {
    await Promise.all(servers.map((server) => server.stop()))
  }
})

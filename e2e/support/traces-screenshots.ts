// Screenshots of the Traces pane for looking at, not for asserting: light and dark, 1000 and 1600 px.
//
//   npm run build
//   node_modules/.bin/node --import tsx e2e/support/traces-screenshots.ts
//
// Starts `casefile serve` on a fresh workspace (its demo incident) and writes PNGs to
// /tmp/casefile-shots/traces/ (or $CASEFILE_SHOTS/traces).
import { startCasefile } from './server'
import { eachView, runShots } from './shots'

runShots(async () => {
  const server = await startCasefile()
  try {
    await eachView('traces', server.url, async ({ page, width, shoot }) => {
      await page.waitForTimeout(300)
      await shoot('list')
      const pane = page.getByTestId('pane-traces')
      if (width === 1600) {
        // Widen the traces pane, as someone reading a waterfall would.
        const separator = page.getByTestId('separator-traces-diagram')
        const box = await separator.boundingBox()
        if (box) {
          await page.mouse.move(box.x + box.width / 2, box.y + 300)
          await page.mouse.down()
          await page.mouse.move(box.x + box.width / 2 + 280, box.y + 300, { steps: 6 })
          await page.mouse.up()
        }
      }
      await pane.locator('[data-testid="trace-row"]').first().click()
      await pane.getByTestId('span-row').first().waitFor()
      await page.waitForTimeout(200)
      await shoot('waterfall')
      await pane.locator('[data-testid="span-row"][data-error]').last().click({ position: { x: 40, y: 12 } })
      await pane.getByTestId('detail-exception').or(pane.getByTestId('attribute-table')).first().waitFor()
      await page.waitForTimeout(200)
      await shoot('details')
      await pane.getByTestId('span-search').fill('db.system=postgresql')
      await page.waitForTimeout(600)
      await pane.getByTestId('span-search').press('Enter')
      await page.waitForTimeout(200)
      await shoot('search')
      await pane.getByTestId('tab-stats').click()
      await page.waitForTimeout(300)
      await shoot('stats')
      await pane.getByTestId('tab-compare').click()
      await pane.getByTestId('compare-table').waitFor()
      await shoot('compare')
      await pane.getByTestId('tab-waterfall').click()
      await pane.getByTestId('span-tree').focus()
      await page.keyboard.press('?')
      await page.waitForTimeout(100)
      await shoot('shortcuts')
    })
  } finally {
    await server.stop()
  }
})

// Screenshots of the Traces pane for looking at, not for asserting: light and dark, 900 and 1600 px.
//
//   npm run build
//   node_modules/.bin/node --import tsx e2e/support/traces-screenshots.ts
//
// Starts `casefile serve` on a fresh workspace (its demo incident) and writes PNGs to
// /tmp/casefile-shots/traces/ (or $CASEFILE_SHOTS/traces).
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { startCasefile } from './server'

const OUT = join(process.env.CASEFILE_SHOTS ?? '/tmp/casefile-shots', 'traces')
const HEIGHT = 860

async function shoot(page: Page, name: string) {
  const path = join(OUT, `${name}.png`)
  await page.screenshot({ path })
  console.log(path)
}

async function main() {
  mkdirSync(OUT, { recursive: true })
  const server = await startCasefile()
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  try {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [900, 1600]) {
        const context = await browser.newContext({ colorScheme, viewport: { width, height: HEIGHT } })
        const page = await context.newPage()
        await page.goto(server.url)
        await page.getByTestId('incident-view').waitFor()
        await page.waitForTimeout(300)
        await shoot(page, `${colorScheme}-${width}-list`)
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
        await shoot(page, `${colorScheme}-${width}-waterfall`)
        await pane.locator('[data-testid="span-row"][data-error]').last().click({ position: { x: 40, y: 12 } })
        await pane.getByTestId('detail-exception').or(pane.getByTestId('attribute-table')).first().waitFor()
        await page.waitForTimeout(200)
        await shoot(page, `${colorScheme}-${width}-details`)
        await pane.getByTestId('span-search').fill('db.system=postgresql')
        await page.waitForTimeout(600)
        await pane.getByTestId('span-search').press('Enter')
        await page.waitForTimeout(200)
        await shoot(page, `${colorScheme}-${width}-search`)
        await pane.getByTestId('tab-stats').click()
        await page.waitForTimeout(300)
        await shoot(page, `${colorScheme}-${width}-stats`)
        await pane.getByTestId('tab-compare').click()
        await pane.getByTestId('compare-table').waitFor()
        await shoot(page, `${colorScheme}-${width}-compare`)
        await pane.getByTestId('tab-waterfall').click()
        await pane.getByTestId('span-tree').focus()
        await page.keyboard.press('?')
        await page.waitForTimeout(100)
        await shoot(page, `${colorScheme}-${width}-shortcuts`)
        await context.close()
      }
    }
  } finally {
    await browser.close()
    await server.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})

// Screenshots of the Diagram pane for looking at, not for asserting: light and dark, 900 and 1600 px.
//
//   npm run build
//   node_modules/.bin/node --import tsx e2e/support/diagram-screenshots.ts
//
// Starts `casefile serve` on a fresh workspace (its demo incident) and writes PNGs to
// /tmp/casefile-shots/diagram/ (or $CASEFILE_SHOTS/diagram).
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { startCasefile } from './server'

const OUT = join(process.env.CASEFILE_SHOTS ?? '/tmp/casefile-shots', 'diagram')
const HEIGHT = 860
const only = process.argv[2]

async function shoot(page: Page, name: string) {
  if (only && !name.includes(only)) return
  const path = join(OUT, `${name}.png`)
  await page.screenshot({ path })
  console.log(path)
}

/** Widens the diagram pane by dragging the separator left of it. */
async function widenDiagram(page: Page, by: number) {
  const box = await page.getByTestId('separator-traces-diagram').boundingBox()
  if (!box) return
  await page.mouse.move(box.x + box.width / 2, box.y + 300)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width / 2 - by, box.y + 300, { steps: 6 })
  await page.mouse.up()
}

/** The Drawn tab: a diagram started from the traces, a boundary and a note, in the pane and expanded. */
async function shootAuthored(page: Page, prefix: string) {
  const pane = page.getByTestId('pane-diagram')
  await page.getByTestId('trace-back').click()
  await pane.getByTestId('diagram-mode-authored').click()
  await pane.getByTestId('diagram-from-traces').click()
  await pane.getByTestId('authored-node').first().waitFor()
  await page.waitForTimeout(300)
  await shoot(page, `${prefix}-authored`)
  await pane.getByTestId('diagram-expand').click()
  await pane.getByTestId('diagram-add-group').click()
  await pane.getByTestId('inspector-label').fill('Payments zone')
  await pane.getByTestId('inspector-boundary').selectOption('zone')
  await pane.getByTestId('diagram-add-note').click()
  await pane.getByTestId('inspector-label').fill('On call: #payments\nRunbook: card declines')
  await pane.getByTestId('diagram-save').click()
  await pane.getByTestId('diagram-revisions-toggle').click()
  await page.waitForTimeout(300)
  await shoot(page, `${prefix}-authored-expanded`)
  await pane.getByTestId('diagram-expand').click()
  await pane.getByTestId('diagram-close').click()
  await page.waitForTimeout(200)
  await shoot(page, `${prefix}-authored-list`)
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
        const pane = page.getByTestId('pane-diagram')
        await pane.getByTestId('diagram-service').first().waitFor()
        await page.waitForTimeout(400)
        await shoot(page, `${colorScheme}-${width}-derived`)
        if (width === 1600) {
          await widenDiagram(page, 380)
          await page.waitForTimeout(400)
        }
        await pane.locator('[data-testid="diagram-call-label"][data-failing]').first().click()
        await pane.getByTestId('edge-span').first().waitFor()
        await page.waitForTimeout(200)
        await shoot(page, `${colorScheme}-${width}-edge-spans`)
        await pane.locator('[data-testid="diagram-service"][data-service="payment-service"]').click()
        await page.waitForTimeout(300)
        await shoot(page, `${colorScheme}-${width}-picked-service`)
        await pane.getByTestId('edge-span').first().click()
        await page.getByTestId('pane-traces').getByTestId('span-row').first().waitFor()
        await page.waitForTimeout(400)
        await shoot(page, `${colorScheme}-${width}-trace-highlight`)
        await shootAuthored(page, `${colorScheme}-${width}`)
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

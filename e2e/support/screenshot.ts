// Screenshots of the UI for looking at, not for asserting: light and dark, narrow and wide.
//
//   npm run build
//   node_modules/.bin/node --import tsx e2e/support/screenshot.ts [FILE...]
//
// Starts `casefile serve` on a fresh workspace (with its demo incident), imports FILEs (default:
// the e2e trace fixture, when it exists) through the UI, and writes PNGs to /tmp/casefile-shots/.
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { launchChromium } from '../bench/browser'
import { FIXTURES } from './app'
import { startCasefile } from './server'
import { HEIGHT, runShots, SCHEMES, WIDTHS } from './shots'

const OUT = process.env.CASEFILE_SHOTS ?? '/tmp/casefile-shots'

async function ready(page: Page) {
  await page.getByTestId('incident-view').or(page.getByTestId('no-incident')).waitFor()
  // Let fonts and the panel layout settle.
  await page.waitForTimeout(250)
}

async function importFiles(page: Page, files: string[]) {
  if (files.length === 0) return
  await page.getByTestId('import-input').setInputFiles(files)
  await page.getByTestId('import-progress').waitFor({ state: 'detached', timeout: 60_000 })
}

async function shoot(page: Page, name: string) {
  const path = join(OUT, `${name}.png`)
  await page.screenshot({ path })
  console.log(path)
}

/** The replay pane at the console error, hovered on the scrubber. */
async function shootReplay(page: Page, name: string) {
  const replay = page.getByTestId('pane-replay')
  if ((await replay.getByTestId('replay-stage').count()) === 0) return
  const error = replay.locator('[data-testid="scrubber-marker"][data-kind="error"]').first()
  if ((await error.count()) === 0) return
  await error.click()
  await error.hover()
  await page.waitForTimeout(400)
  await shoot(page, `${name}-replay-error`)
}

/** The replay pane widened (a fresh workspace, so the saved pane sizes of the other shots stay as they are): the list beside the player. */
async function shootWideReplay(browser: Browser, colorScheme: (typeof SCHEMES)[number]) {
  const server = await startCasefile()
  const context = await browser.newContext({ colorScheme, viewport: { width: 1600, height: HEIGHT } })
  try {
    const page = await context.newPage()
    await page.goto(server.url)
    await ready(page)
    const separator = page.getByTestId('separator-replay-traces')
    const box = await separator.boundingBox()
    if (!box) return
    await page.mouse.move(box.x + box.width / 2, box.y + 200)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2 + 420, box.y + 200, { steps: 8 })
    await page.mouse.up()
    const replay = page.getByTestId('pane-replay')
    await replay.locator('[data-testid="replay-entry"][data-category="info"]').first().click()
    await replay.getByTestId('replay-speed-2').click()
    await page.mouse.move(0, 0)
    await page.waitForTimeout(400)
    await shoot(page, `${colorScheme}-1600-replay-wide`)
  } finally {
    await context.close()
    await server.stop()
  }
}

async function main() {
  mkdirSync(OUT, { recursive: true })
  const given = process.argv.slice(2)
  const defaults = [join(FIXTURES, 'checkout.zipkin.json')].filter((path) => existsSync(path))
  const files = given.length > 0 ? given : defaults
  const bad = [join(FIXTURES, 'bad', 'truncated.json'), '/tmp/devdata/bad/truncated.json'].find((path) => existsSync(path))

  const server = await startCasefile()
  let browser: Browser | undefined
  try {
    browser = await launchChromium()

    // Seed once: the demo incident plus the given files.
    {
      const page = await browser.newPage()
      await page.goto(server.url)
      await ready(page)
      await importFiles(page, files)
      await page.close()
    }

    for (const colorScheme of SCHEMES) {
      for (const width of WIDTHS) {
        const context = await browser.newContext({ colorScheme, viewport: { width, height: HEIGHT } })
        const page = await context.newPage()
        await page.goto(server.url)
        await ready(page)
        await shoot(page, `${colorScheme}-${width}-incident`)
        await shootReplay(page, `${colorScheme}-${width}`)
        await context.close()
      }

      const context = await browser.newContext({ colorScheme, viewport: { width: 1600, height: HEIGHT } })
      const page = await context.newPage()
      await page.goto(server.url)
      await ready(page)

      await page.getByTestId('workspace-button').click()
      await shoot(page, `${colorScheme}-menu`)
      await page.keyboard.press('Escape')

      // Files dragged over the window.
      await page.evaluate(() => {
        const transfer = new DataTransfer()
        transfer.items.add(new File(['{}'], 'trace.json', { type: 'application/json' }))
        window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true }))
      })
      await shoot(page, `${colorScheme}-drop`)
      await page.evaluate(() => {
        const transfer = new DataTransfer()
        transfer.items.add(new File(['{}'], 'trace.json', { type: 'application/json' }))
        window.dispatchEvent(new DragEvent('dragleave', { dataTransfer: transfer, bubbles: true }))
      })

      if (bad) {
        await page.getByTestId('import-input').setInputFiles(bad)
        await page.getByRole('alert').waitFor()
        await shoot(page, `${colorScheme}-error`)
        await page.getByRole('button', { name: 'Dismiss' }).click()
      }

      // A new, empty incident, with a hovered row showing its actions.
      await page.getByTestId('new-incident').click()
      await page.getByTestId('new-incident-title').fill(`Empty ${colorScheme} incident`)
      await page.getByTestId('new-incident-title').press('Enter')
      await page.getByTestId('replay-empty').waitFor()
      await page.getByTestId('incident-item').first().hover()
      await shoot(page, `${colorScheme}-empty`)

      await page.getByTestId('incident-item').first().getByTestId('incident-delete').click()
      await shoot(page, `${colorScheme}-confirm-delete`)
      await page.getByTestId('confirm-delete-yes').click()

      await page.goto(`${server.origin}/`)
      await page.getByTestId('connection-error').waitFor()
      await shoot(page, `${colorScheme}-unauthorized`)
      await context.close()

      await shootWideReplay(browser, colorScheme)
    }
  } finally {
    await browser?.close()
    await server.stop()
  }
}

runShots(main)

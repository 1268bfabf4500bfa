import { mkdirSync } from 'node:fs'
import { startCasefile } from '../support/server'
import { launchChromium } from './browser'
mkdirSync('/tmp/shots', { recursive: true })
const server = await startCasefile()
const browser = await launchChromium()
try {
  for (const [name, viewport, scheme] of [['wide', { width: 1600, height: 1000 }, 'light'], ['narrow', { width: 1100, height: 720 }, 'dark']] as const) {
    const context = await browser.newContext({ viewport, colorScheme: scheme })
    const page = await context.newPage()
    await page.goto(server.url)
    await page.getByTestId('incident-view').waitFor()
    await page.locator('[data-testid="replay-stage"][data-status="ready"]').waitFor()
    await page.waitForTimeout(1500)
    await page.screenshot({ path: `/tmp/shots/overview-${name}.png` })
    await context.close()
  }
} finally {
  await browser.close()
  await server.stop()
}

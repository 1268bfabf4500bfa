import { startCasefile } from '../support/server'
import { launchChromium } from './browser'
const server = await startCasefile()
const browser = await launchChromium()
try {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } })
  const page = await context.newPage()
  await page.goto(server.url)
  await page.getByTestId('incident-view').waitFor()
  await page.waitForTimeout(1000)
  await page.getByTestId('pane-diagram').getByRole('button', { name: /maximize/i }).first().click().catch(() => console.log('no max'))
  await page.waitForTimeout(1500)
  await page.screenshot({ path: `/tmp/shots/graph-max.png` })
} finally {
  await browser.close()
  await server.stop()
}

// Screenshots of the Diagram pane for looking at, not for asserting: light and dark, 1000 and 1600 px.
//
//   npm run build
//   node_modules/.bin/node --import tsx e2e/support/diagram-screenshots.ts
//
// Starts `casefile serve` on a fresh workspace (its demo incident) and writes PNGs to
// /tmp/casefile-shots/diagram/ (or $CASEFILE_SHOTS/diagram).
import type { Page } from '@playwright/test'
import { generateDiagram } from '../bench/diagram-content'
import { connectApi } from './api'
import { startCasefile } from './server'
import { eachView, runShots, type ShotView } from './shots'

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
async function shootAuthored(page: Page, shoot: ShotView['shoot']) {
  const pane = page.getByTestId('pane-diagram')
  await page.getByTestId('trace-back').click()
  await pane.getByTestId('diagram-mode-authored').click()
  await pane.getByTestId('diagram-from-traces').click()
  await pane.getByTestId('authored-node').first().waitFor()
  await page.waitForTimeout(300)
  await shoot('authored')
  await pane.getByTestId('diagram-expand').click()
  await pane.getByTestId('diagram-add-group').click()
  await pane.getByTestId('inspector-label').fill('Payments zone')
  await pane.getByTestId('inspector-boundary').selectOption('zone')
  await pane.getByTestId('diagram-add-note').click()
  await pane.getByTestId('inspector-label').fill('On call: #payments\nRunbook: card declines')
  await pane.getByTestId('diagram-save').click()
  await pane.getByTestId('diagram-revisions-toggle').click()
  await page.waitForTimeout(300)
  await shoot('authored-expanded')
  await pane.getByTestId('diagram-expand').click()
  await pane.getByTestId('diagram-close').click()
  await page.waitForTimeout(200)
  await shoot('authored-list')
}

/** A diagram of 240 services zoomed out to fit: the overview, then one node zoomed in to by clicking it. */
async function shootOverview(page: Page, shoot: ShotView['shoot']) {
  const pane = page.getByTestId('pane-diagram')
  await pane.getByTestId('diagram-item').filter({ hasText: 'Big system' }).click()
  await pane.getByTestId('diagram-expand').click()
  await pane.getByTestId('diagram-overview-hint').waitFor()
  await pane.locator('.react-flow__controls-fitview').click()
  await page.waitForTimeout(600)
  await shoot('overview')
  // A click on service-40 (in the fifth boundary) zooms in to it: the canvas, and the elements
  // mounted once the view rests, drawn alike.
  const content = generateDiagram(240, 360)
  const node = content.nodes.find((item) => item.id === 's40')!
  const group = content.nodes.find((item) => item.id === node.parentId)!
  const transform = await pane.locator('.react-flow__viewport').evaluate((element) => new DOMMatrixReadOnly(getComputedStyle(element).transform))
  const origin = (await pane.locator('.react-flow').boundingBox())!
  const flowX = group.x + node.x + node.width / 2
  const flowY = group.y + node.y + node.height / 2
  await page.mouse.click(origin.x + transform.e + flowX * transform.a, origin.y + transform.f + flowY * transform.a)
  await page.waitForTimeout(1200)
  await shoot('large-zoomed-in')
}

runShots(async () => {
  const server = await startCasefile()
  const { client, close } = await connectApi(server)
  await client.call('diagrams.save', { title: 'Big system', content: generateDiagram(240, 360) })
  close()
  try {
    await eachView(
      'diagram',
      server.url,
      async ({ page, width, shoot }) => {
        const pane = page.getByTestId('pane-diagram')
        await pane.getByTestId('diagram-service').first().waitFor()
        await page.waitForTimeout(400)
        await shoot('derived')
        if (width === 1600) {
          await widenDiagram(page, 380)
          await page.waitForTimeout(400)
        }
        await pane.locator('[data-testid="diagram-call-label"][data-failing]').first().click()
        await pane.getByTestId('edge-span').first().waitFor()
        await page.waitForTimeout(200)
        await shoot('edge-spans')
        await pane.locator('[data-testid="diagram-service"][data-service="payment-service"]').click()
        await page.waitForTimeout(300)
        await shoot('picked-service')
        await pane.getByTestId('edge-span').first().click()
        await page.getByTestId('pane-traces').getByTestId('span-row').first().waitFor()
        await page.waitForTimeout(400)
        await shoot('trace-highlight')
        await shootAuthored(page, shoot)
        await shootOverview(page, shoot)
      },
      process.argv[2],
    )
  } finally {
    await server.stop()
  }
})

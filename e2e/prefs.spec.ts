import type { Page } from '@playwright/test'
import { incidentItems, openApp, selectedIncident } from './support/app'
import { expect, test } from './support/casefile'

const paneWidths = (page: Page) =>
  Promise.all(
    ['panel-replay', 'panel-traces', 'panel-diagram'].map(async (id) => (await page.getByTestId(id).boundingBox())?.width ?? 0),
  )

test('pane sizes and the open incident survive a reload', async ({ page, casefile }) => {
  await openApp(page, casefile.url)

  // Two incidents; open the one the app would not pick by itself (not the first in the list).
  await page.getByTestId('new-incident').click()
  await page.getByTestId('new-incident-title').fill('Remember me')
  await page.getByTestId('new-incident-title').press('Enter')
  await expect(incidentItems(page)).toHaveCount(2)
  const second = incidentItems(page).nth(1)
  const secondTitle = (await second.getByTestId('incident-item-title').textContent()) ?? ''
  await second.getByRole('button').first().click()
  await expect(selectedIncident(page)).toContainText(secondTitle)
  await expect(page.getByTestId('incident-title')).toHaveText(secondTitle)

  // Drag the Replay | Traces separator 200px to the right.
  const before = await paneWidths(page)
  const separator = page.getByTestId('separator-replay-traces')
  const box = await separator.boundingBox()
  if (!box) throw new Error('separator not laid out')
  const y = box.y + box.height / 2
  await page.mouse.move(box.x + box.width / 2, y)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width / 2 + 100, y, { steps: 5 })
  await page.mouse.move(box.x + box.width / 2 + 200, y, { steps: 5 })
  await page.mouse.up()
  const resized = await paneWidths(page)
  expect(resized[0] - before[0]).toBeGreaterThan(150)

  // Saving is debounced; wait for the prefs.set to go out before reloading.
  await page.waitForTimeout(1_000)
  await page.reload()
  await expect(page.getByTestId('incident-view')).toBeVisible()

  await expect(selectedIncident(page)).toContainText(secondTitle)
  await expect(page.getByTestId('incident-title')).toHaveText(secondTitle)
  const restored = await paneWidths(page)
  for (const [index, width] of restored.entries()) expect(Math.abs(width - resized[index])).toBeLessThan(3)
})

test('the incident list folds to a rail (Ctrl+B or its button), giving the panes its room, and stays folded after a reload', async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  const sidebar = page.getByTestId('sidebar')
  const wide = (await sidebar.boundingBox())!.width
  const replayBefore = (await page.getByTestId('panel-replay').boundingBox())!.width
  await page.keyboard.press('Control+b')
  await expect(sidebar).toHaveAttribute('data-collapsed', '')
  await expect(page.getByTestId('incident-list')).toHaveCount(0)
  expect((await sidebar.boundingBox())!.width).toBeLessThan(wide / 3)
  await expect.poll(async () => (await page.getByTestId('panel-replay').boundingBox())!.width).toBeGreaterThan(replayBefore)
  // The way to the runbooks stays, named.
  await page.getByRole('button', { name: 'Runbooks' }).click()
  await expect(page.getByTestId('runbooks-screen')).toBeVisible()

  await page.waitForTimeout(1_000)
  await page.reload()
  await expect(page.getByTestId('sidebar')).toHaveAttribute('data-collapsed', '')
  await page.getByRole('button', { name: 'Show the incidents' }).click()
  await expect(page.getByTestId('incident-list')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Hide the incidents' })).toHaveAttribute('aria-expanded', 'true')
})

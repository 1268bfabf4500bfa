import type { Page } from '@playwright/test'
import { addDemoFinding } from './support/api'
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

test('one pane takes the whole width and gives it back: the replay keeps its moment, the sizes are kept', async ({ page, casefile }) => {
  await page.setViewportSize({ width: 1024, height: 700 })
  await openApp(page, casefile.url)
  const replay = page.getByTestId('pane-replay')
  await expect(replay.getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
  await replay.getByTestId('replay-entry').filter({ hasText: 'POST /api/checkout' }).click()
  const moment = await replay.getByTestId('replay-scrubber').getAttribute('aria-valuenow')
  const before = await paneWidths(page)
  const group = (await page.locator('#incident-panes').boundingBox())!.width

  const maximize = page.getByTestId('pane-traces-maximize')
  await maximize.click()
  await expect(maximize).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByTestId('panel-replay')).toBeHidden()
  await expect(page.getByTestId('panel-diagram')).toBeHidden()
  expect((await page.getByTestId('panel-traces').boundingBox())!.width).toBeGreaterThan(group - 2)

  // Double-clicking a pane's header does the same, both ways.
  await maximize.click()
  await page.getByTestId('pane-replay').locator('.pane-title').dblclick()
  await expect(page.getByTestId('panel-traces')).toBeHidden()
  await expect(replay.getByTestId('replay-scrubber')).toHaveAttribute('aria-valuenow', moment!)
  await page.getByTestId('pane-replay').locator('.pane-title').dblclick()
  await expect(page.getByTestId('panel-diagram')).toBeVisible()
  const after = await paneWidths(page)
  for (const [index, width] of after.entries()) expect(Math.abs(width - before[index])).toBeLessThan(3)
})

test('the replay keeps its speed and skipping of inactivity across incidents and reloads', async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  const replay = page.getByTestId('pane-replay')
  await expect(replay.getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
  await replay.getByTestId('replay-skip-inactive').click()
  await replay.getByTestId('replay-speed-4').click()
  await page.reload()
  await expect(replay.getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
  await expect(replay.getByTestId('replay-skip-inactive')).toHaveAttribute('aria-pressed', 'true')
  await expect(replay.getByTestId('replay-speed-4')).toHaveAttribute('aria-pressed', 'true')
})

test('in a narrow window one pane shows at a time, picked by tabs; the list folds by itself, and a finding opened shows its trace', async ({ page, casefile }) => {
  await addDemoFinding(casefile, { title: 'Acquirer timeout' })
  // A 1000 px window at 200% zoom.
  await page.setViewportSize({ width: 500, height: 700 })
  await openApp(page, casefile.url)
  await expect(page.getByTestId('sidebar')).toHaveAttribute('data-collapsed', '')
  const tab = (name: string) => page.getByRole('tablist', { name: 'Pane shown' }).getByRole('tab', { name })
  await expect(tab('Replay')).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('pane-replay')).toBeVisible()
  await expect(page.getByTestId('pane-traces')).toBeHidden()
  // The replay takes the width the three panes would share.
  expect((await page.getByTestId('panel-replay').boundingBox())!.width).toBeGreaterThan(400)
  await expect(page.getByTestId('pane-replay-maximize')).toHaveCount(0)

  const replay = page.getByTestId('pane-replay')
  await expect(replay.getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
  await replay.getByTestId('replay-entry').filter({ hasText: 'Checkout failed' }).click()
  const moment = await replay.getByTestId('replay-scrubber').getAttribute('aria-valuenow')
  // The arrow keys move between the tabs.
  await tab('Replay').focus()
  await page.keyboard.press('ArrowRight')
  await expect(tab('Traces')).toBeFocused()
  await expect(page.getByTestId('pane-traces')).toBeVisible()
  await expect(page.getByTestId('pane-replay')).toBeHidden()
  await page.keyboard.press('End')
  await expect(page.getByTestId('pane-diagram')).toBeVisible()
  // The replay kept its moment while out of sight.
  await page.keyboard.press('Home')
  await expect(replay.getByTestId('replay-scrubber')).toHaveAttribute('aria-valuenow', moment!)
  await tab('Diagram').click()

  // Opening the finding asks for its trace: the Traces tab is taken.
  await page.getByTestId('findings-toggle').click()
  await page.getByTestId('finding-open').click()
  await expect(tab('Traces')).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('pane-traces').getByTestId('trace-title')).toHaveText('POST /api/checkout')
  // Shown again from elsewhere, its place unchanged, the same finding takes the Traces tab again.
  await page.keyboard.press('Escape')
  await tab('Diagram').click()
  await page.getByTestId('findings-toggle').click()
  await page.getByTestId('finding-open').click()
  await expect(tab('Traces')).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Escape')

  // A failed request in the list asks for its trace: the keyboard goes to the tab of the pane shown.
  await page.getByTestId('pane-traces').getByTestId('trace-back').click()
  await tab('Replay').click()
  await replay.getByTestId('replay-entry').filter({ hasText: 'POST /api/checkout' }).focus()
  await page.keyboard.press('Enter')
  await expect(tab('Traces')).toHaveAttribute('aria-selected', 'true')
  await expect(tab('Traces')).toBeFocused()
  // Menus stay inside the window, whatever their width.
  await page.getByTestId('share-button').click()
  const panel = (await page.getByTestId('share-panel').boundingBox())!
  expect(panel.x).toBeGreaterThanOrEqual(0)
  expect(panel.x + panel.width).toBeLessThanOrEqual(500)
  await page.keyboard.press('Escape')
  // Nor does the runbooks screen go sideways.
  await page.getByRole('button', { name: 'Runbooks' }).click()
  await page.getByTestId('new-runbook').click()
  await expect(page.getByTestId('runbook-tags')).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(500)
  // Back to the incident (from outside the editor's text, where Alt+← moves by words).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await page.keyboard.press('Alt+ArrowLeft')
  await expect(page.getByTestId('incident-view')).toBeVisible()

  // Unfolded here, the list is not folded for good: a wide window shows it.
  await page.keyboard.press('Control+b')
  await expect(page.getByTestId('incident-list')).toBeVisible()
  // Folded again with the keyboard in it, the rail's button takes the keyboard.
  await page.getByTestId('incident-item').first().getByRole('button').first().focus()
  await page.keyboard.press('Control+b')
  await expect(page.getByTestId('sidebar-toggle')).toBeFocused()
  await page.keyboard.press('Control+b')
  await expect(page.getByTestId('incident-list')).toBeVisible()
  await page.waitForTimeout(1_000)
  await page.setViewportSize({ width: 1400, height: 800 })
  await page.reload()
  await expect(page.getByTestId('incident-list')).toBeVisible()
  await expect(page.getByRole('tablist', { name: 'Pane shown' })).toHaveCount(0)
  await expect(page.getByTestId('panel-traces')).toBeVisible()
  await expect(page.getByTestId('panel-diagram')).toBeVisible()
})

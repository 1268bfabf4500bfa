import { incidentItem, incidentItems, openApp, selectedIncident } from './support/app'
import { expect, test } from './support/casefile'

test('create, rename and delete an incident', async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  const before = await incidentItems(page).count()

  // Create: it opens, empty, with panes telling the user what to do.
  await page.getByTestId('new-incident').click()
  await page.getByTestId('new-incident-title').fill('Checkout 502s')
  await page.getByTestId('new-incident-title').press('Enter')
  await expect(incidentItems(page)).toHaveCount(before + 1)
  await expect(selectedIncident(page)).toContainText('Checkout 502s')
  await expect(selectedIncident(page)).toContainText('0 artifacts')
  // The keyboard goes on from the new incident's row.
  await expect(selectedIncident(page).getByRole('button').first()).toBeFocused()
  await expect(page.getByTestId('incident-title')).toHaveText('Checkout 502s')
  await expect(page.getByTestId('replay-empty')).toContainText('Drop')
  await expect(page.getByTestId('traces-empty')).toBeVisible()

  // Rename inline; Escape cancels, Enter saves.
  const item = incidentItem(page, 'Checkout 502s')
  await item.hover()
  await item.getByTestId('incident-rename').click()
  await page.getByTestId('incident-rename-input').fill('Never mind')
  await page.getByTestId('incident-rename-input').press('Escape')
  await expect(incidentItem(page, 'Checkout 502s')).toBeVisible()
  // The keyboard is back on the row, not on the page.
  await expect(incidentItem(page, 'Checkout 502s').locator('.incident-open')).toBeFocused()

  await item.hover()
  await item.getByTestId('incident-rename').click()
  await page.getByTestId('incident-rename-input').fill('Checkout 502s after deploy')
  await page.getByTestId('incident-rename-input').press('Enter')
  await expect(incidentItem(page, 'Checkout 502s after deploy')).toBeVisible()
  await expect(page.getByTestId('incident-title')).toHaveText('Checkout 502s after deploy')

  // Delete asks first; cancelling keeps it.
  const renamed = incidentItem(page, 'Checkout 502s after deploy')
  await renamed.hover()
  await renamed.getByTestId('incident-delete').click()
  await expect(renamed.getByTestId('confirm-delete')).toBeVisible()
  await renamed.getByTestId('confirm-delete-no').click()
  await expect(incidentItems(page)).toHaveCount(before + 1)
  // By keyboard, Delete then Enter keeps it too: Cancel has the focus.
  await renamed.locator('.incident-open').focus()
  await page.keyboard.press('Delete')
  await expect(renamed.getByTestId('confirm-delete-no')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(renamed.getByTestId('confirm-delete')).toHaveCount(0)
  await expect(incidentItems(page)).toHaveCount(before + 1)

  await renamed.hover()
  await renamed.getByTestId('incident-delete').click()
  await renamed.getByTestId('confirm-delete-yes').click()
  await expect(incidentItems(page)).toHaveCount(before)
  await expect(incidentItem(page, 'Checkout 502s after deploy')).toHaveCount(0)
  // Another incident (or, if none is left, the empty state) takes its place.
  await expect(page.getByTestId('incident-view').or(page.getByTestId('no-incident'))).toBeVisible()
  await expect(page.getByTestId('incident-title').filter({ hasText: 'Checkout 502s after deploy' })).toHaveCount(0)

  // And it stays gone after a reload.
  await page.reload()
  await expect(page.getByTestId('incident-view').or(page.getByTestId('no-incident'))).toBeVisible()
  await expect(incidentItems(page)).toHaveCount(before)
})

test("an empty title is not accepted, nor another incident's", async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  const before = await incidentItems(page).count()
  await page.getByTestId('new-incident').click()
  await page.getByTestId('new-incident-title').fill('   ')
  await page.getByTestId('new-incident-title').press('Enter')
  await expect(page.getByTestId('new-incident-title')).toHaveCount(0)
  await expect(incidentItems(page)).toHaveCount(before)

  // A title names one incident (the CLI finds incidents by it): the field says so and stays open.
  const demo = (await page.getByTestId('incident-title').textContent())!
  const field = page.getByTestId('new-incident-title')
  await page.getByTestId('new-incident').click()
  await field.fill(demo)
  await field.press('Enter')
  await expect(page.getByTestId('new-incident-title-problem')).toHaveText(`Another incident is titled “${demo}”: a title names one incident.`)
  await expect(field).toBeFocused()
  await expect(field).toHaveAttribute('aria-invalid', 'true')
  await field.fill(`${demo} (staging)`)
  await expect(page.getByTestId('new-incident-title-problem')).toHaveCount(0)
  await field.press('Enter')
  await expect(incidentItems(page)).toHaveCount(before + 1)

  // Renamed to it: likewise; Escape leaves the title as it was.
  const staging = incidentItem(page, `${demo} (staging)`)
  await staging.hover()
  await staging.getByTestId('incident-rename').click()
  await page.getByTestId('incident-rename-input').fill(demo)
  await page.getByTestId('incident-rename-input').press('Enter')
  await expect(page.getByTestId('incident-rename-input-problem')).toBeVisible()
  await page.getByTestId('incident-rename-input').press('Escape')
  await expect(incidentItem(page, `${demo} (staging)`)).toBeVisible()
})

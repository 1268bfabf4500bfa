import { readFileSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { Page } from '@playwright/test'
import { fixture, fixturesIn, incidentItem, incidentItems, openApp, selectedIncident, shownCount } from './support/app'
import { expect, test } from './support/casefile'
import { runCli } from './support/server'
import { addDemoFinding, connectApi } from './support/api'
import { writeLargeOtlp } from './fixtures/generate/large-otlp'

/** Spans in a Zipkin v2 file: an array of spans, or an array of traces (arrays of spans). */
function zipkinSpanCount(path: string): number {
  const data: unknown = JSON.parse(readFileSync(path, 'utf8'))
  if (!Array.isArray(data)) throw new Error(`${path} is not a Zipkin v2 array`)
  return data.reduce((total: number, entry: unknown) => total + (Array.isArray(entry) ? entry.length : 1), 0)
}

test('importing a trace file with the Import button adds it to the open incident', async ({ page, casefile }) => {
  const file = fixture('checkout.zipkin.json')
  const expectedSpans = zipkinSpanCount(file)
  await openApp(page, casefile.url)

  // Into a new, empty incident, so the traces pane shows only this file.
  await page.getByTestId('new-incident').click()
  await page.getByTestId('new-incident-title').fill('Zipkin import')
  await page.getByTestId('new-incident-title').press('Enter')
  await expect(page.getByTestId('incident-title')).toHaveText('Zipkin import')
  await expect(page.getByTestId('traces-empty')).toBeVisible()

  await page.getByTestId('import-input').setInputFiles(file)

  const traces = page.getByTestId('pane-traces')
  const card = traces.getByTestId('trace-card')
  await expect(card).toHaveCount(1, { timeout: 15_000 })
  await expect(card.getByTestId('artifact-file')).toHaveText(basename(file))
  await expect(card).toContainText('Zipkin')
  expect(await shownCount(card.getByTestId('trace-spans'))).toBe(expectedSpans)
  expect(await shownCount(traces.getByTestId('traces-total-spans'))).toBe(expectedSpans)
  await expect(selectedIncident(page)).toContainText('1 artifact')
  await expect(page.getByRole('alert')).toHaveCount(0)
  await expect(page.getByTestId('import-progress')).toHaveCount(0)

  // The same file again adds nothing, and says so.
  await page.getByTestId('import-input').setInputFiles(file)
  await expect(page.getByTestId('info-banner')).toContainText('“checkout.zipkin.json” was in “Zipkin import” already (the same content): not imported again.')
  await expect(card).toHaveCount(1)
})

test('a PostHog session of two browser windows comes in as two recordings, each named by its window', async ({ page, casefile }) => {
  const exported = JSON.parse(readFileSync(fixture('checkout-session.posthog-export.json'), 'utf8')) as { data: { snapshots: Array<{ windowId: string; timestamp: number }> } }
  const { snapshots } = exported.data
  // A shorter visit in a second tab, a second later.
  const secondTab = snapshots.slice(0, 40).map((event) => ({ ...event, windowId: 'second-tab', timestamp: event.timestamp + 1000 }))
  const file = test.info().outputPath('two-tabs.posthog.json')
  writeFileSync(file, JSON.stringify({ ...exported, data: { ...exported.data, snapshots: [...snapshots, ...secondTab].sort((a, b) => a.timestamp - b.timestamp) } }))
  await openApp(page, casefile.url)
  await page.getByTestId('new-incident').click()
  await page.getByTestId('new-incident-title').fill('Two tabs')
  await page.getByTestId('new-incident-title').press('Enter')
  await page.getByTestId('import-input').setInputFiles(file)
  const replay = page.getByTestId('pane-replay')
  const recording = replay.getByTestId('session-select')
  await expect(recording.locator('option')).toHaveText(['two-tabs.posthog.json · window 1 of 2', 'two-tabs.posthog.json · window 2 of 2'])
  await expect(replay.getByTestId('session-events')).toHaveText(`${snapshots.length} events`)
  await expect(replay.getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
  await recording.selectOption({ label: 'two-tabs.posthog.json · window 2 of 2' })
  await expect(replay.getByTestId('session-events')).toHaveText(`${secondTab.length} events`)
  await expect(replay.getByTestId('session-window')).toHaveText('window 2 of 2')
  await expect(replay.getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
})

test('a broken file is refused with an error naming it, and nothing is added', async ({ page, casefile }) => {
  const bad = fixturesIn('bad', /\.json$/)
  const file = bad.find((path) => /truncat/i.test(basename(path))) ?? bad[0]
  expect(file, 'e2e/fixtures/data/bad holds no .json files').toBeTruthy()
  await openApp(page, casefile.url)

  const incidentsBefore = await incidentItems(page).count()
  const demo = (await page.getByTestId('incident-title').textContent())!
  const artifactsBefore = await shownCount(page.getByTestId('incident-artifact-count'))
  const cardsBefore = await page.locator('[data-testid="trace-card"], [data-testid="session-card"]').count()

  await page.getByTestId('import-input').setInputFiles(file)

  const alert = page.getByRole('alert')
  await expect(alert).toBeVisible({ timeout: 15_000 })
  await expect(alert).toContainText(basename(file))

  await expect(incidentItems(page)).toHaveCount(incidentsBefore)
  expect(await shownCount(page.getByTestId('incident-artifact-count'))).toBe(artifactsBefore)
  await expect(page.locator('[data-testid="trace-card"], [data-testid="session-card"]')).toHaveCount(cardsBefore)

  // The error is about this incident: it goes when another is opened.
  await page.getByTestId('new-incident').click()
  await page.getByTestId('new-incident-title').fill('Another outage')
  await page.getByTestId('new-incident-title').press('Enter')
  await expect(page.getByTestId('incident-title')).toHaveText('Another outage')
  await expect(page.getByTestId('error-banner')).toHaveCount(0)
  await page.getByTestId('import-input').setInputFiles(file)
  await expect(alert).toContainText(basename(file), { timeout: 15_000 })
  // Among good files, it keeps them out too, and says so.
  await alert.getByRole('button', { name: 'Dismiss' }).click()
  await page.getByTestId('import-input').setInputFiles([fixture('checkout.zipkin.json'), file, fixture('checkout.jaeger.json')])
  await expect(alert).toContainText(`${basename(file)}:`, { timeout: 15_000 })
  await expect(alert).toContainText('Nothing was imported: the 2 other files come in with it once it is fixed or left out.')
  expect(await shownCount(page.getByTestId('incident-artifact-count'))).toBe(0)

  // The error can be dismissed, and a reload shows nothing was stored.
  await alert.getByRole('button', { name: 'Dismiss' }).click()
  await expect(page.getByRole('alert')).toHaveCount(0)
  await openApp(page, casefile.url)
  await expect(incidentItems(page)).toHaveCount(incidentsBefore + 1)
  await incidentItem(page, demo).click()
  await expect(page.getByTestId('incident-title')).toHaveText(demo)
  expect(await shownCount(page.getByTestId('incident-artifact-count'))).toBe(artifactsBefore)
})

/** Drags `path` over the window (checking the drop overlay shows) and drops it. */
async function dropFile(page: Page, path: string) {
  const transfer = await page.evaluateHandle(
    ({ name, content }) => {
      const data = new DataTransfer()
      data.items.add(new File([content], name, { type: 'application/json' }))
      return data
    },
    { name: basename(path), content: readFileSync(path, 'utf8') },
  )
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer })
  await expect(page.getByTestId('drop-overlay')).toBeVisible()
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer })
  await expect(page.getByTestId('drop-overlay')).toHaveCount(0)
}

test('files dropped on the window with no incident open start one named after the first file', async ({ page, casefile }) => {
  const file = fixture('checkout-session.rrweb.json')
  await openApp(page, casefile.url)

  // Delete everything, so nothing is open.
  for (let left = await incidentItems(page).count(); left > 0; left--) {
    const item = incidentItems(page).first()
    await item.hover()
    await item.getByTestId('incident-delete').click()
    await item.getByTestId('confirm-delete-yes').click()
    await expect(incidentItems(page)).toHaveCount(left - 1)
  }
  await expect(page.getByTestId('no-incident')).toBeVisible()

  // A broken file first: the error names it, and no incident is left behind.
  const bad = fixturesIn('bad', /^truncated.*\.json$/)[0]
  await dropFile(page, bad)
  await expect(page.getByRole('alert')).toContainText(basename(bad), { timeout: 15_000 })
  await expect(page.getByTestId('no-incident')).toBeVisible()
  await expect(incidentItems(page)).toHaveCount(0)
  await page.getByRole('button', { name: 'Dismiss' }).click()

  await dropFile(page, file)
  await expect(incidentItems(page)).toHaveCount(1, { timeout: 15_000 })
  await expect(selectedIncident(page)).toContainText('checkout-session.rrweb')
  await expect(page.getByTestId('incident-title')).toHaveText('checkout-session.rrweb')
  const session = page.getByTestId('pane-replay').getByTestId('session-card')
  await expect(session).toHaveCount(1)
  await expect(session.getByTestId('artifact-file')).toHaveText(basename(file))
  expect(await shownCount(session.getByTestId('session-events'))).toBeGreaterThan(0)
})

test('runbook files (markdown) dropped or picked with the evidence become runbooks; two of one title are refused', async ({ page, casefile }) => {
  const runbook = fixture('runbooks/checkout-502.md')
  await openApp(page, casefile.url)
  const incident = (await page.getByTestId('incident-title').textContent())!

  // Alone: the runbook opens.
  await dropFile(page, runbook)
  await expect(page.getByTestId('info-banner')).toHaveText('Imported the runbook “Checkout returns 502”.')
  await expect(page.getByTestId('runbook-title')).toHaveText('Checkout returns 502')

  // Evidence imported from the runbooks screen goes into the incident last shown, which is shown again.
  await page.getByTestId('import-input').setInputFiles(fixture('checkout-session.rrweb.ndjson'))
  await expect(page.getByTestId('incident-title')).toHaveText(incident)
  await expect(page.getByTestId('pane-replay').getByTestId('session-select').locator('option')).toHaveCount(2)

  // With a trace file: both go in (the runbook, the same text again, stays as it was), and the incident stays on screen.
  await page.getByTestId('incident-item').filter({ hasText: incident }).click()
  const cards = page.getByTestId('pane-traces').getByTestId('trace-card')
  const before = await cards.count()
  await page.getByTestId('import-input').setInputFiles([runbook, fixture('checkout.zipkin.json')])
  await expect(cards).toHaveCount(before + 1)
  await expect(page.getByTestId('info-banner')).toHaveText('Imported the runbook “Checkout returns 502”.')
  await expect(page.getByTestId('incident-title')).toHaveText(incident)

  // Two files of one title would be one runbook, the second replacing the first: refused, naming them.
  const copy = test.info().outputPath('checkout-502-copy.md')
  writeFileSync(copy, readFileSync(runbook, 'utf8').replace('fail over', 'switch'))
  await page.getByTestId('import-input').setInputFiles([runbook, copy])
  await expect(page.getByTestId('error-banner')).toContainText('checkout-502-copy.md: has the title “Checkout returns 502”, as checkout-502.md does')

  // A new text of it without a step findings cite: said, not only "imported".
  await addDemoFinding(casefile, { title: 'Acquirer timed out' })
  const { client, close } = await connectApi(casefile)
  const [cited] = await client.call('runbooks.list', {})
  const [finding] = await client.call('findings.list', { incidentId: (await client.call('incidents.list', {}))[0].id })
  await client.call('findings.link', { findingId: finding.id, runbookId: cited.id, stepId: (await client.call('runbooks.get', { id: cited.id })).steps[2].id })
  close()
  const shorter = test.info().outputPath('checkout-502.md')
  writeFileSync(shorter, readFileSync(runbook, 'utf8').replace(/^3\. .*\n/m, '').replace('4. Tell', '3. Tell'))
  await page.getByTestId('import-input').setInputFiles(shorter)
  await expect(page.getByTestId('info-banner')).toHaveText(
    'Imported the runbook “Checkout returns 502”. In “Checkout returns 502”, step 3 (“If the acquirer times out, fail over to the secondary acquirer.”), cited by 1 finding, is gone: it shows “step removed” (Revisions brings the step back).',
  )
})

test('an import run in a terminal shows up in the open window, which stays where it was', async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  const replay = page.getByTestId('pane-replay')
  await expect(replay.getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
  const demo = (await page.getByTestId('incident-title').textContent())!
  // A moment of the replay, which the refresh must not lose.
  await replay.locator('[data-testid="replay-entry"][data-category="info"]').first().click()
  const playhead = await replay.getByTestId('replay-scrubber').getAttribute('aria-valuenow')
  expect(Number(playhead)).toBeGreaterThan(0)
  const cards = page.getByTestId('pane-traces').getByTestId('trace-card')
  const cardsBefore = await cards.count()

  runCli(['import', '--db', casefile.dbPath, '--incident', demo, fixture('checkout.zipkin.json')])
  await expect(cards).toHaveCount(cardsBefore + 1)
  // Named by its file name, not the path it was imported by.
  await expect(cards.getByTestId('artifact-file').filter({ hasText: 'zipkin' })).toHaveText('checkout.zipkin.json')
  await expect(selectedIncident(page)).toContainText(`${cardsBefore + 2} artifacts`)
  await expect(replay.getByTestId('replay-scrubber')).toHaveAttribute('aria-valuenow', playhead!)

  // A new incident joins the list; the one on screen stays open.
  runCli(['import', '--db', casefile.dbPath, '--incident', 'Payments outage', fixture('checkout.zipkin.json')])
  await expect(incidentItem(page, 'Payments outage')).toHaveCount(1)
  await expect(page.getByTestId('incident-title')).toHaveText(demo)
  await expect(replay.getByTestId('replay-scrubber')).toHaveAttribute('aria-valuenow', playhead!)
})

test('an import run in one window shows in another as it runs, and Import there waits for it', async ({ page, casefile, browser }) => {
  const file = test.info().outputPath('big.otlp.json')
  await writeLargeOtlp(file, 60_000)
  const other = await (await browser.newContext()).newPage()
  await openApp(page, casefile.url)
  await openApp(other, casefile.url)
  const cards = other.getByTestId('pane-traces').getByTestId('trace-card')
  await expect(cards).toHaveCount(1)

  await page.getByTestId('import-input').setInputFiles(file)
  const progress = other.getByTestId('import-progress')
  // Once the upload is over and the host reads the file (seconds, on a busy machine).
  await expect(progress).toContainText('Importing big.otlp.json (another window)', { timeout: 30_000 })
  await expect(other.getByTestId('import-button')).toBeDisabled()
  // Over: the bar goes, the file shows.
  await expect(progress).toHaveCount(0, { timeout: 30_000 })
  await expect(cards).toHaveCount(2)
  await expect(other.getByTestId('import-button')).toBeEnabled()
  await other.context().close()
})

test('Cancel stops an import while it uploads or while the host reads it, and nothing of it goes in', async ({ page, casefile }) => {
  const file = test.info().outputPath('big.otlp.json')
  await writeLargeOtlp(file, 25_000)
  await openApp(page, casefile.url)
  const cards = page.getByTestId('pane-traces').getByTestId('trace-card')
  await expect(cards).toHaveCount(1)
  const progress = page.getByTestId('import-progress')
  const notice = page.getByTestId('info-banner')

  for (const phase of ['uploading', 'importing']) {
    await page.getByTestId('import-input').setInputFiles(file)
    await expect(progress).toHaveAttribute('data-phase', phase, { timeout: 30_000 })
    // What was said of the import before (cancelled, the first time round) went as this one started.
    expect(await notice.count(), 'the last notice, while this import runs').toBe(0)
    await progress.getByRole('button', { name: 'Cancel' }).click()
    await expect(notice.locator('.notice-banner-message')).toHaveText('Import cancelled: nothing was imported.')
    await expect(progress).toHaveCount(0)
    await expect(cards).toHaveCount(1)
    await expect(selectedIncident(page)).toContainText('2 artifacts')
  }
  // Import works again after.
  await page.getByTestId('import-input').setInputFiles(fixture('checkout.zipkin.json'))
  await expect(cards).toHaveCount(2, { timeout: 15_000 })
})

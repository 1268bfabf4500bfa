import { readFileSync } from 'node:fs'
import { addDemoFinding, connectApi } from './support/api'
import { openApp } from './support/app'
import { expect, test } from './support/casefile'
import { runCli, startCasefile } from './support/server'

// Exporting the open incident from the UI: a report to share, and a bundle a colleague imports
// into their own workspace to see the same incident.

test('the incident exports as an HTML report and as a bundle that opens in a fresh workspace with its findings', async ({ page, casefile }) => {
  // A finding anchored to the failing span, as an engineer would have added.
  const demoId = await addDemoFinding(casefile, { title: 'Acquirer timeout fails the checkout', notes: 'The charge waits 180 ms and gives up.', tags: ['payments'] })

  await openApp(page, casefile.url)
  // The menu by keyboard: arrows move between its items, Escape closes it onto its button.
  await page.getByTestId('export-button').focus()
  await page.keyboard.press('Enter')
  await page.keyboard.press('ArrowDown')
  await expect(page.getByTestId('export-menu').getByRole('menuitem').first()).toBeFocused()
  await page.keyboard.press('ArrowUp')
  await expect(page.getByTestId('export-menu').getByRole('menuitem').last()).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('export-menu')).toHaveCount(0)
  await expect(page.getByTestId('export-button')).toBeFocused()
  await page.getByTestId('export-button').click()
  const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-html').click()])
  expect(report.suggestedFilename()).toBe('Demo-checkout-fails-with-502.html')
  const html = readFileSync((await report.path())!, 'utf8')
  expect(html).toContain('Acquirer timeout fails the checkout')
  expect(html).toContain('ChargeService.authorize')
  // Read in a narrow window, the report's diagram fits it whole.
  const reader = await page.context().newPage()
  await reader.setViewportSize({ width: 700, height: 800 })
  await reader.setContent(html)
  const diagram = (await reader.locator('figure svg').boundingBox())!
  expect(diagram.x + diagram.width).toBeLessThanOrEqual(700)
  // Its tables fit, and a time in them breaks between its date and its time of day only.
  expect(await reader.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(700)
  const times = reader.locator('td .t')
  expect(await times.count()).toBeGreaterThan(0)
  expect(await times.evaluateAll((spans) => spans.filter((span) => span.getClientRects().length > 1).map((span) => span.textContent))).toEqual([])
  // Read at night, it is dark too, the diagram on its own light ground.
  await reader.emulateMedia({ colorScheme: 'dark' })
  expect(await reader.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(20, 21, 25)')
  expect(await reader.locator('figure').evaluate((figure) => getComputedStyle(figure).backgroundColor)).toBe('rgb(255, 255, 255)')
  await reader.close()

  // Chosen by keyboard, the item goes with the menu and the keyboard goes back to its button.
  await page.getByTestId('export-button').focus()
  await page.keyboard.press('Enter')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('End')
  await expect(page.getByTestId('export-bundle')).toBeFocused()
  const [bundle] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')])
  await expect(page.getByTestId('export-button')).toBeFocused()
  expect(bundle.suggestedFilename()).toBe('Demo-checkout-fails-with-502.casefile')
  const bundlePath = test.info().outputPath('demo.casefile')
  await bundle.saveAs(bundlePath)

  // A colleague's workspace: the bundle dropped in becomes the same incident, findings included.
  const colleague = await startCasefile()
  try {
    const other = await connectApi(colleague)
    const [seeded] = await other.client.call('incidents.list', {})
    await other.client.call('incidents.delete', { id: seeded.id })
    await openApp(page, colleague.url)
    await expect(page.getByTestId('no-incident')).toBeVisible()
    await page.getByTestId('import-input').setInputFiles(bundlePath)
    await expect(page.getByTestId('incident-title')).toHaveText('Demo: checkout fails with 502')
    const [imported] = await other.client.call('incidents.list', {})
    const findings = await other.client.call('findings.list', { incidentId: imported.id })
    expect(findings.map((finding) => [finding.title, finding.anchors.spanId])).toEqual([['Acquirer timeout fails the checkout', '4925562e26609412']])
    await expect(page.getByTestId('error-banner')).toHaveCount(0)
    await expect(page.getByTestId('info-banner')).toHaveText('Imported “Demo: checkout fails with 502” from the bundle: 2 files and 1 finding.')

    // The same bundle again: nothing imported, and the app says so.
    await page.getByTestId('import-input').setInputFiles(bundlePath)
    await expect(page.getByTestId('info-banner')).toContainText('is in this workspace already, and the bundle holds nothing newer')
    expect(await other.client.call('incidents.list', {})).toHaveLength(1)

    // A newer bundle, with a finding added since: that finding comes in, next to the first.
    const source = await connectApi(casefile)
    await source.client.call('findings.create', {
      incidentId: demoId,
      finding: { title: 'Gateway retries the charge', notes: '', severity: 'medium', tags: [], author: 'ana', anchors: { timeMs: null, traceId: null, spanId: null, node: 'api-gateway', edge: null } },
    })
    source.close()
    const newer = test.info().outputPath('newer.casefile')
    runCli(['export', '--db', casefile.dbPath, '--incident', String(demoId), '--out', newer])
    await page.getByTestId('import-input').setInputFiles(newer)
    await expect(page.getByTestId('info-banner')).toContainText('the bundle brought 1 new finding')
    await expect(page.getByTestId('findings-count')).toHaveText('2')
    expect(await other.client.call('incidents.list', {})).toHaveLength(1)
    other.close()
  } finally {
    await colleague.stop()
  }
})

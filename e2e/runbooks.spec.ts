import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { connectApi } from './support/api'
import { openApp } from './support/app'
import { expect, test } from './support/casefile'

// Runbooks: written in markdown beside a live preview, saved as revisions with a diff and
// restore; findings cited under the steps they are evidence for, opening their incident.

const V1 = '# Payments failover\n\nWhen the acquirer times out.\n\n1. Check the acquirer error rate.\n2. Fail over to the secondary acquirer.\n'
const V2 = V1.replace('2. Fail over to the secondary acquirer.', '2. Fail over to the backup acquirer, then page #payments.')

const steps = (page: Page) => page.getByTestId('runbook-preview').getByTestId('runbook-step')

async function openRunbooks(page: Page) {
  await page.getByTestId('open-runbooks').click()
  await expect(page.getByTestId('runbooks-screen')).toBeVisible()
}

test('leaving the page with a runbook edited and not saved asks first, even from an incident opened since', async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  await openRunbooks(page)
  await page.getByTestId('new-runbook').click()
  await page.getByTestId('runbook-source').fill(V1)
  await expect(page.getByTestId('runbook-unsaved')).toBeVisible()
  // The draft is kept while the engineer looks at an incident; a reload there would lose it as surely.
  await page.getByTestId('incident-item').first().click()
  await expect(page.getByTestId('runbooks-screen')).toBeHidden()
  const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => (resolve(dialog.type()), void dialog.dismiss())))
  await page.close({ runBeforeUnload: true })
  expect(await asked).toBe('beforeunload')
})

test('two windows editing one runbook: a save made elsewhere shows up, and is never undone without asking', async ({ page, casefile, browser }) => {
  const api = await connectApi(casefile)
  await api.client.call('runbooks.save', { markdown: '# Inventory reservations fail\n\n1. Check the reservation service.\n' })
  const runbook = await api.client.call('runbooks.save', { markdown: V1 })
  api.close()
  const other = await browser.newPage()
  for (const window of [page, other]) {
    await openApp(window, casefile.url)
    await openRunbooks(window)
    await expect(window.getByTestId('runbook-source')).toHaveValue(V1)
  }
  // This window edits; the other saves its own edit first.
  await page.getByTestId('runbook-source').fill(`${V1}3. Tell support.\n`)
  await other.getByTestId('runbook-source').fill(V2)
  await other.getByTestId('runbook-save').click()
  await expect(other.getByTestId('runbook-unsaved')).toHaveCount(0)
  // Said at once, before this window saves over it.
  await expect(page.getByTestId('runbook-conflict')).toContainText('Saved elsewhere since you started editing')
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('runbook-conflict')).toBeVisible()
  await expect(page.getByTestId('runbook-unsaved')).toBeVisible()
  // Saving anyway replaces it; the other window, untouched since its save, shows that at once.
  await page.getByTestId('runbook-replace-theirs').click()
  await expect(page.getByTestId('runbook-conflict')).toHaveCount(0)
  await expect(page.getByTestId('runbook-unsaved')).toHaveCount(0)
  await expect(other.getByTestId('runbook-source')).toHaveValue(`${V1}3. Tell support.\n`)
  // The other way: the other window's edit is saved, this one drops its own for it.
  await other.getByTestId('runbook-source').fill(V2)
  await page.getByTestId('runbook-source').fill(V1)
  await other.getByTestId('runbook-save').click()
  await page.getByTestId('runbook-take-theirs').click()
  await expect(page.getByTestId('runbook-source')).toHaveValue(V2)
  await expect(page.getByTestId('runbook-unsaved')).toHaveCount(0)

  // A draft kept while this window looks at another runbook still knows which save it came from.
  const item = (window: typeof page, title: string) => window.getByTestId('runbook-item').filter({ hasText: title })
  await page.getByTestId('runbook-source').fill(`${V2}3. Kept aside.\n`)
  await item(page, 'Inventory reservations fail').click()
  await other.getByTestId('runbook-source').fill(V1)
  await other.getByTestId('runbook-save').click()
  await expect(other.getByTestId('runbook-unsaved')).toHaveCount(0)
  await item(page, 'Payments failover').click()
  await expect(page.getByTestId('runbook-source')).toHaveValue(`${V2}3. Kept aside.\n`)
  await expect(page.getByTestId('runbook-conflict')).toBeVisible()
  await page.getByTestId('runbook-take-theirs').click()
  await expect(page.getByTestId('runbook-source')).toHaveValue(V1)

  await other.close()
  const check = await connectApi(casefile)
  expect((await check.client.call('runbooks.get', { id: runbook.id })).markdown).toBe(V1)
  // Every save is there to go back to, the replaced ones too.
  expect(await check.client.call('runbooks.revisions', { id: runbook.id })).toHaveLength(5)
  check.close()
})

test('a runbook is written with a live preview, saved with Ctrl+S as revisions, diffed against an old one and restored', async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  await openRunbooks(page)
  await page.getByTestId('new-runbook').click()
  // The outline's title is selected: typing names the runbook.
  await expect(page.getByTestId('runbook-source')).toBeFocused()
  await expect(page.getByTestId('new-runbook-title')).toHaveText('New runbook')
  await page.keyboard.type('Payments failover')
  await expect(page.getByTestId('runbook-title')).toHaveText('Payments failover')
  // The list's entry for it is named as typed too.
  await expect(page.getByTestId('new-runbook-title')).toHaveText('Payments failover')
  await page.getByTestId('runbook-source').fill(V1)
  await page.getByTestId('runbook-owner').fill('team-payments')
  await page.getByTestId('runbook-tags').fill('payments, checkout')
  await expect(page.getByTestId('runbook-title')).toHaveText('Payments failover')
  await expect(steps(page)).toHaveCount(2)
  // Counted as typed, before any save.
  await expect(page.getByTestId('runbook-step-count')).toHaveText('2 steps')
  await expect(page.getByTestId('runbook-unsaved')).toBeVisible()

  await page.getByTestId('runbook-source').press('Control+s')
  await expect(page.getByTestId('runbook-unsaved')).toHaveCount(0)
  const item = page.getByTestId('runbook-item').filter({ hasText: 'Payments failover' })
  await expect(item).toContainText('team-payments')
  await expect(item).toContainText('2 steps')
  await expect(item).toContainText('#payments')
  // Downloaded as a markdown file named after it, for a runbooks folder kept in git; its owner and
  // tags in front matter, which an import elsewhere reads.
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('runbook-download').click()])
  expect(file.suggestedFilename()).toBe('Payments-failover.md')
  expect(readFileSync(await file.path(), 'utf8')).toBe(`---\nowner: team-payments\ntags: [payments, checkout]\n---\n\n${V1}`)
  // In a narrow window the editor's actions wrap rather than push Save off the edge.
  await page.setViewportSize({ width: 900, height: 860 })
  const saveButton = (await page.getByTestId('runbook-save').boundingBox())!
  expect(saveButton.x + saveButton.width).toBeLessThanOrEqual(900)
  await page.setViewportSize({ width: 1440, height: 900 })
  const [failoverId] = await steps(page).nth(1).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-step-id')))
  expect(failoverId).toMatch(/^step-/)
  await page.getByTestId('runbook-revisions-toggle').click()
  await expect(page.getByTestId('runbook-revision')).toHaveCount(1)
  await page.getByTestId('runbook-revisions-toggle').click()

  // Rewording step 2 keeps its id, so what cites it still does.
  await page.getByTestId('runbook-source').fill(V2)
  await expect(page.getByTestId('runbook-unsaved')).toBeVisible()
  await expect(steps(page).nth(1)).toHaveAttribute('data-step-id', failoverId!)
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('runbook-unsaved')).toHaveCount(0)

  await page.getByTestId('runbook-revisions-toggle').click()
  await expect(page.getByTestId('runbook-revision')).toHaveCount(2)
  await page.getByTestId('runbook-revision').nth(1).click()
  const diff = page.getByTestId('runbook-diff')
  await expect(diff.getByTestId('diff-removed')).toHaveText(['2. Fail over to the secondary acquirer.'].map((line) => new RegExp(escape(line))))
  await expect(diff.getByTestId('diff-added')).toHaveText([new RegExp(escape('2. Fail over to the backup acquirer, then page #payments.'))])

  await page.getByTestId('runbook-restore').click()
  await expect(page.getByTestId('runbook-source')).toHaveValue(V1)
  await expect(page.getByTestId('runbook-revision')).toHaveCount(3)
  await expect(page.getByTestId('runbook-unsaved')).toHaveCount(0)
})

test('a finding linked to a step shows under it and opens its incident at its span', async ({ page, casefile }) => {
  const { client, close } = await connectApi(casefile)
  const [demo] = await client.call('incidents.list', {})
  const [failing] = await client.call('traces.list', { incidentId: demo.id })
  const runbook = await client.call('runbooks.save', { markdown: V1, owner: 'team-payments' })
  const finding = await client.call('findings.create', {
    incidentId: demo.id,
    finding: {
      title: 'Acquirer timeout fails the checkout',
      notes: '',
      severity: 'high',
      tags: ['payments'],
      author: 'ana',
      anchors: { timeMs: null, traceId: failing.traceId, spanId: '4925562e26609412', node: null, edge: null },
    },
  })
  await client.call('findings.link', { findingId: finding.id, runbookId: runbook.id, stepId: runbook.steps[0].id })
  close()

  await openApp(page, casefile.url)
  await openRunbooks(page)
  await page.getByTestId('runbook-item').filter({ hasText: 'Payments failover' }).click()
  const [check, failover] = [steps(page).nth(0), steps(page).nth(1)]
  await expect(check).toHaveAttribute('data-step-id', runbook.steps[0].id)
  await expect(check.getByTestId('runbook-backlink')).toHaveText([/Acquirer timeout fails the checkout.*Demo: checkout fails with 502/])
  await expect(failover.getByTestId('runbook-backlink')).toHaveCount(0)

  // Deleting the cited step is said before the save; undoing the edit takes the warning back.
  const dropped = page.getByTestId('runbook-dropped-citations')
  await page.getByTestId('runbook-source').fill(V1.replace(/^1\. .*\n/m, '').replace('2. Fail', '1. Fail'))
  await expect(dropped).toHaveText('Saving removes step 1 (“Check the acquirer error rate.”), cited by 1 finding: it will show “step removed”.')
  await page.getByTestId('runbook-source').fill(V1)
  await expect(dropped).toHaveCount(0)

  await check.getByTestId('runbook-backlink').click()
  await expect(page.getByTestId('incident-view')).toHaveAttribute('data-incident-id', String(demo.id))
  await expect(page.getByTestId('trace-title')).toHaveText('POST /api/checkout')
  await expect(page.getByTestId('span-details')).toHaveAttribute('data-span-id', '4925562e26609412')

  // Deleting it says which step loses its evidence (Undo brings both back).
  await page.getByTestId('findings-toggle').click()
  await page.getByTestId('finding-item').filter({ hasText: 'Acquirer timeout fails the checkout' }).getByTestId('finding-delete').click()
  await expect(page.getByTestId('finding-undo-citations')).toHaveText('No longer evidence for step 1 of “Payments failover”')
})

test('a cited finding on a service opens its incident with the service picked, as the findings list opens it', async ({ page, casefile }) => {
  const { client, close } = await connectApi(casefile)
  const [demo] = await client.call('incidents.list', {})
  const runbook = await client.call('runbooks.save', { markdown: V1 })
  const anchors = { timeMs: null, traceId: null, spanId: null, node: 'payment-service', edge: null }
  const finding = await client.call('findings.create', { incidentId: demo.id, finding: { title: 'Payments has all the errors', notes: '', severity: 'high', tags: [], author: 'ana', anchors } })
  await client.call('findings.link', { findingId: finding.id, runbookId: runbook.id, stepId: runbook.steps[1].id })
  close()

  await openApp(page, casefile.url)
  await openRunbooks(page)
  await page.getByTestId('runbook-item').filter({ hasText: 'Payments failover' }).click()
  await steps(page).nth(1).getByTestId('runbook-backlink').click()
  await expect(page.getByTestId('incident-view')).toHaveAttribute('data-incident-id', String(demo.id))
  await expect(page.getByTestId('pane-traces').getByTestId('trace-service-filter')).toContainText('payment-service')
  await expect(page.getByTestId('pane-traces').getByTestId('trace-row')).toHaveCount(1)
})

test('from the findings list, a finding is linked to a step of a runbook, or starts a new runbook', async ({ page, casefile }) => {
  const { client, close } = await connectApi(casefile)
  const [demo] = await client.call('incidents.list', {})
  await client.call('runbooks.save', { markdown: V1 })
  const evidence = (title: string, timeMs: number) => ({
    title,
    notes: 'Seen in the replay.',
    severity: 'medium' as const,
    tags: ['payments'],
    author: 'ana',
    anchors: { timeMs, traceId: null, spanId: null, node: null, edge: null },
  })
  await client.call('findings.create', { incidentId: demo.id, finding: evidence('Acquirer errors climb', 1) })
  await client.call('findings.create', { incidentId: demo.id, finding: evidence('Retries pile up on the gateway', 2) })
  close()

  await openApp(page, casefile.url)
  await page.getByTestId('findings-toggle').click()
  const item = (title: string) => page.getByTestId('findings-drawer').getByTestId('finding-item').filter({ hasText: title })
  const dialog = page.getByTestId('link-runbook-dialog')

  await item('Acquirer errors climb').hover()
  await item('Acquirer errors climb').getByTestId('finding-link-runbook').click()
  // A modal: Tab goes round its controls, never to the page behind; Escape gives focus back.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab')
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true)
  }
  // The app's shortcuts wait meanwhile: F does not open a finding form behind it.
  await page.keyboard.press('f')
  await expect(page.getByTestId('finding-form')).toHaveCount(0)
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await expect(item('Acquirer errors climb').getByTestId('finding-link-runbook')).toBeFocused()
  await item('Acquirer errors climb').getByTestId('finding-link-runbook').click()
  await dialog.getByTestId('link-runbook-choice').filter({ hasText: 'Payments failover' }).click()
  await dialog.getByTestId('link-runbook-step').filter({ hasText: 'Check the acquirer error rate.' }).click()
  // One full stop, though the step's title brings its own.
  await expect(dialog.getByTestId('link-runbook-done').locator('p')).toHaveText('Evidence for step 1 of “Payments failover”: Check the acquirer error rate.')
  await dialog.getByTestId('link-runbook-open').click()
  await expect(page.getByTestId('runbook-title')).toHaveText('Payments failover')
  await expect(steps(page).nth(0).getByTestId('runbook-backlink')).toHaveText([/Acquirer errors climb/])
  // At the step just cited, which takes the keyboard.
  await expect(steps(page).nth(0)).toBeFocused()

  // Back in the incident, its drawer still open (it stays so from one incident or screen to the next).
  await page.getByTestId('incident-item').first().click()
  await item('Retries pile up on the gateway').hover()
  await item('Retries pile up on the gateway').getByTestId('finding-link-runbook').click()
  await dialog.getByTestId('link-runbook-new-runbook').click()
  // Linked, the keys stay in the dialog: its next step has the focus, and Escape closes it.
  await expect(dialog.getByTestId('link-runbook-open')).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await item('Retries pile up on the gateway').getByTestId('finding-step').click()
  await expect(page.getByTestId('runbook-title')).toHaveText('Retries pile up on the gateway')
  await expect(steps(page)).toHaveCount(1)
  await expect(steps(page).nth(0)).toBeFocused()
  await expect(steps(page).nth(0).getByTestId('runbook-backlink')).toHaveText([/Retries pile up on the gateway/])

  // A citation made by mistake is taken back from the list: the step no longer shows the finding.
  await page.getByTestId('incident-item').first().click()
  const cited = item('Acquirer errors climb')
  await expect(cited.getByTestId('finding-step')).toHaveText(['Payments failover · step 1'])
  await cited.hover()
  await cited.getByTestId('finding-step-remove').click()
  await expect(cited.getByTestId('finding-step')).toHaveCount(0)
  await expect(cited.getByTestId('finding-open')).toBeFocused()
  await cited.getByTestId('finding-link-runbook').click()
  await dialog.getByTestId('link-runbook-choice').filter({ hasText: 'Payments failover' }).click()
  await expect(dialog.getByTestId('link-runbook-step').filter({ hasText: 'Check the acquirer error rate.' })).toBeEnabled()
})

test('an embedded diagram is drawn in the preview and opens in the diagram pane', async ({ page, casefile }) => {
  const { client, close } = await connectApi(casefile)
  const diagram = await client.call('diagrams.save', {
    title: 'Payments boundary',
    content: { nodes: [{ id: 'pay', kind: 'service', label: 'payment-service', x: 0, y: 0, width: 160, height: 60, parentId: null, service: 'payment-service', shape: 'service' }], edges: [] },
  })
  await client.call('runbooks.save', { markdown: `${V1}\n![Where payments run](casefile:diagram/${diagram.id})\n` })
  close()

  await openApp(page, casefile.url)
  await openRunbooks(page)
  const figure = page.getByTestId('runbook-preview').locator(`[data-diagram-id="${diagram.id}"]`)
  await expect(figure.locator('img')).toHaveAttribute('src', /^data:image\/svg\+xml/)
  await expect(figure).toContainText('Where payments run')
  await figure.click()
  await expect(page.getByTestId('diagram-title')).toHaveValue('Payments boundary')
})

test('hostile markdown does not run: raw HTML shows as text, script links are not links, remote images are not loaded', async ({ page, casefile }) => {
  const hostile = [
    '# Hostile',
    '',
    '1. <img src=x onerror="window.__runbookPwned = 1">Check.',
    '2. <script>window.__runbookPwned = 2</script>Fail over.',
    '',
    '[click](javascript:window.__runbookPwned=3) <a href="javascript:window.__runbookPwned=4">raw</a>',
    '',
    '<svg><script>window.__runbookPwned = 5</script></svg> <iframe src="javascript:parent.__runbookPwned=6"></iframe>',
    '',
    '![tracker](https://tracker.invalid/pixel.png)',
  ].join('\n')
  const requests: string[] = []
  page.on('request', (request) => requests.push(request.url()))
  await openApp(page, casefile.url)
  await openRunbooks(page)
  await page.getByTestId('new-runbook').click()
  await page.getByTestId('runbook-source').fill(hostile)
  const preview = page.getByTestId('runbook-preview')
  await expect(steps(page)).toHaveCount(2)
  await expect(preview).toContainText('<script>window.__runbookPwned = 2</script>Fail over.')
  await expect(preview.locator('script, iframe, svg, [onerror]')).toHaveCount(0)
  await expect(preview.locator('a')).toHaveCount(0)
  await expect(preview.locator('.rb-blocked-image')).toHaveText(['tracker'])
  await preview.getByText('[click]').click()
  expect(await page.evaluate(() => (window as { __runbookPwned?: number }).__runbookPwned)).toBeUndefined()
  expect(requests.filter((url) => url.includes('tracker.invalid'))).toEqual([])
})

test('a long unbroken token wraps in the preview; a long line of code scrolls in its own box', async ({ page, casefile }) => {
  const token = `https://grafana.internal/d/checkout?var-trace=${'4925562e26609412'.repeat(12)}`
  await openApp(page, casefile.url)
  await openRunbooks(page)
  await page.getByTestId('new-runbook').click()
  await page.getByTestId('runbook-source').fill(['# Long tokens', '', `1. Open ${token} and compare.`, '', '```', `curl -s ${token}`, '```'].join('\n'))
  const preview = page.getByTestId('runbook-preview')
  await expect(preview).toContainText('and compare.')
  const fits = (locator: typeof preview) => locator.evaluate((element) => element.scrollWidth <= element.clientWidth)
  expect(await fits(preview)).toBe(true)
  expect(await fits(preview.locator('pre'))).toBe(false)
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\#]/g, '\\$&')
}

test('a runbook is deleted after saying which findings lose their citation; a diagram likewise from the list', async ({ page, casefile }) => {
  const { client, close } = await connectApi(casefile)
  const [demo] = await client.call('incidents.list', {})
  const runbook = await client.call('runbooks.save', { markdown: V1 })
  const anchors = { timeMs: 1, traceId: null, spanId: null, node: null, edge: null }
  const finding = await client.call('findings.create', { incidentId: demo.id, finding: { title: 'Acquirer errors climb', notes: '', severity: 'high', tags: [], author: 'ana', anchors } })
  await client.call('findings.link', { findingId: finding.id, runbookId: runbook.id, stepId: runbook.steps[0].id })
  const diagram = await client.call('diagrams.save', { title: 'Payments boundary', content: { nodes: [], edges: [] } })
  // Embedded in a finding's notes (diagram 1 is not diagram 10: only the exact embed counts).
  const embed = `![boundary](casefile:diagram/${diagram.id})`
  await client.call('findings.create', { incidentId: demo.id, finding: { title: 'Where payments run', notes: `${embed}\n`, severity: 'info', tags: [], author: 'ana', anchors } })
  await client.call('findings.create', { incidentId: demo.id, finding: { title: 'Another drawing', notes: `![x](casefile:diagram/${diagram.id}0)`, severity: 'info', tags: [], author: 'ana', anchors } })

  await openApp(page, casefile.url)
  await openRunbooks(page)
  await page.getByTestId('runbook-delete').click()
  await expect(page.getByTestId('runbook-delete-confirm')).toContainText('1 finding citing its steps will lose the citation')
  await page.getByTestId('runbook-delete-yes').click()
  await expect(page.getByTestId('runbook-editor')).toHaveCount(0)
  expect(await client.call('runbooks.list', {})).toEqual([])
  expect((await client.call('findings.get', { id: finding.id })).links).toEqual([])

  await page.getByTestId('incident-item').first().click()
  const pane = page.getByTestId('pane-diagram')
  await pane.getByTestId('diagram-mode-authored').click()
  await pane.getByTestId('diagram-item').hover()
  await pane.getByTestId('diagram-delete').click()
  await expect(pane.getByTestId('diagram-delete-confirm')).toContainText('Delete “Payments boundary” and its revisions? The finding “Where payments run” embeds it, and will show it as missing.')
  await pane.getByTestId('diagram-delete-yes').click()
  await expect(pane.getByTestId('diagram-item')).toHaveCount(0)
  expect(await client.call('diagrams.list', {})).toEqual([])
  close()
})

test('Runbooks in the sidebar comes back to the runbook last shown; after it is deleted, to the first', async ({ page, casefile }) => {
  const { client, close } = await connectApi(casefile)
  await client.call('runbooks.save', { markdown: V1 })
  await client.call('runbooks.save', { markdown: '# Cart slow\n\n1. Check the cache hit rate.\n' })
  close()
  await openApp(page, casefile.url)
  await openRunbooks(page)
  await page.getByTestId('runbook-item').filter({ hasText: 'Payments failover' }).getByRole('button').first().click()
  await expect(page.getByTestId('runbook-title')).toHaveText('Payments failover')
  await page.getByTestId('incident-item').first().click()
  await openRunbooks(page)
  await expect(page.getByTestId('runbook-title')).toHaveText('Payments failover')

  await page.getByTestId('runbook-delete').click()
  await page.getByTestId('runbook-delete-yes').click()
  await expect(page.getByTestId('runbook-title')).toHaveText('Cart slow')
  await page.getByTestId('incident-item').first().click()
  await openRunbooks(page)
  await expect(page.getByTestId('runbook-title')).toHaveText('Cart slow')
})

test('past a few runbooks, the list filters by title, owner and #tag; Esc clears the filter', async ({ page, casefile }) => {
  const { client, close } = await connectApi(casefile)
  await client.call('runbooks.save', { markdown: V1, owner: 'team-payments', tags: ['p1'] })
  for (const title of ['Cart slow', 'Search is down', 'Login loops', 'Queue backlog', 'Disk full on the primary']) {
    await client.call('runbooks.save', { markdown: `# ${title}\n\n1. Look at the dashboard.\n`, owner: 'team-platform' })
  }
  close()
  await openApp(page, casefile.url)
  await openRunbooks(page)
  const titles = page.getByTestId('runbook-item-title')
  await expect(titles).toHaveCount(6)
  const filter = page.getByTestId('runbook-filter')
  await filter.fill('PAYMENTS')
  await expect(titles).toHaveText(['Payments failover'])
  await filter.fill('#p1')
  await expect(titles).toHaveText(['Payments failover'])
  await filter.fill('platform disk')
  await expect(titles).toHaveText(['Disk full on the primary'])
  await filter.fill('nothing like it')
  await expect(titles).toHaveCount(0)
  await expect(page.getByTestId('runbook-filter-empty')).toContainText('No runbook matches.')
  await filter.press('Escape')
  await expect(filter).toHaveValue('')
  await expect(titles).toHaveCount(6)
})

import type { Locator, Page } from '@playwright/test'
import { connectApi } from './support/api'
import { holdsBackUnload, openApp, pixelAt, rgbOf } from './support/app'
import { expect, test } from './support/casefile'

// Findings on the demo incident: F writes down what is on screen (the replay's moment, the selected
// span, the picked service or call), the finding shows in the list, on the replay's scrubber and on
// its span, and a click on it brings that view back, zoomed in on its span; notes read as markdown;
// edit, delete with undo, filters.

const FAILING_SPAN = '4925562e26609412'

const replay = (page: Page) => page.getByTestId('pane-replay')
const traces = (page: Page) => page.getByTestId('pane-traces')
const form = (page: Page) => page.getByTestId('finding-form')
const drawer = (page: Page) => page.getByTestId('findings-drawer')
const items = (page: Page) => drawer(page).getByTestId('finding-item')
const item = (page: Page, title: string) => items(page).filter({ has: page.getByTestId('finding-title-text').getByText(title, { exact: true }) })
const elapsed = async (page: Page) => Number(await replay(page).getByTestId('replay-scrubber').getAttribute('aria-valuenow'))
const chipKinds = async (chips: Locator) => chips.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-kind')))
/** The waterfall's time window, in ns. */
const windowWidth = async (waterfall: Locator) => {
  const [start, end] = (await waterfall.getAttribute('data-window'))!.split(',').map(Number)
  return end - start
}
const barWidth = async (row: Locator) => (await row.getByTestId('span-bar').boundingBox())!.width

/** Room for the diagram: the replay pane gives some up. */
async function widenDiagram(page: Page) {
  await page.getByTestId('separator-replay-traces').focus()
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft')
}

async function openDemo(page: Page, url: string) {
  await openApp(page, url)
  await expect(replay(page).getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
  await expect(traces(page).getByTestId('trace-row')).toHaveCount(2)
}

async function openTrace(page: Page, name: string) {
  await traces(page).getByTestId('trace-row').filter({ hasText: name }).click()
  await expect(traces(page).getByTestId('trace-title')).toHaveText(name)
}

test('F writes down the moment and the span; the finding is listed, marked in the replay and on the span, and brings that view back', async ({ page, casefile }) => {
  await openDemo(page, casefile.url)
  await openTrace(page, 'POST /api/checkout')
  const failing = traces(page).locator(`[data-testid="span-row"][data-span-id="${FAILING_SPAN}"]`)
  await failing.click()
  await expect(traces(page).getByTestId('span-details')).toHaveAttribute('data-span-id', FAILING_SPAN)
  // Picking the span moved the replay to its start.
  await expect.poll(() => elapsed(page)).toBeGreaterThan(17_000)
  const atSpan = await elapsed(page)

  await page.keyboard.press('f')
  await expect(form(page)).toBeVisible()
  const chips = form(page).getByTestId('anchor-chip')
  expect(await chipKinds(chips)).toEqual(['time', 'span'])
  await expect(chips.nth(0)).toHaveText(/\d{2}:\d{2}:\d{2}\.\d{3}/)
  await expect(chips.nth(1)).toContainText(FAILING_SPAN.slice(0, 8))
  // The title field has the keyboard: typing an f there is just text.
  await page.keyboard.type('Acquirer timed out, checkout failed')
  await expect(form(page).getByTestId('finding-title')).toHaveValue('Acquirer timed out, checkout failed')
  await form(page).getByTestId('finding-severity-high').click()
  await form(page).getByTestId('finding-notes').fill('The **payments** acquirer answered after 3 s;\nthe gateway gave up at 2 s.')
  await form(page).getByTestId('finding-tags').fill('payments, timeout')
  await form(page).getByTestId('finding-author').fill('Dana')
  await form(page).getByTestId('finding-author').press('Enter')
  await expect(form(page)).toHaveCount(0)
  await expect(page.getByTestId('findings-count')).toHaveText('1')

  // On the scrubber, with its title on hover; on its span's row.
  const flag = replay(page).getByTestId('scrubber-finding')
  await expect(flag).toHaveCount(1)
  await flag.hover()
  await expect(replay(page).getByTestId('scrubber-finding-tip')).toContainText('Acquirer timed out, checkout failed')
  await expect(failing.getByTestId('span-finding-mark')).toBeVisible()
  await expect(traces(page).getByTestId('span-finding-mark')).toHaveCount(1)

  // In the list, with everything it says.
  await page.getByTestId('findings-toggle').click()
  await expect(items(page)).toHaveCount(1)
  const written = items(page).first()
  await expect(written.getByTestId('finding-title-text')).toHaveText('Acquirer timed out, checkout failed')
  await expect(written.getByTestId('finding-severity')).toHaveText('High')
  await expect(written.getByTestId('finding-tag')).toHaveText(['#payments', '#timeout'])
  await expect(written).toContainText('Dana')
  await expect(written.getByTestId('finding-time')).toHaveText(/^\d{2}:\d{2}:\d{2}\.\d{3}$/)
  expect(await chipKinds(written.getByTestId('anchor-chip'))).toEqual(['span'])
  // The notes as markdown.
  await expect(written.getByTestId('finding-notes-text').locator('strong')).toHaveText('payments')

  // Elsewhere: the healthy cart trace, earlier in the visit.
  await traces(page).getByTestId('trace-back').click()
  await openTrace(page, 'GET /api/cart')
  await expect.poll(() => elapsed(page)).toBeLessThan(atSpan - 5_000)

  // A click on the finding: the failing trace, its span selected, the replay at its moment.
  await written.getByTestId('finding-open').click()
  await expect(traces(page).getByTestId('trace-title')).toHaveText('POST /api/checkout')
  await expect(traces(page).getByTestId('span-details')).toHaveAttribute('data-span-id', FAILING_SPAN)
  await expect.poll(async () => Math.abs((await elapsed(page)) - atSpan)).toBeLessThan(250)
  await expect(written).toHaveAttribute('data-active', 'true')
  // The waterfall zoomed in on the span: its row and bar in view, the window narrower than the
  // trace, the bar wider than at full view.
  const waterfall = traces(page).getByTestId('waterfall')
  await expect(waterfall).toHaveAttribute('data-zoomed', '')
  await expect(failing).toBeInViewport()
  await expect(failing.getByTestId('span-bar')).not.toHaveAttribute('data-off', /./)
  const zoomed = { window: await windowWidth(waterfall), bar: await barWidth(failing) }
  await traces(page).getByTestId('zoom-reset').click()
  await expect(waterfall).not.toHaveAttribute('data-zoomed', '')
  expect(zoomed.window).toBeLessThan((await windowWidth(waterfall)) * 0.8)
  expect(zoomed.bar).toBeGreaterThan((await barWidth(failing)) * 1.2)

  // Away again (Alt+← walks back): the list no longer marks the finding as what is shown. Then the
  // scrubber's flag does the same.
  await page.keyboard.press('Alt+ArrowLeft')
  await expect(traces(page).getByTestId('trace-title')).toHaveText('GET /api/cart')
  await expect(written).not.toHaveAttribute('data-active')
  await expect.poll(() => elapsed(page)).toBeLessThan(atSpan - 5_000)
  await flag.click()
  await expect(traces(page).getByTestId('span-details')).toHaveAttribute('data-span-id', FAILING_SPAN)
  await expect.poll(async () => Math.abs((await elapsed(page)) - atSpan)).toBeLessThan(250)
})

test("a finding's flag at a marker's moment leaves the marker to hover and click", async ({ page, casefile }) => {
  await openDemo(page, casefile.url)
  const error = replay(page).locator('[data-testid="scrubber-marker"][data-kind="error"]')
  await error.click()
  await page.keyboard.press('f')
  await form(page).getByTestId('finding-title').fill('Checkout failed for the user')
  await form(page).getByTestId('finding-title').press('Enter')
  await expect(form(page)).toHaveCount(0)
  const flag = replay(page).getByTestId('scrubber-finding')
  await expect(flag).toHaveCount(1)
  // The flag's pole passes behind the error's mark, which stays in sight.
  await page.mouse.move(0, 0)
  const mark = (await error.boundingBox())!
  const danger = rgbOf(await error.evaluate((element) => getComputedStyle(element, '::before').backgroundColor))
  const shown = await pixelAt(page, mark.x + mark.width / 2, mark.y + mark.height / 2)
  expect(Math.max(...shown.map((channel, index) => Math.abs(channel - danger[index]))), `${shown} is the error's ${danger}`).toBeLessThan(40)

  await error.hover()
  await expect(replay(page).getByTestId('scrubber-tooltip')).toContainText('Checkout failed: 502 Bad Gateway')
  await expect(replay(page).getByTestId('scrubber-finding-tip')).toHaveCount(0)
  await flag.hover()
  await expect(replay(page).getByTestId('scrubber-finding-tip')).toContainText('Checkout failed for the user')
})

test('findings are listed by their moment, filtered by tag and severity, edited, deleted and brought back', async ({ page, casefile }) => {
  await openDemo(page, casefile.url)

  // The cart loading, 7 s in: opened, then back to the list, so only the moment is on screen.
  await openTrace(page, 'GET /api/cart')
  await expect.poll(() => elapsed(page)).toBeGreaterThan(6_500)
  await traces(page).getByTestId('trace-back').click()
  await page.getByTestId('add-finding').click()
  expect(await chipKinds(form(page).getByTestId('anchor-chip'))).toEqual(['time'])
  await form(page).getByTestId('finding-title').fill('Cart slow to load')
  await form(page).getByTestId('finding-severity-low').click()
  await form(page).getByTestId('finding-tags').fill('cart, frontend')
  await form(page).getByTestId('finding-author').fill('Dana')
  await form(page).getByTestId('finding-title').press('Enter')
  await expect(page.getByTestId('findings-count')).toHaveText('1')

  // The start of the visit, written second.
  const scrubber = replay(page).getByTestId('replay-scrubber')
  await scrubber.click({ position: { x: 12, y: 18 } })
  await expect.poll(() => elapsed(page)).toBeLessThan(1_000)
  await page.keyboard.press('f')
  // The author was remembered.
  await expect(form(page).getByTestId('finding-author')).toHaveValue('Dana')
  await form(page).getByTestId('finding-title').fill('Landing page shows stale prices')
  await form(page).getByTestId('finding-severity-info').click()
  await form(page).getByTestId('finding-tags').fill('frontend')
  await form(page).getByTestId('finding-title').press('Enter')
  await expect(page.getByTestId('findings-count')).toHaveText('2')

  // Nothing to save without a title and an anchor; the form says so, and Esc leaves it.
  await page.keyboard.press('f')
  const moment = await form(page).getByTestId('anchor-chip').textContent()
  await form(page).getByTestId('anchor-chip-remove').click()
  await expect(form(page).getByTestId('anchor-chip')).toHaveCount(0)
  // The last chip gone, typing goes on in the title (not to the replay's keys).
  await expect(form(page).getByTestId('finding-title')).toBeFocused()
  await form(page).getByTestId('finding-title').press('Enter')
  await expect(form(page).getByTestId('finding-title-error')).toHaveText('A finding needs a title.')
  await expect(form(page).getByTestId('finding-anchors-error')).toContainText('Anchor it to something')
  // What is on screen comes back in one click, a new moment with it: the replay moved meanwhile.
  const before = await elapsed(page)
  await replay(page).getByTestId('replay-entry').last().click()
  await expect.poll(() => elapsed(page)).not.toBe(before)
  await form(page).getByTestId('finding-anchors-retake').click()
  expect(await chipKinds(form(page).getByTestId('anchor-chip'))).toEqual(['time'])
  await expect(form(page).getByTestId('anchor-chip')).not.toHaveText(moment!)
  await form(page).getByTestId('finding-title').press('Escape')
  await expect(form(page)).toHaveCount(0)
  await expect(page.getByTestId('findings-count')).toHaveText('2')

  // A stray Esc does not throw typing away: the first asks, the second discards.
  await page.keyboard.press('f')
  await form(page).getByTestId('finding-title').fill('Half-written')
  await page.keyboard.press('Escape')
  await expect(form(page).getByTestId('finding-discard')).toBeVisible()
  await expect(form(page).getByTestId('finding-title')).toHaveValue('Half-written')
  await form(page).getByTestId('finding-keep-editing').click()
  await expect(form(page).getByTestId('finding-discard')).toHaveCount(0)
  await expect(form(page).getByTestId('finding-title')).toBeFocused()
  // Add finding again does not replace it either: the form asks.
  await page.getByTestId('add-finding').click()
  await expect(form(page).getByTestId('finding-discard')).toBeVisible()
  await expect(form(page).getByTestId('finding-title')).toHaveValue('Half-written')
  await form(page).getByTestId('finding-keep-editing').click()
  // Nor does F with the keyboard elsewhere (the replay's list): it asks, and the keys go back to the form.
  await replay(page).getByTestId('replay-entry').first().focus()
  await page.keyboard.press('f')
  await expect(form(page).getByTestId('finding-discard')).toBeVisible()
  await expect(form(page).getByTestId('finding-title')).toBeFocused()
  await expect(form(page).getByTestId('finding-title')).toHaveValue('Half-written')
  await page.keyboard.press('Escape')
  await expect(form(page)).toHaveCount(0)
  await expect(page.getByTestId('findings-count')).toHaveText('2')

  // In the order of the visit; opened, the drawer takes the keyboard.
  await page.getByTestId('findings-toggle').click()
  await expect(items(page).getByTestId('finding-title-text')).toHaveText(['Landing page shows stale prices', 'Cart slow to load'])
  await expect(items(page).first().getByTestId('finding-open')).toBeFocused()
  // Titles have the row's width beside the time column (edit and delete show on the line below).
  const row = (await items(page).first().boundingBox())!
  const titleLine = (await items(page).first().locator('.finding-title-line').boundingBox())!
  expect(row.x + row.width - (titleLine.x + titleLine.width)).toBeLessThan(20)
  // Shown, the actions sit beside the author's name, not over it.
  await items(page).first().hover()
  const author = (await items(page).first().locator('.finding-author').boundingBox())!
  const actions = (await items(page).first().locator('.finding-actions').boundingBox())!
  expect(author.x + author.width <= actions.x || author.y + author.height <= actions.y).toBe(true)

  // Filters: by tag, by severity, cleared.
  await drawer(page).locator('[data-testid="finding-filter-tag"][data-tag="cart"]').click()
  await expect(items(page).getByTestId('finding-title-text')).toHaveText(['Cart slow to load'])
  await drawer(page).getByTestId('finding-filter-clear').click()
  await expect(items(page)).toHaveCount(2)
  await drawer(page).getByTestId('finding-filter-severity-info').click()
  await expect(items(page).getByTestId('finding-title-text')).toHaveText(['Landing page shows stale prices'])
  await drawer(page).getByTestId('finding-filter-severity-info').click()
  await drawer(page).locator('[data-testid="finding-filter-tag"][data-tag="frontend"]').click()
  await expect(items(page)).toHaveCount(2)
  await drawer(page).getByTestId('finding-filter-clear').click()

  // Edit: the same form, filled in; Ctrl+Enter saves from the notes.
  await item(page, 'Cart slow to load').hover()
  await item(page, 'Cart slow to load').getByTestId('finding-edit').click()
  await expect(form(page)).toHaveAttribute('data-mode', 'edit')
  await expect(form(page).getByTestId('finding-title')).toHaveValue('Cart slow to load')
  await expect(form(page).getByTestId('finding-tags')).toHaveValue('cart, frontend')
  // Editing a teammate's finding keeps their name on it, and does not make it yours.
  await form(page).getByTestId('finding-author').fill('Priya')
  await form(page).getByTestId('finding-title').fill('Cart takes 1.2 s to load')
  await form(page).getByTestId('finding-notes').fill('GET /api/cart waits on the inventory service.')
  await form(page).getByTestId('finding-notes').press('Control+Enter')
  await expect(form(page)).toHaveCount(0)
  const edited = item(page, 'Cart takes 1.2 s to load')
  await expect(edited).toContainText('GET /api/cart waits on the inventory service.')
  await expect(edited.getByTestId('finding-severity')).toHaveText('Low')
  await expect(edited).toContainText('Priya')
  await page.getByTestId('add-finding').click()
  await expect(form(page).getByTestId('finding-author')).toHaveValue('Dana')
  await page.keyboard.press('Escape')
  await expect(form(page)).toHaveCount(0)

  // Delete, then Undo.
  await edited.hover()
  await edited.getByTestId('finding-delete').click()
  await expect(items(page)).toHaveCount(1)
  // The keyboard goes on to the finding before it (it was the last).
  await expect(items(page).first().getByTestId('finding-open')).toBeFocused()
  await expect(page.getByTestId('findings-count')).toHaveText('1')
  await expect(page.getByTestId('finding-undo-toast')).toContainText('Cart takes 1.2 s to load')
  await expect(page.getByTestId('finding-undo')).toHaveText('Undo Ctrl+Z')
  await page.getByTestId('finding-undo').click()
  await expect(page.getByTestId('finding-undo-toast')).toHaveCount(0)
  // The keyboard goes on at the finding brought back.
  await expect(item(page, 'Cart takes 1.2 s to load').getByTestId('finding-open')).toBeFocused()
  await expect(items(page).getByTestId('finding-title-text')).toHaveText(['Landing page shows stale prices', 'Cart takes 1.2 s to load'])
  await expect(page.getByTestId('findings-count')).toHaveText('2')
  // Again, undone with Ctrl+Z.
  await item(page, 'Cart takes 1.2 s to load').hover()
  await item(page, 'Cart takes 1.2 s to load').getByTestId('finding-delete').click()
  await expect(page.getByTestId('findings-count')).toHaveText('1')
  await page.keyboard.press('Control+z')
  await expect(page.getByTestId('findings-count')).toHaveText('2')
  await expect(page.getByTestId('finding-undo-toast')).toHaveCount(0)
  // Escape hides the drawer, the keyboard back on its toggle.
  await items(page).first().getByTestId('finding-open').focus()
  await page.keyboard.press('Escape')
  await expect(drawer(page)).toHaveCount(0)
  await expect(page.getByTestId('findings-toggle')).toBeFocused()

  // Still there, and the author still remembered, after a reload.
  await page.reload()
  await expect(page.getByTestId('findings-count')).toHaveText('2')
  await expect(replay(page).getByTestId('scrubber-finding')).toHaveCount(2)
  // Each flag in its severity's colour (low and info here), as the drawer's badges are.
  const flagColors = await replay(page)
    .getByTestId('scrubber-finding')
    .evaluateAll((flags) => flags.map((flag) => [flag.getAttribute('data-severity'), getComputedStyle(flag, '::after').backgroundColor]))
  expect(flagColors.map(([severity]) => severity).sort()).toEqual(['info', 'low'])
  expect(new Set(flagColors.map(([, color]) => color)).size).toBe(2)
  await page.getByTestId('add-finding').click()
  await expect(form(page).getByTestId('finding-author')).toHaveValue('Dana')
  await form(page).getByTestId('finding-cancel').click()

  // Hidden with Escape above, the drawer stayed hidden over the reload; shown, it stays shown over
  // a reload and into the next incident opened, with that incident's findings.
  await expect(drawer(page)).toHaveCount(0)
  await page.getByTestId('findings-toggle').click()
  await page.reload()
  await expect(items(page)).toHaveCount(2)
  await page.getByTestId('new-incident').click()
  await page.getByTestId('new-incident-title').fill('Second look')
  await page.getByTestId('new-incident-title').press('Enter')
  await expect(page.getByTestId('incident-title')).toHaveText('Second look')
  await expect(drawer(page).getByTestId('findings-empty')).toBeVisible()
})

test('a finding written at a marker shows, when opened again, what the marker showed', async ({ page, casefile }) => {
  await openDemo(page, casefile.url)
  const banner = page.frameLocator('[data-testid="replay-host"] iframe').getByText('Checkout failed: 502 Bad Gateway')
  await replay(page).getByTestId('replay-entry').filter({ hasText: 'Checkout failed' }).click()
  await expect(banner).toBeVisible()
  await page.keyboard.press('f')
  await form(page).getByTestId('finding-title').fill('Customers see the 502 banner')
  await form(page).getByTestId('finding-title').press('Enter')
  await expect(page.getByTestId('findings-count')).toHaveText('1')
  // Elsewhere, then back through the finding.
  await replay(page).getByTestId('replay-entry').filter({ hasText: 'cart loaded' }).click()
  await expect(banner).toBeHidden()
  await page.getByTestId('findings-toggle').click()
  await item(page, 'Customers see the 502 banner').getByTestId('finding-open').click()
  await expect(banner).toBeVisible()
})

test('Undo of a deleted finding survives going to another incident', async ({ page, casefile }) => {
  const host = await connectApi(casefile)
  const [demo] = await host.client.call('incidents.list', {})
  await host.client.call('incidents.create', { title: 'Another outage' })
  const anchors = { timeMs: null, traceId: null, spanId: null, node: 'payment-service', edge: null }
  await host.client.call('findings.create', { incidentId: demo.id, finding: { title: 'Stale prices', notes: '', severity: 'low', tags: [], author: 'ana', anchors } })
  host.close()
  await openApp(page, casefile.url)
  await page.getByTestId('incident-item').filter({ hasText: demo.title }).click()
  await page.getByTestId('findings-toggle').click()
  await item(page, 'Stale prices').hover()
  await item(page, 'Stale prices').getByTestId('finding-delete').click()
  await expect(items(page)).toHaveCount(0)
  await page.getByTestId('incident-item').filter({ hasText: 'Another outage' }).click()
  await expect(page.getByTestId('incident-title')).toHaveText('Another outage')
  await expect(page.getByTestId('finding-undo-toast')).toContainText('Stale prices')
  await page.getByTestId('finding-undo').click()
  await expect(page.getByTestId('finding-undo-toast')).toHaveCount(0)
  // Back, the drawer still open (it stays so from one incident to the next), the finding in it.
  await page.getByTestId('incident-item').filter({ hasText: demo.title }).click()
  await expect(items(page).getByTestId('finding-title-text')).toHaveText(['Stale prices'])
})

test("a finding whose span's trace is not in the incident says so when opened", async ({ page, casefile }) => {
  const host = await connectApi(casefile)
  const [demo] = await host.client.call('incidents.list', {})
  const anchors = { timeMs: null, traceId: 'f'.repeat(32), spanId: 'a'.repeat(16), node: null, edge: null }
  await host.client.call('findings.create', { incidentId: demo.id, finding: { title: 'Seen in the edge proxy', notes: '', severity: 'high', tags: [], author: 'ana', anchors } })
  host.close()
  await openApp(page, casefile.url)
  await page.getByTestId('findings-toggle').click()
  await item(page, 'Seen in the edge proxy').getByTestId('finding-open').click()
  const note = traces(page).getByTestId('trace-missing')
  await expect(note).toContainText("Trace ffffffff is not in this incident's trace files")
  await expect(traces(page).getByTestId('trace-row')).toHaveCount(2)
  await note.getByRole('button', { name: 'Dismiss' }).click()
  await expect(note).toHaveCount(0)
})

test('a finding anchored to a span alone moves the replay to the span when opened, as picking the span does', async ({ page, casefile }) => {
  const host = await connectApi(casefile)
  const [demo] = await host.client.call('incidents.list', {})
  const anchors = { timeMs: null, traceId: '59e1f9961a72e1e11762f863a60309b4', spanId: FAILING_SPAN, node: null, edge: null }
  await host.client.call('findings.create', { incidentId: demo.id, finding: { title: 'Charge timed out', notes: '', severity: 'high', tags: [], author: 'ana', anchors } })
  host.close()
  await openDemo(page, casefile.url)
  expect(await elapsed(page)).toBeLessThan(1_000)
  await page.getByTestId('findings-toggle').click()
  await item(page, 'Charge timed out').getByTestId('finding-open').click()
  await expect(traces(page).getByTestId('span-details')).toHaveAttribute('data-span-id', FAILING_SPAN)
  await expect.poll(() => elapsed(page)).toBeGreaterThan(17_000)
  const atSpan = await elapsed(page)
  // The same moment as a click on the span's row.
  await traces(page).getByTestId('trace-back').click()
  await openTrace(page, 'GET /api/cart')
  await expect.poll(() => elapsed(page)).toBeLessThan(atSpan - 5_000)
  await traces(page).getByTestId('trace-back').click()
  await openTrace(page, 'POST /api/checkout')
  await traces(page).locator(`[data-testid="span-row"][data-span-id="${FAILING_SPAN}"]`).click()
  await expect.poll(async () => Math.abs((await elapsed(page)) - atSpan)).toBeLessThan(250)
})

test("a finding whose span is not among its trace's spans says so when opened", async ({ page, casefile }) => {
  const host = await connectApi(casefile)
  const [demo] = await host.client.call('incidents.list', {})
  const anchors = { timeMs: null, traceId: '59e1f9961a72e1e11762f863a60309b4', spanId: '0123456789abcdef', node: null, edge: null }
  await host.client.call('findings.create', { incidentId: demo.id, finding: { title: 'In the edge proxy', notes: '', severity: 'high', tags: [], author: 'ana', anchors } })
  host.close()
  await openApp(page, casefile.url)
  await page.getByTestId('findings-toggle').click()
  await item(page, 'In the edge proxy').getByTestId('finding-open').click()
  await expect(traces(page).getByTestId('trace-title')).toHaveText('POST /api/checkout')
  await expect(traces(page).getByTestId('span-missing')).toContainText("Span 01234567 is not in this trace's spans")
})

test('on a Mac, the keys shown are ⌘ ones, and ⌘Z undoes a deletion', async ({ page, casefile }) => {
  const host = await connectApi(casefile)
  const [demo] = await host.client.call('incidents.list', {})
  const anchors = { timeMs: null, traceId: null, spanId: null, node: 'payment-service', edge: null }
  await host.client.call('findings.create', { incidentId: demo.id, finding: { title: 'Stale prices', notes: '', severity: 'low', tags: [], author: 'ana', anchors } })
  host.close()
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'platform', { get: () => 'MacIntel' }))
  await openDemo(page, casefile.url)
  await page.getByTestId('findings-toggle').click()
  await item(page, 'Stale prices').hover()
  await item(page, 'Stale prices').getByTestId('finding-delete').click()
  await expect(page.getByTestId('finding-undo')).toHaveText('Undo ⌘Z')
  await page.keyboard.press('Meta+z')
  await expect(items(page)).toHaveCount(1)
  await page.getByTestId('add-finding').click()
  await expect(form(page)).toContainText('⌘Enter in notes')
})

test('a service picked in the diagram anchors a finding, and the finding picks it again', async ({ page, casefile }) => {
  await openDemo(page, casefile.url)
  await widenDiagram(page)
  const service = page.getByTestId('pane-diagram').locator('[data-testid="diagram-service"][data-service="payment-service"]')
  await service.click()
  await expect(service).toHaveAttribute('data-picked', 'true')

  // The replay still where it opened: its start is no moment of this finding's.
  await page.keyboard.press('f')
  const chips = form(page).getByTestId('anchor-chip')
  expect(await chipKinds(chips)).toEqual(['node'])
  await form(page).getByTestId('finding-cancel').click()
  // Moved to a moment, the replay gives it.
  await replay(page).getByTestId('replay-entry').first().click()
  await expect.poll(() => elapsed(page)).toBeGreaterThan(0)
  await expect(service).toHaveAttribute('data-picked', 'true')
  await page.keyboard.press('f')
  expect(await chipKinds(chips)).toEqual(['time', 'node'])
  await expect(chips.nth(1)).toContainText('payment-service')
  // Only the service: the moment's chip removed.
  await chips.nth(0).getByTestId('anchor-chip-remove').click()
  expect(await chipKinds(chips)).toEqual(['node'])
  // The keys stay in the form: on the chip that took its place.
  await expect(chips.nth(0).getByTestId('anchor-chip-remove')).toBeFocused()
  await form(page).getByTestId('finding-title').fill('Payments has no timeout budget')
  await form(page).getByTestId('finding-save').click()
  await expect(form(page)).toHaveCount(0)

  await service.click()
  await expect(service).not.toHaveAttribute('data-picked', 'true')
  await page.getByTestId('findings-toggle').click()
  await expect(items(page).first().getByTestId('finding-time')).toHaveText('—')
  await items(page).first().getByTestId('finding-open').click()
  await expect(service).toHaveAttribute('data-picked', 'true')
  await expect(traces(page).getByTestId('trace-service-filter')).toContainText('payment-service')
})

test('a call picked in the diagram anchors a finding, and the finding picks it again with its spans listed', async ({ page, casefile }) => {
  await openDemo(page, casefile.url)
  await widenDiagram(page)
  const diagram = page.getByTestId('pane-diagram')
  const call = diagram.locator('[data-testid="diagram-call-label"][data-edge="checkout-service→payment-service"]')
  const spans = diagram.getByTestId('edge-spans')
  await call.click()
  await expect(call).toHaveAttribute('data-selected', 'true')
  await expect(spans).toBeVisible()

  // F and the header's button both take the call (the replay, where it opened, gives no moment).
  await page.keyboard.press('f')
  const chips = form(page).getByTestId('anchor-chip')
  expect(await chipKinds(chips)).toEqual(['edge'])
  await page.keyboard.press('Escape')
  await page.getByTestId('add-finding').click()
  expect(await chipKinds(chips)).toEqual(['edge'])
  await expect(chips.nth(0)).toContainText('checkout-service → payment-service')
  await form(page).getByTestId('finding-title').fill('Checkout never retries a failed charge')
  await form(page).getByTestId('finding-save').click()
  await expect(form(page)).toHaveCount(0)

  // Elsewhere: the list closed, the call unpicked, the drawn diagrams shown.
  await spans.getByTestId('edge-spans-close').click()
  await expect(spans).toHaveCount(0)
  await expect(call).not.toHaveAttribute('data-selected', 'true')
  await diagram.getByTestId('diagram-mode-authored').click()
  await expect(call).toHaveCount(0)

  await page.getByTestId('findings-toggle').click()
  const listed = items(page).first()
  expect(await chipKinds(listed.getByTestId('anchor-chip'))).toEqual(['edge'])
  await expect(listed.getByTestId('anchor-chip')).toContainText('checkout-service → payment-service')
  await listed.getByTestId('finding-open').click()
  await expect(diagram.getByTestId('diagram-mode-derived')).toHaveAttribute('aria-selected', 'true')
  await expect(call).toHaveAttribute('data-selected', 'true')
  await expect(spans).toHaveAttribute('aria-label', 'Spans from checkout-service to payment-service')
  await expect(spans.getByTestId('edge-span')).toHaveCount(1)
  await expect(spans.getByTestId('edge-span')).toContainText('POST /v1/charges')
})

test('notes read as markdown; HTML written in them shows as text and never runs', async ({ page, casefile }) => {
  await openDemo(page, casefile.url)
  await page.getByTestId('add-finding').click()
  await form(page).getByTestId('finding-title').fill('Acquirer slow')
  const hostile = '<img src=x onerror="window.__findingNoteRan = true">'
  await form(page).getByTestId('finding-notes').fill(`The acquirer is **very** slow:\n\n- 3 s\n- no retry\n\n${hostile}`)
  await form(page).getByTestId('finding-save').click()
  await expect(form(page)).toHaveCount(0)

  await page.getByTestId('findings-toggle').click()
  const notes = items(page).first().getByTestId('finding-notes-text')
  await expect(notes.locator('strong')).toHaveText('very')
  await expect(notes.locator('li')).toHaveText(['3 s', 'no retry'])
  await expect(notes).toContainText(hostile)
  await expect(notes.locator('img')).toHaveCount(0)
  // Shown whole once the finding is.
  await items(page).first().getByTestId('finding-open').click()
  await expect(notes).toContainText(hostile)
  expect(await page.evaluate(() => (window as { __findingNoteRan?: boolean }).__findingNoteRan)).toBeUndefined()

  // Hidden from inside by keyboard: the keyboard goes back to the toggle.
  await drawer(page).getByRole('button', { name: 'Hide the findings' }).focus()
  await page.keyboard.press('Enter')
  await expect(drawer(page)).toHaveCount(0)
  await expect(page.getByTestId('findings-toggle')).toBeFocused()
})

test('a finding lists the runbook steps it is evidence for, and an embedded diagram shows by name until the finding is open', async ({ page, casefile }) => {
  const { client, close } = await connectApi(casefile)
  const [demo] = await client.call('incidents.list', {})
  const diagram = await client.call('diagrams.save', { title: 'Payments path', content: { nodes: [], edges: [] } })
  const steps = Array.from({ length: 20 }, (_, i) => `## ${i === 17 ? 'Fail over to the second acquirer' : `Check dependency ${i + 1}`}\n\nLook at its dashboards, then its logs.\n`)
  const runbook = await client.call('runbooks.save', { markdown: `# Checkout returns 502\n\n${steps.join('\n')}` })
  const notes = `Times out after 180 ms.\n\n![Payments path](casefile:diagram/${diagram.id})\n\nRetries double the load.`
  const anchors = { timeMs: null, traceId: null, spanId: null, node: 'payment-service', edge: null }
  const finding = await client.call('findings.create', { incidentId: demo.id, finding: { title: 'Acquirer timeout', notes, severity: 'high', tags: [], author: 'Ana', anchors } })
  await client.call('findings.link', { findingId: finding.id, runbookId: runbook.id, stepId: runbook.steps[17].id })
  close()
  await openDemo(page, casefile.url)
  await page.getByTestId('findings-toggle').click()
  const shown = item(page, 'Acquirer timeout')
  const embed = shown.getByTestId('finding-notes-text').locator('.rb-diagram')
  await expect(embed).toHaveText('Payments path')
  await expect(embed.locator('img')).toBeHidden()
  await shown.getByTestId('finding-open').click()
  await expect(embed.locator('img')).toBeVisible()
  await expect(shown.getByTestId('finding-notes-text')).toContainText('Retries double the load.')

  await expect(shown.getByTestId('finding-step')).toHaveText(['Checkout returns 502 · step 18'])
  await shown.getByTestId('finding-step').click()
  await expect(page.getByTestId('runbook-title')).toHaveText('Checkout returns 502')
  // At the step it cites, marked a moment.
  const cited = page.locator(`[data-testid="runbook-step"][data-step-id="${runbook.steps[17].id}"]`)
  await expect(cited).toHaveAttribute('data-revealed', 'true')
  await expect(cited).toBeInViewport()
  await expect(page.locator('[data-testid="runbook-step"][data-ordinal="1"]')).not.toBeInViewport()
})

test('a finding changed elsewhere while it is being edited is not overwritten without saying so', async ({ page, casefile }) => {
  const { client, close } = await connectApi(casefile)
  const [demo] = await client.call('incidents.list', {})
  const anchors = { timeMs: null, traceId: null, spanId: null, node: 'payment-service', edge: null }
  const written = await client.call('findings.create', { incidentId: demo.id, finding: { title: 'Acquirer slow', notes: '', severity: 'medium', tags: [], author: 'ana', anchors } })
  await openDemo(page, casefile.url)
  await page.getByTestId('findings-toggle').click()
  await item(page, 'Acquirer slow').hover()
  await item(page, 'Acquirer slow').getByTestId('finding-edit').click()

  // Meanwhile someone else saves it.
  await client.call('findings.update', { id: written.id, finding: { title: 'Acquirer times out after 180 ms', notes: '', severity: 'high', tags: [], author: 'ana', anchors } })
  await form(page).getByTestId('finding-tags').fill('payments')
  await form(page).getByTestId('finding-save').click()
  await expect(form(page).getByTestId('finding-form-error')).toContainText('Changed by someone else since you opened it (now “Acquirer times out after 180 ms”, high)')
  expect((await client.call('findings.get', { id: written.id })).title).toBe('Acquirer times out after 180 ms')
  // Saving again means it.
  await form(page).getByTestId('finding-save').click()
  await expect(form(page)).toHaveCount(0)
  expect((await client.call('findings.get', { id: written.id })).tags).toEqual(['payments'])

  // Deleted elsewhere while being edited: what was typed is kept, and saving brings it back.
  await item(page, 'Acquirer slow').hover()
  await item(page, 'Acquirer slow').getByTestId('finding-edit').click()
  await form(page).getByTestId('finding-notes').fill('Only on the EU acquirer.')
  await client.call('findings.delete', { id: written.id })
  // A reload now would lose the typing: the page asks first (it holds back the unload).
  expect(await holdsBackUnload(page)).toBe(true)
  await form(page).getByTestId('finding-save').click()
  await expect(form(page).getByTestId('finding-form-error')).toContainText('Deleted by someone else since you opened it')
  await form(page).getByTestId('finding-save').click()
  await expect(form(page)).toHaveCount(0)
  const back = await client.call('findings.get', { id: written.id })
  expect([back.title, back.notes]).toEqual(['Acquirer slow', 'Only on the EU acquirer.'])
  expect(await holdsBackUnload(page)).toBe(false)

  // Brought back meanwhile by whoever deleted it (their Undo): saving still takes the changes.
  await item(page, 'Acquirer slow').hover()
  await item(page, 'Acquirer slow').getByTestId('finding-edit').click()
  await form(page).getByTestId('finding-notes').fill('EU and UK acquirers.')
  await client.call('findings.delete', { id: written.id })
  await form(page).getByTestId('finding-save').click()
  await expect(form(page).getByTestId('finding-form-error')).toContainText('Deleted by someone else since you opened it')
  await client.call('findings.restore', { id: written.id })
  await form(page).getByTestId('finding-save').click()
  await expect(form(page)).toHaveCount(0)
  expect((await client.call('findings.get', { id: written.id })).notes).toBe('EU and UK acquirers.')
  close()
})

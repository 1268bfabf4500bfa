import { readFileSync, writeFileSync } from 'node:fs'
import type { Locator, Page } from '@playwright/test'
import { fixture, incidentItem, openApp } from './support/app'
import { connectApi } from './support/api'
import { expect, test } from './support/casefile'
import { runCli } from './support/server'

// The Replay pane on the demo incident's recording: a 17.6 s visit to a shop (/products, then
// /cart) ending in a failed checkout, a console error and an error banner in the page.

const replay = (page: Page) => page.getByTestId('pane-replay')
/** The replayed page (inside the replayer's sandboxed iframe). */
const replayed = (page: Page) => page.frameLocator('[data-testid="replay-host"] iframe')
const scrubber = (page: Page) => replay(page).getByTestId('replay-scrubber')
const elapsedMs = async (page: Page) => Number(await scrubber(page).getAttribute('aria-valuenow'))

async function openReplay(page: Page, url: string) {
  await openApp(page, url)
  await expect(replay(page).getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 10_000 })
  await expect(replayed(page).locator('body')).toContainText('Northwind Supply')
}

/** A new incident titled `title`, with `file` imported into it, its replay ready. */
async function replayInNewIncident(page: Page, url: string, title: string, file: string) {
  await openApp(page, url)
  await page.getByTestId('new-incident').click()
  await page.getByTestId('new-incident-title').fill(title)
  await page.getByTestId('new-incident-title').press('Enter')
  await expect(page.getByTestId('incident-title')).toHaveText(title)
  await page.getByTestId('import-input').setInputFiles(file)
  await expect(replay(page).getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
}

async function dragSeparator(page: Page, by: number) {
  const box = await page.getByTestId('separator-replay-traces').boundingBox()
  if (!box) throw new Error('separator not laid out')
  const y = box.y + box.height / 2
  await page.mouse.move(box.x + box.width / 2, y)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width / 2 + by / 2, y, { steps: 4 })
  await page.mouse.move(box.x + box.width / 2 + by, y, { steps: 4 })
  await page.mouse.up()
}

/** Moves focus off any control, to the page body. */
async function focusBody(page: Page) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
}

const marker = (page: Page, kind: string): Locator => scrubber(page).locator(`[data-testid="scrubber-marker"][data-kind="${kind}"]`)

test('the demo recording replays in a sandboxed frame, and plays and pauses', async ({ page, casefile }) => {
  await openReplay(page, casefile.url)
  const controls = replay(page).getByTestId('replay-controls')
  await expect(replay(page).getByTestId('replay-elapsed')).toHaveText('0:00')
  await expect(replay(page).getByTestId('replay-total')).toHaveText('0:17')
  await expect(replayed(page).getByRole('heading', { name: 'Products' })).toBeVisible()

  // The frame may not run scripts: exactly allow-same-origin.
  await expect(replay(page).locator('[data-testid="replay-host"] iframe')).toHaveAttribute('sandbox', 'allow-same-origin')
  await expect(replay(page).getByTestId('replay-remote-note')).toContainText('Remote assets blocked')

  await replay(page).getByTestId('replay-play').click()
  await expect(controls).toHaveAttribute('data-playing', 'true')
  await expect(replay(page).getByTestId('replay-elapsed')).toHaveText('0:02', { timeout: 5_000 })
  // The shared clock follows, on the incident's clock.
  await expect(replay(page).getByTestId('clock-readout')).toHaveText(/^\d{2}:\d{2}:\d{2}\.\d{3}$/)

  await replay(page).getByTestId('replay-play').click()
  await expect(controls).not.toHaveAttribute('data-playing')
  const paused = await elapsedMs(page)
  await page.waitForTimeout(600)
  expect(await elapsedMs(page)).toBe(paused)
})

test('the console-error marker shows what it is and seeks to the failed checkout', async ({ page, casefile }) => {
  await openReplay(page, casefile.url)
  await expect(replayed(page).locator('body')).not.toContainText('Checkout failed')
  const error = marker(page, 'error')
  await expect(error).toHaveCount(1)
  // The failed checkout request ends 3 ms before the error: one mark for both on the scrubber.
  await expect(error).toHaveAttribute('data-kinds', /\bfailed\b/)
  await expect(marker(page, 'navigation')).toHaveCount(2)
  expect(await marker(page, 'click').count()).toBeGreaterThan(3)

  await error.hover()
  const tip = scrubber(page).getByTestId('scrubber-tooltip')
  await expect(tip).toContainText('Console error')
  await expect(tip).toContainText('Checkout failed: 502 Bad Gateway')
  await expect(tip).toContainText('Failed request')
  await expect(tip).toContainText('POST /api/checkout → 502')
  await expect(tip).toContainText('0:17.5')

  await error.click()
  await expect(replayed(page).getByText('Checkout failed: 502 Bad Gateway')).toBeVisible()
  await expect(replayed(page).getByRole('heading', { name: 'Your cart' })).toBeVisible()
  // The tip, read, gives way to the page it was about.
  await expect(tip).toHaveCount(0)
  expect(await elapsedMs(page)).toBe(Number(await error.getAttribute('data-time-ms')) - (await startMs(page)))
  // The side list highlights the error.
  await expect(replay(page).locator('[data-testid="replay-entry"][aria-current="true"]')).toContainText('Checkout failed')
})

/** The recording's start (epoch ms), where the scrubber begins. */
async function startMs(page: Page): Promise<number> {
  return Number(await scrubber(page).getAttribute('data-start-ms'))
}

test('the time tooltip stays inside the scrubber at its ends, and while the replay plays under it', async ({ page, casefile }) => {
  await openReplay(page, casefile.url)
  const track = (await scrubber(page).locator('.scrubber-track').boundingBox())!
  const bounds = (await scrubber(page).boundingBox())!
  const tip = scrubber(page).getByTestId('scrubber-tooltip')
  const inside = async () => {
    const box = (await tip.boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(bounds.x - 0.5)
    expect(box.x + box.width).toBeLessThanOrEqual(bounds.x + bounds.width + 0.5)
  }
  // Below the marker ticks, at the far right: the last moment of the recording.
  await page.mouse.move(track.x + track.width - 1, track.y + track.height - 2)
  await expect(tip).toContainText('0:17.')
  await inside()
  await page.keyboard.press('Space')
  await expect(replay(page).getByTestId('replay-controls')).toHaveAttribute('data-playing', 'true')
  await expect(replay(page).getByTestId('replay-elapsed')).toHaveText('0:01', { timeout: 5_000 })
  await inside()
  await page.mouse.move(track.x + 1, track.y + track.height - 2)
  await expect(tip).toContainText('0:00.')
  await inside()
})

test('keyboard: Space plays and pauses, arrows move 5 s or between markers, Home/End to the ends, brackets change speed', async ({ page, casefile }) => {
  await openReplay(page, casefile.url)
  const controls = replay(page).getByTestId('replay-controls')
  await focusBody(page)

  await page.keyboard.press('Space')
  await expect(controls).toHaveAttribute('data-playing', 'true')
  await page.keyboard.press('Space')
  await expect(controls).not.toHaveAttribute('data-playing')

  const before = await elapsedMs(page)
  await page.keyboard.press('ArrowRight')
  await expect.poll(() => elapsedMs(page)).toBe(before + 5000)
  await page.keyboard.press('ArrowLeft')
  await expect.poll(() => elapsedMs(page)).toBe(before)
  await page.keyboard.press('ArrowRight')
  await expect.poll(() => elapsedMs(page)).toBe(before + 5000)

  // Shift+→: the first marker after the playhead.
  const start = await startMs(page)
  const times = await scrubber(page)
    .locator('[data-testid="scrubber-marker"]')
    .evaluateAll((clusters) => clusters.flatMap((element) => (element.getAttribute('data-times') ?? '').split(' ').map(Number)))
  const next = Math.min(...times.filter((time) => time - start > before + 5000))
  await page.keyboard.press('Shift+ArrowRight')
  await expect.poll(() => elapsedMs(page)).toBe(next - start)
  const following = Math.min(...times.filter((time) => time > next))
  await page.keyboard.press('Shift+ArrowRight')
  await expect.poll(() => elapsedMs(page)).toBe(following - start)
  await page.keyboard.press('Shift+ArrowLeft')
  await expect.poll(() => elapsedMs(page)).toBe(next - start)

  // Home and End: the recording's ends, as the scrubber's slider role promises.
  await page.keyboard.press('End')
  await expect.poll(() => elapsedMs(page)).toBe(Number(await scrubber(page).getAttribute('aria-valuemax')))
  await page.keyboard.press('Home')
  await expect.poll(() => elapsedMs(page)).toBe(0)

  await expect(controls).toHaveAttribute('data-speed', '1')
  await page.keyboard.press(']')
  await expect(controls).toHaveAttribute('data-speed', '2')
  await page.keyboard.press(']')
  await page.keyboard.press(']')
  await page.keyboard.press(']')
  await expect(controls).toHaveAttribute('data-speed', '8')
  await page.keyboard.press('[')
  await expect(controls).toHaveAttribute('data-speed', '4')

  // With a control of the pane just clicked, Space still toggles once (the button does not also click).
  await replay(page).getByTestId('replay-speed-1').click()
  await expect(controls).toHaveAttribute('data-speed', '1')
  await page.keyboard.press('Space')
  await expect(controls).toHaveAttribute('data-playing', 'true')
  await page.waitForTimeout(300)
  await expect(controls).toHaveAttribute('data-playing', 'true')
  await page.keyboard.press('Space')
  await expect(controls).not.toHaveAttribute('data-playing')

  // Still so when a dialog gives it the focus back (the palette opened and closed over it).
  await page.keyboard.press('Control+k')
  await page.keyboard.press('Escape')
  await expect(replay(page).getByTestId('replay-speed-1')).toBeFocused()
  await page.keyboard.press('Space')
  await expect(controls).toHaveAttribute('data-playing', 'true')
  await page.keyboard.press('Space')
  await expect(controls).not.toHaveAttribute('data-playing')

  // A control reached by keyboard takes Space itself, as everywhere else.
  await replay(page).getByTestId('replay-speed-2').focus()
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Tab')
  await expect(replay(page).getByTestId('replay-speed-2')).toBeFocused()
  await page.keyboard.press('Space')
  await expect(controls).toHaveAttribute('data-speed', '2')
  await expect(controls).not.toHaveAttribute('data-playing')

  // Typing elsewhere is not a shortcut.
  await page.getByTestId('new-incident').click()
  await page.getByTestId('new-incident-title').press('Space')
  await page.getByTestId('new-incident-title').press('ArrowRight')
  await expect(controls).not.toHaveAttribute('data-playing')
  await page.getByTestId('new-incident-title').press('Escape')
})

test('a navigation marker shows the page navigated to, whether the replay comes from before it or after it', async ({ page, casefile }) => {
  await openReplay(page, casefile.url)
  const list = replay(page).getByTestId('replay-list').getByTestId('replay-entry')
  const cart = replayed(page).getByRole('heading', { name: 'Your cart' })
  for (const from of ['added MUG-001', 'Checkout failed']) {
    await list.filter({ hasText: from }).click()
    await expect(replay(page).locator('[data-testid="replay-entry"][aria-current="true"]')).toContainText(from)
    await marker(page, 'navigation').last().click()
    await expect(cart, `from “${from}”`).toBeVisible()
    await expect(replayed(page).getByRole('heading', { name: 'Products' })).toHaveCount(0)
  }
})

test('Play at the last marker plays from the start, and Shift+← while playing goes back past the marker just played', async ({ page, casefile }) => {
  await openReplay(page, casefile.url)
  const controls = replay(page).getByTestId('replay-controls')
  // The console error is the last moment (its page is shown a moment later: the recording's end).
  await marker(page, 'error').click()
  await expect(replayed(page).getByText('Checkout failed: 502 Bad Gateway')).toBeVisible()
  await replay(page).getByTestId('replay-play').click()
  await expect(controls).toHaveAttribute('data-playing', 'true')
  await expect.poll(() => elapsedMs(page)).toBeLessThan(3_000)
  await expect.poll(() => elapsedMs(page)).toBeGreaterThan(0)

  const navigation = Number(await marker(page, 'navigation').last().getAttribute('data-time-ms')) - (await startMs(page))
  await replay(page).getByTestId('replay-play').click()
  await marker(page, 'navigation').last().click()
  await expect(controls).not.toHaveAttribute('data-playing')
  await expect.poll(() => elapsedMs(page)).toBe(navigation)
  // Played on from the navigation: back goes past it and the click that led to it (both played in
  // the last second), not to them again. The keys go in one task, so the playhead is where they put it however busy the
  // machine is: Space, a moment's playing, Shift+←, Space.
  await focusBody(page)
  await page.evaluate(async () => {
    const press = (key: string, shiftKey = false) => document.body.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, cancelable: true }))
    press(' ')
    await new Promise((resolve) => setTimeout(resolve, 150))
    press('ArrowLeft', true)
    press(' ')
  })
  await expect(controls).not.toHaveAttribute('data-playing')
  expect(await elapsedMs(page)).toBeLessThan(navigation - 1_000)
})

test('clicking a side-list entry seeks the replay there, backwards across pages too', async ({ page, casefile }) => {
  await openReplay(page, casefile.url)
  const list = replay(page).getByTestId('replay-list')
  const cartLoaded = list.getByTestId('replay-entry').filter({ hasText: 'cart loaded' })
  await cartLoaded.click()
  await expect(cartLoaded).toHaveAttribute('aria-current', 'true')
  await expect(replay(page).getByTestId('replay-elapsed')).toHaveText('0:07')
  await expect(replayed(page).getByRole('heading', { name: 'Your cart' })).toBeVisible()

  // Back to the first page: the replay is rebuilt from that page's snapshot.
  const added = list.getByTestId('replay-entry').filter({ hasText: 'added MUG-001' })
  await added.click()
  await expect(added).toHaveAttribute('aria-current', 'true')
  await expect(replay(page).getByTestId('replay-elapsed')).toHaveText('0:03')
  await expect(replayed(page).getByRole('heading', { name: 'Products' })).toBeVisible()
  await expect(replayed(page).getByRole('heading', { name: 'Your cart' })).toHaveCount(0)

  // Filters: hide the log messages.
  await list.getByTestId('replay-filter-log').click()
  await expect(list.getByTestId('replay-entry').filter({ hasText: 'added MUG-001' })).toHaveCount(0)
  await expect(list.getByTestId('replay-entry').filter({ hasText: 'Checkout failed' })).toHaveCount(1)
  await list.getByTestId('replay-filter-failed').click()
  await list.getByTestId('replay-filter-error').click()
  await expect(list.getByTestId('replay-entry').filter({ hasText: 'Checkout failed' })).toHaveCount(0)
  await list.getByTestId('replay-filter-error').click()
  await expect(list.getByTestId('replay-entry').filter({ hasText: 'Checkout failed' })).toHaveCount(1)
})

test('seeking back and forth between two moments shows each as it was, however often', async ({ page, casefile }) => {
  await openReplay(page, casefile.url)
  // The checkout button reads "Processing…" while the charge is under way (its text node replaced),
  // and "Checkout" again once it failed. Moments picked from a span and from the side list.
  await page.getByTestId('pane-traces').getByTestId('trace-row').filter({ hasText: 'POST /api/checkout' }).click()
  const charge = page.getByRole('treeitem', { name: /^payment-service, POST \/v1\/charges/ })
  const failure = replay(page).getByTestId('replay-list').getByTestId('replay-entry').filter({ hasText: 'Checkout failed' })
  const button = replayed(page).locator('form button')
  for (let round = 0; round < 2; round++) {
    await charge.click()
    await expect(button).toHaveText('Processing…')
    await failure.click()
    await expect(button).toHaveText('Checkout')
  }
  // One text node, not the text of earlier moments left beside it.
  expect(await button.evaluate((element) => element.childNodes.length)).toBe(1)
})

test('in a short window the stage gives up height and the pane scrolls; controls never cover the list', async ({ page, casefile }) => {
  await page.setViewportSize({ width: 1300, height: 420 })
  await openReplay(page, casefile.url)
  const controls = (await replay(page).getByTestId('replay-controls').boundingBox())!
  const stage = (await replay(page).getByTestId('replay-stage').boundingBox())!
  const list = replay(page).getByTestId('replay-list')
  expect(controls.y + controls.height).toBeLessThanOrEqual((await list.boundingBox())!.y + 1)
  expect(stage.height).toBeLessThan(200)
  // The list is still there to use, a scroll away.
  await list.getByTestId('replay-entry').filter({ hasText: 'cart loaded' }).click()
  await expect(replayed(page).getByRole('heading', { name: 'Your cart' })).toBeVisible()
})

test('in the narrowest pane every control stays inside it', async ({ page, casefile }) => {
  await openReplay(page, casefile.url)
  await page.getByTestId('separator-replay-traces').focus()
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowLeft')
  const pane = (await replay(page).boundingBox())!
  for (const control of await replay(page).getByTestId('replay-controls').locator('button:visible').all()) {
    const box = (await control.boundingBox())!
    expect(box.x + box.width, (await control.textContent()) ?? '').toBeLessThanOrEqual(pane.x + pane.width)
  }
  await expect(replay(page).getByRole('button', { name: 'Allow & reload' })).toBeVisible()
})

test('Tab never goes into the recorded page, which is shown, not used', async ({ page, casefile }) => {
  await openReplay(page, casefile.url)
  await focusBody(page)
  for (let press = 0; press < 40; press++) {
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('IFRAME')
  }
})

test('resizing the pane rescales the replay without restarting it', async ({ page, casefile }) => {
  await openReplay(page, casefile.url)
  const stage = replay(page).getByTestId('replay-stage')
  const cartLoaded = replay(page).getByTestId('replay-entry').filter({ hasText: 'cart loaded' })
  await cartLoaded.click()
  await expect(replayed(page).getByRole('heading', { name: 'Your cart' })).toBeVisible()
  // Tag the replayed document: a rebuilt replay would be a new one.
  await page.locator('[data-testid="replay-host"] iframe').evaluate((frame: HTMLIFrameElement) => {
    ;(frame.contentWindow as Window & { probe?: number }).probe = 42
  })
  const at = await elapsedMs(page)
  const scale = Number(await stage.getAttribute('data-scale'))

  await dragSeparator(page, 220)
  await expect.poll(async () => Number(await stage.getAttribute('data-scale'))).toBeGreaterThan(scale * 1.2)
  expect(await elapsedMs(page)).toBe(at)
  await expect(replayed(page).getByRole('heading', { name: 'Your cart' })).toBeVisible()
  const probe = () =>
    page.locator('[data-testid="replay-host"] iframe').evaluate((frame: HTMLIFrameElement) => (frame.contentWindow as Window & { probe?: number }).probe)
  expect(await probe()).toBe(42)

  // While playing too: the playhead keeps going from where it was.
  await replay(page).getByTestId('replay-play').click()
  await page.waitForTimeout(400)
  const playing = await elapsedMs(page)
  await dragSeparator(page, -180)
  await expect.poll(async () => Number(await stage.getAttribute('data-scale'))).toBeLessThan(scale * 1.3)
  expect(await elapsedMs(page)).toBeGreaterThanOrEqual(playing)
  await expect(replay(page).getByTestId('replay-controls')).toHaveAttribute('data-playing', 'true')
  expect(await probe()).toBe(42)
})

test('full screen takes the player and its list and gives them back, also to a finding being added', async ({ page, casefile }) => {
  await openReplay(page, casefile.url)
  const player = replay(page).getByTestId('replay-player')
  await replay(page).getByTestId('replay-fullscreen').click()
  await expect(player).toHaveAttribute('data-fullscreen', 'true')
  expect(await page.evaluate(() => document.fullscreenElement?.getAttribute('data-testid'))).toBe('replay-player')
  // The list is there, beside the replay, and its button still hides it.
  const list = replay(page).getByTestId('replay-list')
  await expect(list).toBeInViewport()
  await replay(page).getByTestId('replay-list-toggle').click()
  await expect(list).toHaveCount(0)
  await replay(page).getByTestId('replay-list-toggle').click()
  await replay(page).getByTestId('replay-fullscreen').click()
  await expect(player).not.toHaveAttribute('data-fullscreen')

  // F in full screen: full screen gives way to the finding's form, which shows, ready for typing.
  await replay(page).getByTestId('replay-fullscreen').click()
  await expect(player).toHaveAttribute('data-fullscreen', 'true')
  await page.keyboard.press('f')
  await expect(player).not.toHaveAttribute('data-fullscreen')
  await expect(page.getByTestId('finding-title')).toBeVisible()
  await expect(page.getByTestId('finding-title')).toBeInViewport()
  await expect(page.getByTestId('finding-title')).toBeFocused()
  await page.getByTestId('finding-cancel-x').click()

  // So does the palette (Ctrl+K).
  await replay(page).getByTestId('replay-fullscreen').click()
  await expect(player).toHaveAttribute('data-fullscreen', 'true')
  await page.keyboard.press('Control+k')
  await expect(player).not.toHaveAttribute('data-fullscreen')
  await expect(page.getByTestId('palette-input')).toBeFocused()
})

test('several recordings in one incident: the earliest shows first, a selector switches, a move to another one\'s minutes shows it', async ({ page, casefile }) => {
  await openReplay(page, casefile.url)
  await page.getByTestId('import-input').setInputFiles(fixture('checkout-session.rrweb.ndjson'))
  const select = replay(page).getByTestId('session-select')
  await expect(select).toBeVisible({ timeout: 15_000 })
  await expect(select.locator('option')).toHaveCount(2)
  await expect(select).toHaveValue((await replay(page).getByTestId('session-card').getAttribute('data-artifact-id')) ?? '')
  const first = await select.inputValue()
  await expect(select.locator('option:checked')).toHaveText('checkout-session.rrweb.json')

  // The other recording of the same minutes opens at the moment shown, not at its start.
  await replay(page).getByTestId('replay-list').getByTestId('replay-entry').filter({ hasText: 'cart loaded' }).click()
  await expect(replay(page).getByTestId('replay-elapsed')).toHaveText('0:07')
  await select.selectOption({ label: 'checkout-session.rrweb.ndjson' })
  await expect(replay(page).getByTestId('session-card')).not.toHaveAttribute('data-artifact-id', first)
  await expect(replay(page).getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 10_000 })
  await expect(replay(page).getByTestId('replay-elapsed')).toHaveText('0:07')
  await expect(replayed(page).getByRole('heading', { name: 'Your cart' })).toBeVisible()

  // This one moved five minutes later on the incident's clock: opening a trace of the first
  // recording's minutes shows the first recording again, at the trace's start.
  const { client, close } = await connectApi(casefile)
  await client.call('clock.setOffset', { artifactId: Number(await select.inputValue()), offsetMs: 300_000 })
  close()
  // The window has heard of it (the shown recording's Clock chip, which also says its linked
  // requests disagree).
  await expect(replay(page).getByTestId('clock-offset')).toHaveText('Clock +5 min 00 s · 5 min 00 s off?')
  await page.getByTestId('pane-traces').getByTestId('trace-row').filter({ hasText: 'POST /api/checkout' }).first().click()
  await expect(select).toHaveValue(first)
  await expect(replay(page).getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 10_000 })
  await expect.poll(() => elapsedMs(page)).toBeGreaterThan(16_000)
})

test('Shift+→ stops at a finding flag too, as at a marker', async ({ page, casefile }) => {
  const { client, close } = await connectApi(casefile)
  const [demo] = await client.call('incidents.list', {})
  const view = await client.call('incidents.open', { id: demo.id })
  const session = view.artifacts.find((artifact) => artifact.summary.kind === 'session')!
  // Between the second page's load (7.0 s) and the first click there (9.4 s).
  const at = session.startMs + 8_500
  const anchors = { timeMs: at + session.clockOffsetMs, traceId: null, spanId: null, node: null, edge: null }
  await client.call('findings.create', { incidentId: demo.id, finding: { title: 'Cart slow to show', notes: '', severity: 'low', tags: [], author: 'ana', anchors } })
  close()
  await openReplay(page, casefile.url)
  await replay(page).getByTestId('replay-entry').filter({ hasText: 'cart loaded' }).click()
  await focusBody(page)
  await page.keyboard.press('Shift+ArrowRight')
  await expect.poll(() => elapsedMs(page)).toBe(8_500)
})

test('of entries logged in the same millisecond, the one clicked is the one shown as current', async ({ page, casefile }, testInfo) => {
  const events = JSON.parse(readFileSync(fixture('checkout-session.rrweb.json'), 'utf8')) as Array<{ type: number; timestamp: number; data?: { plugin?: string; payload?: { payload?: string[] } } }>
  const logged = events.findIndex((event) => event.data?.plugin === 'rrweb/console@1')
  const burst = ['first', 'second', 'third'].map((word) => ({ ...events[logged], data: { ...events[logged].data, payload: { ...events[logged].data!.payload, payload: [JSON.stringify(`burst ${word}`)] } } }))
  const file = testInfo.outputPath('burst.rrweb.json')
  writeFileSync(file, JSON.stringify([...events.slice(0, logged), ...burst, ...events.slice(logged + 1)]))
  await replayInNewIncident(page, casefile.url, 'Burst', file)
  const entry = (word: string) => replay(page).getByTestId('replay-entry').filter({ hasText: `burst ${word}` })
  await entry('first').click()
  await expect(entry('first')).toHaveAttribute('aria-current', 'true')
  await expect(entry('third')).not.toHaveAttribute('aria-current')
  await entry('second').click()
  await expect(entry('second')).toHaveAttribute('aria-current', 'true')
})

test('the list scrolled by hand stays put while the replay plays, until asked to follow again', async ({ page, casefile }) => {
  await page.setViewportSize({ width: 1280, height: 620 })
  await openReplay(page, casefile.url)
  const rows = replay(page).locator('.event-rows')
  await replay(page).getByTestId('replay-entry').first().click()
  await rows.hover()
  await page.mouse.wheel(0, 400)
  const follow = replay(page).getByTestId('replay-list-follow')
  await expect(follow).toBeVisible()
  const scrolled = await rows.evaluate((list) => list.scrollTop)
  await replay(page).getByTestId('replay-play').click()
  await page.waitForTimeout(1_500)
  expect(await rows.evaluate((list) => list.scrollTop)).toBe(scrolled)
  await follow.click()
  await expect(follow).toHaveCount(0)

  // A seek (End) has the list follow the playhead again.
  await rows.hover()
  await page.mouse.wheel(0, -400)
  await expect(follow).toBeVisible()
  await focusBody(page)
  await page.keyboard.press('End')
  await expect(follow).toHaveCount(0)
  await expect(replay(page).getByTestId('replay-entry').last()).toBeInViewport()
})

test('a recording whose viewport changes scales inside the stage; the scrubber and controls stay put', async ({ page, casefile }, testInfo) => {
  const events = JSON.parse(readFileSync(fixture('checkout-session.rrweb.json'), 'utf8')) as Array<{ type: number; timestamp: number; data?: unknown }>
  // The shopper turns a tablet upright on the cart page.
  const cart = events.findLastIndex((event) => event.type === 2)
  const turned = { type: 3, timestamp: events[cart].timestamp + 500, data: { source: 4, width: 800, height: 1200 } }
  const file = testInfo.outputPath('turned.rrweb.json')
  writeFileSync(file, JSON.stringify([...events.slice(0, cart + 1), turned, ...events.slice(cart + 1)]))
  await replayInNewIncident(page, casefile.url, 'Turned', file)
  const stage = replay(page).getByTestId('replay-stage')
  const scaleBefore = await stage.getAttribute('data-scale')
  const scrubberBefore = (await scrubber(page).boundingBox())!.y
  await replay(page).getByTestId('replay-entry').filter({ hasText: 'Checkout failed' }).click()
  await expect(stage).not.toHaveAttribute('data-scale', scaleBefore!)
  expect((await scrubber(page).boundingBox())!.y).toBe(scrubberBefore)
})

test('an incident opened with a click takes the keyboard: Space plays its replay at once', async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  await page.getByTestId('new-incident').click()
  await page.getByTestId('new-incident-title').fill('Elsewhere')
  await page.getByTestId('new-incident-title').press('Enter')
  await page.getByTestId('incident-item').filter({ hasText: 'Demo' }).click()
  await expect(replay(page).getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 10_000 })
  await page.keyboard.press('Space')
  await expect(replay(page).getByTestId('replay-controls')).toHaveAttribute('data-playing', 'true')
})

for (const [product, file] of [
  ['Sentry', 'checkout-session.sentry-segments.json'],
  ['PostHog', 'checkout-session.posthog-export.json'],
]) {
  test(`a recording from ${product} replays, and its console error shows the page's error banner`, async ({ page, casefile }) => {
    await replayInNewIncident(page, casefile.url, product, fixture(file))
    await replay(page).getByTestId('replay-entry').filter({ hasText: 'Checkout failed' }).click()
    await expect(replayed(page).locator('#banner')).toContainText('Checkout failed: 502')
  })
}

test("a PostHog recording lists each of the page's requests once, by path and with how long it took, and none of PostHog's own calls", async ({ page, casefile }) => {
  await replayInNewIncident(page, casefile.url, 'PostHog', fixture('checkout-session.posthog-export.json'))
  const requests = replay(page).locator('[data-testid="replay-entry"]:is([data-category="request"], [data-category="failed"])')
  await expect(requests.filter({ hasText: 'POST /api/checkout → 502' })).toHaveCount(1)
  await expect(requests.filter({ hasText: '/api/cart' })).toHaveCount(1)
  await expect(requests.filter({ hasText: 'NAVIGATION /cart → 200' })).toHaveCount(1)
  await expect(requests.filter({ hasText: '/ph/' })).toHaveCount(0)
  await expect(requests.filter({ hasText: '/api/checkout' }).locator('.event-row-duration')).toHaveText(/^\d+ ms$/)
})

test("a phone's portrait recording over the list leaves the list its room", async ({ page, casefile }, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 700 })
  const events = JSON.parse(readFileSync(fixture('checkout-session.rrweb.json'), 'utf8')) as Array<{ type: number; data?: Record<string, unknown> }>
  const phone = events.map((event) => (event.type === 4 ? { ...event, data: { ...event.data, width: 390, height: 844 } } : event))
  const file = testInfo.outputPath('phone.rrweb.json')
  writeFileSync(file, JSON.stringify(phone))
  await replayInNewIncident(page, casefile.url, 'Phone', file)
  expect((await replay(page).getByTestId('replay-list').boundingBox())!.height).toBeGreaterThan(180)
})

test('? anywhere lists every shortcut, by where it works', async ({ page, casefile }) => {
  await openReplay(page, casefile.url)
  await focusBody(page)
  await page.keyboard.press('?')
  const sheet = page.getByTestId('shortcut-sheet')
  await expect(sheet.getByRole('heading', { name: 'Everywhere' })).toBeVisible()
  await expect(sheet).toContainText('Add a finding')
  await expect(sheet.getByRole('heading', { name: 'Replay' })).toBeVisible()
  await expect(sheet.getByRole('heading', { name: 'Traces: spans' })).toBeVisible()
  await expect(sheet).toContainText('Previous / next trace')
  await expect(sheet.getByRole('heading', { name: 'Diagram editor' })).toBeVisible()
  await expect(sheet).toContainText('Duplicate the selection')
  // Its keys are held while it is open: Space does not play the replay behind it.
  await page.keyboard.press('Space')
  await expect(replay(page).getByTestId('replay-controls')).not.toHaveAttribute('data-playing')
  await page.keyboard.press('?')
  await expect(sheet).toHaveCount(0)
})

test('the header says how many of the traces the recording links to the incident holds', async ({ page, casefile }) => {
  runCli(['import', '--db', casefile.dbPath, '--incident', 'Recording alone', fixture('checkout-session.rrweb.json')])
  await openReplay(page, casefile.url)
  const linked = replay(page).getByTestId('session-trace-ids')
  await incidentItem(page, 'Recording alone').click()
  await expect(linked).toHaveText('2 linked traces, none here')
  await expect(linked).toHaveAttribute('title', /Import the backend’s traces of these minutes/)
  // Its traces imported after all: they are here.
  runCli(['import', '--db', casefile.dbPath, '--incident', 'Recording alone', fixture('checkout.otlp.json')])
  await page.reload()
  await incidentItem(page, 'Recording alone').click()
  await expect(linked).toHaveText('2 linked traces')
  await incidentItem(page, 'Demo: checkout fails with 502').click()
  await expect(linked).toHaveText('2 linked traces')
})

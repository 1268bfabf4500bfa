import type { Browser, BrowserContext, Page } from '@playwright/test'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { MAX_GUESTS } from '../electron/pairing/sharing'
import { nodeSocketTransport, upgradeStatus } from '../electron/test-support/host'
import { SOCKET_PATH, TOKEN_PARAM } from '../shared/api/wire'
import { connectApi } from './support/api'
import { openApp } from './support/app'
import { expect, test } from './support/casefile'
import { startCasefile } from './support/server'

// Live pairing across two Casefile processes: the host shares the demo incident from its window;
// the guest, in another browser context, joins from its own Casefile with the invitation code.
// Then: who is here, the follower's replay copying the driver's, control changing hands, pings,
// findings from both at once, the connection dropping and coming back.

// Two Casefile processes and two browser contexts each: these take longer than one window's tests.
test.describe.configure({ timeout: 150_000 })

const replay = (page: Page) => page.getByTestId('pane-replay')
const scrubber = (page: Page) => replay(page).getByTestId('replay-scrubber')
const elapsed = async (page: Page) => Number(await scrubber(page).getAttribute('aria-valuenow'))
const members = (page: Page) => page.getByTestId('pairing-member')
const memberNames = (page: Page) => members(page).evaluateAll((items) => items.map((item) => item.getAttribute('data-name')))

async function waitForReplay(page: Page) {
  await expect(replay(page).getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
}

/** The host shares its open incident on loopback and reads out the invitation code. */
async function share(host: Page): Promise<string> {
  await host.getByTestId('share-button').click()
  await expect(host.getByTestId('share-address').first()).toBeChecked()
  await host.getByTestId('share-start').click()
  const code = await host.getByTestId('invitation-code').inputValue()
  expect(code).toMatch(/^127\.0\.0\.1:\d+#[A-Za-z0-9_-]{22}$/)
  await host.keyboard.press('Escape')
  return code
}

/** A second Casefile (the guest's own) whose Join session opens the shared incident in a new window. */
async function openInvitation(browser: Browser, code: string, options: { network?: boolean; prepare?: (context: BrowserContext) => Promise<void> } = {}) {
  const own = await startCasefile()
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  if (options.network) await context.addInitScript(CUTTABLE_NETWORK)
  await options.prepare?.(context)
  const start = await context.newPage()
  await openApp(start, own.url)
  await start.getByTestId('join-button').click()
  await start.getByTestId('join-invitation').fill(code)
  const [guest] = await Promise.all([context.waitForEvent('page'), start.getByTestId('join-open').click()])
  await expect(guest.getByTestId('shared-session-label')).toBeVisible()
  return { guest, start, own, close: async () => (await context.close(), await own.stop()) }
}

/** The shared incident opened from the guest's own Casefile, joined as `name`. */
async function join(browser: Browser, code: string, name: string, options: { network?: boolean } = {}) {
  const opened = await openInvitation(browser, code, options)
  await opened.guest.getByTestId('join-name').fill(name)
  await opened.guest.getByTestId('join-submit').click()
  await waitForReplay(opened.guest)
  return opened
}

/**
 * Holds back the answers of the host at `code`'s address to `method` calls on the guest's
 * connection until the returned function is called: a slow network, for that part of the incident.
 */
async function holdAnswers(context: BrowserContext, code: string, method: string): Promise<() => void> {
  const address = code.slice(0, code.indexOf('#'))
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  await context.routeWebSocket(
    (url) => url.host === address && url.pathname === SOCKET_PATH,
    (page) => {
      const host = page.connectToServer()
      const held = new Set<number>()
      page.onMessage((message) => {
        const call = JSON.parse(String(message)) as { id?: number; method?: string }
        if (call.method === method && call.id !== undefined) held.add(call.id)
        host.send(message)
      })
      host.onMessage(async (message) => {
        const answer = JSON.parse(String(message)) as { type: string; id?: number }
        if (answer.type === 'result' && answer.id !== undefined && held.has(answer.id)) await released
        page.send(message)
      })
    },
  )
  return release
}

/**
 * Lets a test cut the page's WebSocket connections and keep new ones from opening (they go to a
 * port nothing listens on) until it restores them: the network dropping, as the page sees it.
 */
const CUTTABLE_NETWORK = `(() => {
  const Real = window.WebSocket
  const sockets = new Set()
  let down = false
  window.WebSocket = class extends Real {
    constructor(url, protocols) {
      super(down ? 'ws://127.0.0.1:9/' : url, protocols)
      sockets.add(this)
    }
  }
  window.__network = {
    cut() { down = true; for (const socket of sockets) socket.close(); sockets.clear() },
    restore() { down = false },
  }
})()`

test('a guest joins with the invitation and follows the driver; control changes hands; pings point the way', async ({ page: host, casefile, browser }) => {
  await openApp(host, casefile.url)
  await waitForReplay(host)
  const code = await share(host)
  const { guest, close } = await join(browser, code, 'Bo')
  try {
    // Both see both; the host drives.
    await expect.poll(() => memberNames(host)).toEqual(['Host', 'Bo'])
    await expect.poll(() => memberNames(guest)).toEqual(['Host', 'Bo'])
    await expect(members(guest).and(guest.locator('[data-driver]'))).toHaveAttribute('data-name', 'Host')
    await expect(guest.getByTestId('follow-toggle')).toHaveAttribute('data-following', 'true')
    // A guest is not offered what the host keeps to itself: new incidents, renaming, deleting.
    await expect(guest.getByTestId('incident-item')).toHaveCount(1)
    await expect(guest.getByTestId('new-incident')).toHaveCount(0)
    await guest.getByTestId('incident-item').hover()
    await expect(guest.getByTestId('incident-rename').or(guest.getByTestId('incident-delete'))).toHaveCount(0)
    // Nor a recording's clock offset (it moves everyone's panes and findings), nor removing files, nor drawing diagrams it could not save.
    await expect(guest.getByTestId('pane-replay').getByTestId('clock-offset')).toBeDisabled()
    await expect(guest.getByTestId('artifact-remove')).toHaveCount(0)
    // Files dragged over its window are said to be the host's to import; dropped, nothing is tried.
    const transfer = await guest.evaluateHandle(() => {
      const data = new DataTransfer()
      data.items.add(new File(['[]'], 'more-traces.json', { type: 'application/json' }))
      return data
    })
    await guest.dispatchEvent('body', 'dragenter', { dataTransfer: transfer })
    await expect(guest.getByTestId('drop-overlay')).toContainText('Only the host imports files')
    await guest.dispatchEvent('body', 'drop', { dataTransfer: transfer })
    await expect(guest.getByTestId('drop-overlay')).toHaveCount(0)
    await expect(guest.getByTestId('error-banner')).toHaveCount(0)
    await guest.getByTestId('diagram-mode-authored').click()
    await expect(guest.getByTestId('diagram-guest-note')).toBeVisible()
    await expect(guest.getByTestId('diagram-new')).toHaveCount(0)
    await guest.getByTestId('diagram-mode-derived').click()
    // Both at the very start: the guest's name starts at its playhead, over the scrubber rather than off its edge.
    const peerHead = scrubber(host).getByTestId('peer-playhead')
    const name = peerHead.locator('.peer-playhead-name')
    await expect(name).toHaveText('Bo')
    expect((await name.boundingBox())!.x).toBeGreaterThanOrEqual((await peerHead.boundingBox())!.x - 1)

    // The driver seeks: the follower's replay lands at the same moment.
    const box = (await scrubber(host).boundingBox())!
    await host.mouse.click(box.x + box.width * 0.6, box.y + box.height / 2)
    const hostAt = await elapsed(host)
    await expect.poll(async () => Math.abs((await elapsed(guest)) - hostAt)).toBeLessThan(200)
    // Plays, and pauses: the follower too, and they stop together.
    await host.getByTestId('replay-play').click()
    await expect(replay(guest).getByTestId('replay-controls')).toHaveAttribute('data-playing', 'true')
    await host.waitForTimeout(700)
    await host.getByTestId('replay-play').click()
    await expect(replay(guest).getByTestId('replay-controls')).not.toHaveAttribute('data-playing')
    const stoppedAt = await elapsed(host)
    expect(stoppedAt).toBeGreaterThan(hostAt)
    await expect.poll(async () => Math.abs((await elapsed(guest)) - stoppedAt)).toBeLessThan(200)
    // Each sees the other's playhead on the scrubber.
    await expect(scrubber(host).getByTestId('peer-playhead')).toHaveAttribute('data-name', 'Bo')
    // The follower explores on its own: the driver's seeks no longer move it; catching up does.
    await guest.getByTestId('follow-toggle').click()
    await expect(guest.getByTestId('follow-toggle')).toHaveText('Catch up')
    await host.mouse.click(box.x + box.width * 0.2, box.y + box.height / 2)
    const earlier = await elapsed(host)
    await guest.waitForTimeout(300)
    expect(Math.abs((await elapsed(guest)) - stoppedAt)).toBeLessThan(200)
    await guest.getByTestId('follow-toggle').click()
    await expect.poll(async () => Math.abs((await elapsed(guest)) - earlier)).toBeLessThan(200)
    // A follower that seeks on its own while the driver is paused explores from there, not undone by the driver's next move.
    await expect(guest.getByTestId('follow-toggle')).toHaveAttribute('data-following', 'true')
    const guestTrack = (await scrubber(guest).boundingBox())!
    await guest.mouse.click(guestTrack.x + guestTrack.width * 0.9, guestTrack.y + guestTrack.height / 2)
    await expect(guest.getByTestId('follow-toggle')).toHaveText('Catch up')
    const own = await elapsed(guest)
    await host.mouse.click(box.x + box.width * 0.3, box.y + box.height / 2)
    await guest.waitForTimeout(300)
    expect(Math.abs((await elapsed(guest)) - own)).toBeLessThan(200)
    await guest.getByTestId('follow-toggle').click()
    await expect.poll(async () => Math.abs((await elapsed(guest)) - (await elapsed(host)))).toBeLessThan(200)

    // Each sees what the other selected: the host's span on the guest's waterfall, its service in the guest's diagram.
    await host.getByTestId('trace-row').first().click()
    await host.getByTestId('span-row').nth(1).click()
    const hostSpan = await host.getByTestId('span-row').nth(1).getAttribute('data-span-id')
    await expect(guest.locator(`[data-testid="span-row"][data-span-id="${hostSpan}"]`).getByTestId('span-peer-mark')).toHaveAttribute('title', 'Selected by Host')
    await host.locator('[data-testid="diagram-service"][data-service="payment-service"]').click()
    await expect(guest.getByTestId('service-peer-mark')).toHaveAttribute('title', 'Picked by Host')

    // The guest, exploring on its own, asks for control and gets it; now the host follows the guest.
    await guest.getByTestId('follow-toggle').click()
    await expect(guest.getByTestId('follow-toggle')).toHaveText('Catch up')
    await guest.getByTestId('ask-control').click()
    await expect(members(host).filter({ hasText: 'asks for control' })).toHaveAttribute('data-name', 'Bo')
    await host.getByTestId('give-control').click()
    await expect(members(host).and(host.locator('[data-driver]'))).toHaveAttribute('data-name', 'Bo')
    const guestBox = (await scrubber(guest).boundingBox())!
    await guest.mouse.click(guestBox.x + guestBox.width * 0.8, guestBox.y + guestBox.height / 2)
    const guestAt = await elapsed(guest)
    await expect.poll(async () => Math.abs((await elapsed(host)) - guestAt)).toBeLessThan(200)

    // A ping: the host sees where Bo points and goes there.
    await host.getByTestId('take-control').click()
    await expect(members(guest).and(guest.locator('[data-driver]'))).toHaveAttribute('data-name', 'Host')
    // Control taken back, the one who drove follows (not left exploring as before it drove).
    await expect(guest.getByTestId('follow-toggle')).toHaveAttribute('data-following', 'true')
    await host.mouse.click(box.x + box.width * 0.4, box.y + box.height / 2)
    await expect.poll(async () => Math.abs((await elapsed(guest)) - (await elapsed(host)))).toBeLessThan(200)
    await guest.getByTestId('ping-button').click()
    const toast = host.getByTestId('ping-toast')
    await expect(toast).toContainText('Bo points here')
    await toast.getByTestId('ping-go').click()
    await expect(toast).toHaveCount(0)

    // Pings do not pile up: Bo's next one replaces the last, and a ping left alone goes away.
    await guest.getByTestId('ping-button').click()
    await expect(toast).toHaveCount(1)
    const first = await toast.textContent()
    const hostBox = (await scrubber(host).boundingBox())!
    await host.mouse.click(hostBox.x + hostBox.width * 0.3, hostBox.y + hostBox.height / 2)
    const pointedAt = await elapsed(host)
    await expect.poll(async () => Math.abs((await elapsed(guest)) - pointedAt)).toBeLessThan(200)
    // (The host's timers from here on are fake: the ping's 20 s pass at once.)
    await host.clock.install()
    await guest.getByTestId('ping-button').click()
    await expect(toast).not.toHaveText(first!)
    await expect(toast).toHaveCount(1)
    await host.clock.fastForward(25_000)
    await expect(toast).toHaveCount(0)

    // In a small window the session's controls wrap rather than go off the edge.
    await host.setViewportSize({ width: 640, height: 480 })
    expect(await host.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640)
    const shareButton = (await host.getByTestId('share-button').boundingBox())!
    expect(shareButton.x + shareButton.width).toBeLessThanOrEqual(640)
  } finally {
    await close()
  }
})

test('an invitation whose host no longer listens there says so in the Join box, rather than opening a dead page', async ({ page, casefile }) => {
  // A share stopped: its port is free again, and nothing answers there.
  const closed = createServer()
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
  const { port } = closed.address() as AddressInfo
  await new Promise((resolve) => closed.close(resolve))
  await openApp(page, casefile.url)
  await page.getByTestId('join-button').click()
  await page.getByTestId('join-invitation').fill(`127.0.0.1:${port}#${'a'.repeat(22)}`)
  await page.getByTestId('join-open').click()
  await expect(page.getByTestId('join-error')).toContainText(`Nothing answers at 127.0.0.1:${port}: the invitation is old`)
  expect(page.context().pages()).toHaveLength(1)
})

test('a guest whose host stops answering is told, after a while, that it may be gone, and can copy the finding waiting to be saved', async ({ page: host, casefile, browser }) => {
  await openApp(host, casefile.url)
  await waitForReplay(host)
  const code = await share(host)
  const { guest, close } = await join(browser, code, 'Bo', { network: true })
  try {
    await guest.clock.install()
    await guest.getByTestId('pane-replay').click({ position: { x: 5, y: 5 } })
    await guest.keyboard.press('f')
    await guest.getByTestId('finding-title').fill('Retry storm after the 502')
    // The host's process is gone: nothing answers at its address.
    await guest.evaluate(() => (window as unknown as { __network: { cut(): void } }).__network.cut())
    const notice = guest.getByTestId('pairing-notice')
    await expect(notice).toHaveAttribute('data-state', 'reconnecting')
    await guest.getByTestId('finding-save').click()
    await expect(guest.getByTestId('finding-save')).toHaveText('Saving…')
    await expect(guest.getByTestId('finding-copy')).toHaveCount(0)
    await guest.clock.fastForward(25_000)
    await expect(notice).toHaveAttribute('data-state', 'silent')
    await expect(notice).toContainText('it may have stopped sharing or quit')
    await expect(guest.getByTestId('finding-session-over')).toContainText('this finding waits to be saved there, and may never be')
    await expect(guest.getByTestId('finding-copy')).toBeVisible()
  } finally {
    await close()
  }
})

test('the host going to another incident leaves the room to the guest, says what is shared, and comes back to drive from where the room is', async ({ page: host, casefile, browser }) => {
  await openApp(host, casefile.url)
  await waitForReplay(host)
  const code = await share(host)
  const { guest, close } = await join(browser, code, 'Bo')
  try {
    await expect.poll(() => memberNames(guest)).toEqual(['Host', 'Bo'])
    const box = (await scrubber(host).boundingBox())!
    await host.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await expect.poll(() => elapsed(guest)).toBeGreaterThan(5_000)
    const left = await elapsed(host)
    await host.getByTestId('new-incident').click()
    await host.getByTestId('new-incident-title').fill('Another outage')
    await host.getByTestId('new-incident-title').press('Enter')
    await expect(host.getByTestId('incident-title')).toHaveText('Another outage')

    // The guest is not left following a window that looks elsewhere: it drives now.
    await expect.poll(() => memberNames(guest)).toEqual(['Bo'])
    await expect(members(guest).and(guest.locator('[data-driver]'))).toHaveAttribute('data-name', 'Bo')
    await expect(members(guest).and(guest.locator('[data-driver]')).locator('.pairing-badge')).toHaveText('drive')
    await expect(guest.getByTestId('pairing-note')).toContainText('Host stepped away from this incident: you drive until they are back.')
    // It drives somewhere else meanwhile: the room is there when the host comes back.
    const guestBox = (await scrubber(guest).boundingBox())!
    await guest.mouse.click(guestBox.x + guestBox.width * 0.85, guestBox.y + guestBox.height / 2)
    await expect.poll(() => elapsed(guest)).toBeGreaterThan(left + 3_000)
    const drivenTo = await elapsed(guest)
    // Here the host sees that another incident is shared, and can go back to it.
    const button = host.getByTestId('share-button')
    await expect(button).toHaveText('Sharing another incident')
    await button.click()
    await expect(host.getByTestId('share-start')).toHaveText('Share this one instead')
    await host.getByTestId('share-elsewhere-open').click()
    await expect(host.getByTestId('incident-title')).toContainText('Demo')
    await expect.poll(() => memberNames(guest)).toEqual(['Bo', 'Host'])
    await expect(members(guest).and(guest.locator('[data-driver]'))).toHaveAttribute('data-name', 'Host')
    await expect(guest.getByTestId('pairing-note')).toHaveCount(0)
    // The host takes up where the guest drove the room, rather than pulling it back to where it left.
    await waitForReplay(host)
    await expect.poll(() => elapsed(host)).toBe(drivenTo)
    await expect.poll(() => elapsed(guest)).toBe(drivenTo)
  } finally {
    await close()
  }
})

test('a guest the host removes is told so and cannot come back; the invitation changes', async ({ page: host, casefile, browser }) => {
  await openApp(host, casefile.url)
  await waitForReplay(host)
  const code = await share(host)
  const [, port, secret] = /:(\d+)#(.+)$/.exec(code)!
  const { guest, close } = await join(browser, code, 'Bo')
  try {
    // The guest's page carries a secret of its own now (a reload reconnects with it), not the invitation's.
    expect(new URL(guest.url()).searchParams.get(TOKEN_PARAM)).not.toBe(secret)
    await expect.poll(() => memberNames(host)).toEqual(['Host', 'Bo'])

    await host.getByTestId('share-button').click()
    await host.getByTestId('share-participant').filter({ hasText: 'Bo' }).getByTestId('remove-participant').click()
    await expect(guest.getByTestId('pairing-notice')).toHaveAttribute('data-state', 'ended')
    await expect(guest.getByTestId('pairing-notice')).toContainText('The host removed you from the session.')
    await expect(host.getByTestId('share-participant')).toHaveCount(0)
    await expect(host.getByTestId('invitation-code')).not.toHaveValue(code)

    // Neither the guest's own link nor the invitation it had opens the session again.
    await guest.reload()
    await expect(guest.getByTestId('connection-error')).toHaveAttribute('data-reason', 'refused')
    expect(await upgradeStatus(`ws://127.0.0.1:${port}${SOCKET_PATH}?${TOKEN_PARAM}=${secret}`)).toBe(401)
  } finally {
    await close()
  }
})

test('a guest sees the shared incident arrive, part by part, until all of it is in', async ({ page: host, casefile, browser }) => {
  await openApp(host, casefile.url)
  await waitForReplay(host)
  const code = await share(host)
  let release: () => void = () => {}
  const { guest, close } = await openInvitation(browser, code, { prepare: async (context) => void (release = await holdAnswers(context, code, 'sessions.chunks')) })
  try {
    // The recording's chunks are held back on the way: everything else is in, the recording is still coming.
    const receiving = guest.getByTestId('receiving-progress')
    await expect(receiving).toContainText('Receiving the incident')
    await expect(receiving).toHaveAttribute('data-total', '4')
    await expect(receiving).toHaveAttribute('data-done', '3')
    await expect(receiving).toContainText('the recording')
    await expect(receiving).not.toContainText('the findings')
    await expect(receiving.getByRole('progressbar')).toHaveJSProperty('value', 3)
    await guest.getByTestId('join-name').fill('Bo')
    await guest.getByTestId('join-submit').click()
    await expect(receiving).toContainText('from Host')

    // They arrive: the strip goes, and the replay shows the host's moment.
    release()
    await waitForReplay(guest)
    await expect(receiving).toHaveCount(0)
    await expect.poll(async () => Math.abs((await elapsed(guest)) - (await elapsed(host)))).toBeLessThan(200)
  } finally {
    release()
    await close()
  }
})

test('findings written by both at once reach both, and so do the notes both type into one of them; a dropped guest reconnects and what it wrote offline arrives', async ({ page: host, casefile, browser }) => {
  await openApp(host, casefile.url)
  await waitForReplay(host)
  const code = await share(host)
  const { guest, start, own, close } = await join(browser, code, 'Bo', { network: true })
  try {
    await expect.poll(() => memberNames(host)).toEqual(['Host', 'Bo'])
    const write = async (page: Page, title: string) => {
      await page.getByTestId('pane-replay').click({ position: { x: 5, y: 5 } })
      await page.keyboard.press('f')
      await page.getByTestId('finding-title').fill(title)
      // A guest's findings are signed with the name it joined under; the host's, given no author, with its name in the session.
      if (page === host) await expect(page.getByTestId('finding-author')).toHaveAttribute('placeholder', 'Your name (else signed “Host”)')
      else await expect(page.getByTestId('finding-author')).toHaveValue('Bo')
      await page.getByTestId('finding-title').press('Enter')
    }
    await Promise.all([write(host, 'Host saw the 502'), write(guest, 'Bo saw the retry')])
    for (const page of [host, guest]) await expect(page.getByTestId('findings-count')).toHaveText('2')
    const { client: reader, close: closeReader } = await connectApi(casefile)
    const [shared] = await reader.call('incidents.list', {})
    expect((await reader.call('findings.list', { incidentId: shared.id })).map((finding) => [finding.title, finding.author]).sort()).toEqual([
      ['Bo saw the retry', 'Bo'],
      ['Host saw the 502', 'Host'],
    ])
    closeReader()

    // Both open the host's finding and type into its notes at once: both notes are kept.
    const notes = (page: Page) => page.getByTestId('finding-notes')
    for (const page of [host, guest]) {
      await page.getByTestId('findings-toggle').click()
      await page.getByTestId('finding-item').filter({ hasText: 'Host saw the 502' }).getByTestId('finding-edit').click()
      await expect(page.getByTestId('finding-notes-live')).toBeVisible()
    }
    // A guest deletes only what it added; the host, any of them.
    const deleteOf = (page: Page, title: string) => page.getByTestId('finding-item').filter({ hasText: title }).getByTestId('finding-delete')
    await expect(deleteOf(guest, 'Host saw the 502')).toHaveCount(0)
    await expect(deleteOf(guest, 'Bo saw the retry')).toHaveCount(1)
    await expect(deleteOf(host, 'Bo saw the retry')).toHaveCount(1)
    await expect(host.getByTestId('finding-item').filter({ hasText: 'Bo saw the retry' }).locator('.finding-author')).toHaveText('Bo')
    // A guest links to the runbooks the incident's findings cite, and is told why there are none.
    await guest.getByTestId('finding-cancel-x').click()
    await guest.getByTestId('finding-item').filter({ hasText: 'Bo saw the retry' }).getByTestId('finding-link-runbook').click()
    await expect(guest.getByTestId('link-runbook-empty')).toHaveText(/^A guest sees only the runbooks this incident’s findings cite, and none cites one yet/)
    await guest.keyboard.press('Escape')
    await guest.getByTestId('finding-item').filter({ hasText: 'Host saw the 502' }).getByTestId('finding-edit').click()
    await expect(guest.getByTestId('finding-notes-live')).toBeVisible()
    await notes(host).pressSequentially('Gateway 502s.')
    await expect(notes(guest)).toHaveValue('Gateway 502s.')
    await notes(host).press('Home')
    await notes(guest).press('End')
    await Promise.all([notes(host).pressSequentially('Since 14:02: ', { delay: 25 }), notes(guest).pressSequentially(' Retries double them.', { delay: 25 })])
    const merged = 'Since 14:02: Gateway 502s. Retries double them.'
    for (const page of [host, guest]) await expect(notes(page)).toHaveValue(merged)
    for (const page of [host, guest]) {
      await page.getByTestId('finding-save').click()
      await expect(page.getByTestId('finding-item').filter({ hasText: 'Host saw the 502' })).toContainText(merged)
      await page.getByTestId('findings-toggle').click()
    }
    // Typed live and then cancelled: the guest's typing goes again, for both and in the workspace.
    const savedNotes = async () => {
      const { client: api, close: closeApi } = await connectApi(casefile)
      const [incident] = await api.call('incidents.list', {})
      const found = (await api.call('findings.list', { incidentId: incident.id })).find((finding) => finding.title === 'Host saw the 502')!
      closeApi()
      return found.notes
    }
    await guest.getByTestId('findings-toggle').click()
    await guest.getByTestId('finding-item').filter({ hasText: 'Host saw the 502' }).getByTestId('finding-edit').click()
    await expect(guest.getByTestId('finding-notes-live')).toBeVisible()
    await notes(guest).press('End')
    await notes(guest).pressSequentially(' Maybe DNS?')
    await expect.poll(savedNotes).toBe(`${merged} Maybe DNS?`)
    await guest.getByTestId('finding-cancel').click()
    await expect.poll(savedNotes).toBe(merged)
    await guest.getByTestId('findings-toggle').click()

    // The guest's network drops: it says so, keeps what it has, and writes a finding meanwhile.
    await guest.evaluate(() => (window as unknown as { __network: { cut(): void } }).__network.cut())
    await expect(guest.getByTestId('pairing-notice')).toHaveAttribute('data-state', 'reconnecting')
    await expect.poll(() => memberNames(host)).toEqual(['Host'])
    // The guest's room is as last heard, and its driving controls wait for the connection.
    await expect(guest.getByTestId('pairing-members')).toHaveAttribute('data-stale', 'true')
    await expect(guest.getByTestId('ping-button')).toHaveCount(0)
    await expect(replay(guest).getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready')
    await write(guest, 'Written while offline')
    await host.waitForTimeout(500)
    await expect(host.getByTestId('findings-count')).toHaveText('2')

    await guest.evaluate(() => (window as unknown as { __network: { restore(): void } }).__network.restore())
    await expect(guest.getByTestId('pairing-notice')).toHaveCount(0, { timeout: 10_000 })
    await expect(guest.getByTestId('pairing-members')).not.toHaveAttribute('data-stale')
    await expect.poll(() => memberNames(host)).toEqual(['Host', 'Bo'])
    for (const page of [host, guest]) await expect(page.getByTestId('findings-count')).toHaveText('3')

    // Bo drives, drops, and is back driving within moments; when the host took control
    // meanwhile, Bo comes back following, and is told so.
    const driver = (page: Page) => members(page).and(page.locator('[data-driver]'))
    const network = (action: 'cut' | 'restore') => guest.evaluate((act) => (window as unknown as { __network: Record<string, () => void> }).__network[act](), action)
    await host.getByTestId('hand-over').click()
    await host.getByTestId('hand-over-to').filter({ hasText: 'Bo' }).click()
    await expect(driver(guest)).toHaveAttribute('data-name', 'Bo')
    await network('cut')
    await expect(driver(host)).toHaveAttribute('data-name', 'Host')
    await network('restore')
    await expect(driver(host)).toHaveAttribute('data-name', 'Bo', { timeout: 10_000 })
    await expect(guest.getByTestId('pairing-note')).toHaveCount(0)
    await network('cut')
    await expect(driver(host)).toHaveAttribute('data-name', 'Host')
    // The host's second window hands control to the first.
    const { client: second, close: closeSecond } = await connectApi(casefile)
    const { room } = await second.call('pairing.join', { name: 'Host' })
    await second.call('pairing.control', { action: 'give', to: room.members.find((member) => member.name === 'Host')!.id })
    closeSecond()
    await network('restore')
    await expect(guest.getByTestId('pairing-note')).toContainText('While you were disconnected, control went to Host', { timeout: 10_000 })
    await expect(driver(guest)).toHaveAttribute('data-name', 'Host')

    // The guest keeps a copy, with everyone's findings, and opens it in its own workspace.
    const [copy] = await Promise.all([guest.waitForEvent('download'), guest.getByTestId('keep-copy').click()])
    expect(copy.suggestedFilename()).toBe('Demo-checkout-fails-with-502.casefile')
    const copyPath = test.info().outputPath('kept.casefile')
    await copy.saveAs(copyPath)
    const { client: mine, close: closeMine } = await connectApi(own)
    // (Its own demo incident is the same one, and would make the copy "already present".)
    for (const incident of await mine.call('incidents.list', {})) await mine.call('incidents.delete', { id: incident.id })
    await start.reload()
    await start.getByTestId('import-input').setInputFiles(copyPath)
    await expect(start.getByTestId('incident-title')).toHaveText('Demo: checkout fails with 502')
    const [kept] = await mine.call('incidents.list', {})
    expect((await mine.call('findings.list', { incidentId: kept.id })).map((finding) => finding.title).sort()).toEqual(['Bo saw the retry', 'Host saw the 502', 'Written while offline'])
    closeMine()

    // Sharing stops while the guest writes a finding: the guest is told and keeps the incident on
    // screen, and the finding, which the host can no longer take, can be copied.
    await guest.getByTestId('pane-replay').click({ position: { x: 5, y: 5 } })
    await guest.keyboard.press('f')
    await guest.getByTestId('finding-title').fill('Retry storm after the 502')
    await host.getByTestId('share-button').click()
    await host.getByTestId('stop-sharing').click()
    await expect(guest.getByTestId('pairing-notice')).toHaveAttribute('data-state', 'ended')
    await expect(guest.getByTestId('pairing-notice')).toContainText('The host stopped sharing.')
    // The note about control going to the host while it was away is over with the session.
    await expect(guest.getByTestId('pairing-note')).toHaveCount(0)
    await expect(replay(guest).getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready')
    await expect(guest.getByTestId('finding-session-over')).toContainText('The host stopped sharing. This finding can no longer be saved there')
    await expect(guest.getByTestId('finding-save')).toBeDisabled()
    await guest.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await guest.getByTestId('finding-copy').click()
    await expect(guest.getByTestId('finding-copy')).toHaveText('Copied')
    expect(await guest.evaluate(() => navigator.clipboard.readText())).toMatch(/^### Retry storm after the 502\n\nmedium · Bo\n\nAnchored to: moment 2026-11-25T06:3/)
    // Over plain http to a LAN address the page has no Clipboard API (no secure context): it copies all the same.
    await guest.evaluate(() => {
      Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true })
      document.addEventListener('copy', () => (document.body.dataset.copied = document.getSelection()?.toString()))
    })
    await guest.getByTestId('finding-copy').click()
    await expect.poll(() => guest.evaluate(() => document.body.dataset.copied)).toMatch(/^### Retry storm after the 502\n\nmedium · Bo\n/)
    await expect(guest.getByTestId('finding-copy')).toBeFocused()
    // Its exports, which the host built, say why they are gone rather than failing.
    await guest.getByTestId('finding-cancel-x').click()
    await guest.getByTestId('export-button').click()
    await expect(guest.getByTestId('export-md')).toBeDisabled()
    await expect(guest.getByTestId('export-session-over')).toContainText('The session is over, and the host built the exports.')
  } finally {
    await close()
  }
})

test('host and guest type into the same runbook step at once: both edits are kept, for both and in the workspace', async ({ page: host, casefile, browser }) => {
  // A runbook the shared incident cites (a finding is evidence for its first step), so the guest reaches it.
  const { client, close: closeApi } = await connectApi(casefile)
  const [demo] = await client.call('incidents.list', {})
  const runbook = await client.call('runbooks.save', { markdown: RUNBOOK })
  const finding = await client.call('findings.create', {
    incidentId: demo.id,
    finding: { title: 'Acquirer timeouts', notes: '', severity: 'high', tags: [], author: 'Host', anchors: { timeMs: null, traceId: null, spanId: null, node: 'payment-service', edge: null } },
  })
  await client.call('findings.link', { findingId: finding.id, runbookId: runbook.id, stepId: runbook.steps[0].id })

  await openApp(host, casefile.url)
  await waitForReplay(host)
  const code = await share(host)
  const { guest, close } = await join(browser, code, 'Bo')
  try {
    const source = (page: Page) => page.getByTestId('runbook-source')
    for (const page of [host, guest]) {
      await page.getByTestId('open-runbooks').click()
      await page.getByTestId('runbook-item').filter({ hasText: 'Payments failover' }).click()
      await expect(page.getByTestId('runbook-live')).toBeVisible()
    }
    // A guest is not offered what the host refuses it: new runbooks, deleting one, the host's diagrams.
    await expect(guest.getByTestId('new-runbook')).toHaveCount(0)
    await expect(guest.getByTestId('runbook-delete')).toHaveCount(0)
    await expect(guest.getByRole('button', { name: 'Insert diagram' })).toHaveCount(0)
    await expect(host.getByTestId('runbook-delete')).toBeVisible()
    // Both carets in the first step's sentence: the host's at its end, the guest's at its start.
    const sentence = 'Open the acquirer dashboard.'
    const caretAt = (page: Page, at: number) => source(page).evaluate((area: HTMLTextAreaElement, index) => (area.focus(), area.setSelectionRange(index, index)), at)
    await caretAt(host, RUNBOOK.indexOf(sentence) + sentence.length)
    await caretAt(guest, RUNBOOK.indexOf(sentence))
    await Promise.all([host.keyboard.type(' Check the error rate.', { delay: 25 }), guest.keyboard.type('First: ', { delay: 25 })])

    const merged = RUNBOOK.replace(sentence, `First: ${sentence} Check the error rate.`)
    for (const page of [host, guest]) await expect(source(page)).toHaveValue(merged)
    await expect.poll(async () => (await client.call('runbooks.get', { id: runbook.id })).markdown).toBe(merged)
    // The step kept its id (the finding still cites it).
    expect((await client.call('runbooks.get', { id: runbook.id })).steps[0].id).toBe(runbook.steps[0].id)

    // The session over, the guest's runbook says so at once, not on its next save.
    await client.call('pairing.stop', {})
    await expect(guest.getByTestId('pairing-notice')).toHaveAttribute('data-state', 'ended')
    await expect(guest.getByTestId('pairing-notice')).toContainText('The host stopped sharing.')
  } finally {
    closeApi()
    await close()
  }
})

const RUNBOOK = `# Payments failover

## Check the acquirer

Open the acquirer dashboard.

## Fail over

Switch traffic to the secondary acquirer.
`

test('a guest past the limit is told the session is full', async ({ page: host, casefile, browser }) => {
  await openApp(host, casefile.url)
  const code = await share(host)
  const [address, secret] = code.split('#')
  const seated = await Promise.all(Array.from({ length: MAX_GUESTS }, () => nodeSocketTransport(`ws://${address}${SOCKET_PATH}?${TOKEN_PARAM}=${secret}`)))
  // The host sees them connected, though none has chosen a name yet.
  await expect(host.getByTestId('share-button')).toHaveText(`Sharing · ${MAX_GUESTS}`)
  await host.getByTestId('share-button').click()
  await expect(host.getByTestId('share-participant')).toHaveCount(MAX_GUESTS)
  await expect(host.getByTestId('share-participant').first()).toContainText('Joining…')
  await host.keyboard.press('Escape')
  const own = await startCasefile()
  const context = await browser.newContext()
  try {
    const start = await context.newPage()
    await openApp(start, own.url)
    await start.getByTestId('join-button').click()
    await start.getByTestId('join-invitation').fill(code)
    const [guest] = await Promise.all([context.waitForEvent('page'), start.getByTestId('join-open').click()])
    await expect(guest.getByTestId('connection-error')).toHaveAttribute('data-reason', 'ended')
    await expect(guest.getByTestId('connection-error')).toContainText(`The session is full: ${MAX_GUESTS} guests are connected. Ask the host, then try again.`)
    await guest.screenshot({ path: '/tmp/zz/full.png' })
    // Someone leaves: trying again gets in.
    seated.pop()!.socket.close()
    await guest.getByRole('button', { name: 'Try again' }).click()
    await expect(guest.getByTestId('shared-session-label')).toBeVisible()
  } finally {
    for (const transport of seated) transport.socket.close()
    await context.close()
    await own.stop()
  }
})

test('a wrong secret is refused with 401 and nothing else', async ({ page: host, casefile }) => {
  await openApp(host, casefile.url)
  const code = await share(host)
  const [address, secret] = code.split('#')
  const wrong = secret.replace(/^./, (first) => (first === 'A' ? 'B' : 'A'))
  expect(await upgradeStatus(`ws://${address}${SOCKET_PATH}?${TOKEN_PARAM}=${wrong}`)).toBe(401)
  expect(await upgradeStatus(`ws://${address}${SOCKET_PATH}?${TOKEN_PARAM}=${secret}`)).toBe(101)
})

test('three or more in a narrower window: the others are avatars, named in their tooltips, so the header keeps to one row of them', async ({ page: host, casefile, browser }) => {
  await host.setViewportSize({ width: 1000, height: 700 })
  await openApp(host, casefile.url)
  await waitForReplay(host)
  const code = await share(host)
  const first = await join(browser, code, 'Gina Alvarez-Thompson')
  const second = await join(browser, code, 'Sam')
  try {
    await expect.poll(() => memberNames(host)).toEqual(['Host', 'Gina Alvarez-Thompson', 'Sam'])
    const gina = members(host).and(host.locator('[data-name="Gina Alvarez-Thompson"]'))
    await expect(gina).toHaveAttribute('title', /^Gina Alvarez-Thompson, following/)
    expect((await gina.locator('.pairing-member-name').boundingBox())!.width).toBeLessThanOrEqual(1)
    // You and the driver keep your names.
    await expect(members(host).and(host.locator('[data-me]')).locator('.pairing-member-name')).toBeInViewport()
    // One asking for control is named, as the request is theirs.
    await second.guest.getByTestId('ask-control').click()
    const sam = members(host).and(host.locator('[data-name="Sam"]'))
    await expect(sam).toContainText('Sam')
    // Its name is in the element all along (only too narrow to show): wait for the request to widen it.
    await expect.poll(async () => (await sam.locator('.pairing-member-name').boundingBox())?.width ?? 0).toBeGreaterThan(10)
  } finally {
    await first.close()
    await second.close()
  }
})

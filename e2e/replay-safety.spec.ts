import { readFileSync, writeFileSync } from 'node:fs'
import { test as base, type Locator, type Page } from '@playwright/test'
import { fixture, openApp } from './support/app'
import { connectApi } from './support/api'
import { expect, test as casefileTest } from './support/casefile'

// A hostile recording (e2e/fixtures/generate/hostile-session.ts): scripts, handlers, javascript:
// URLs, a meta refresh, a form, remote images and stylesheets. Replaying it must run none of it,
// load nothing from elsewhere and navigate nowhere. The page's CSP refusing the remote loads is
// expected here, so this file replaces the fixture that fails tests on CSP messages with one that
// still fails them on page errors.

const test = casefileTest.extend<{ cspMessages: string[] }>({
  cspMessages: async ({ page }, use) => {
    const messages: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) messages.push(message.text())
    })
    await use(messages)
  },
  // Still automatic (as the fixture it replaces is); page errors still fail the test.
  pageProblems: async ({ page }, use) => {
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    await use(problems)
    base.expect(problems, 'the page threw').toEqual([])
  },
})

/** A 1×1 PNG, what the remote server "answers" for images once remote assets are allowed. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

async function importHostileRecording(page: Page, url: string, file = fixture('hostile-session.rrweb.json')): Promise<void> {
  await openApp(page, url)
  await page.getByTestId('new-incident').click()
  await page.getByTestId('new-incident-title').fill('Hostile recording')
  await page.getByTestId('new-incident-title').press('Enter')
  await expect(page.getByTestId('replay-empty')).toBeVisible()
  await page.getByTestId('import-input').setInputFiles(file)
  await expect(page.getByTestId('pane-replay').getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
}

/** Notes (and aborts) every request to the hostile recording's host, and every frame navigation. */
async function watchEscapes(page: Page): Promise<{ reachedNetwork: string[]; navigations: string[] }> {
  const reachedNetwork: string[] = []
  await page.route('http://evil.invalid/**', (route) => {
    reachedNetwork.push(route.request().url())
    return route.abort()
  })
  const navigations: string[] = []
  page.on('framenavigated', (frame) => navigations.push(frame.url()))
  return { reachedNetwork, navigations }
}

/** What the payloads would have set: in the app's window and in the replayed page's. */
const pwned = async (page: Page, frame: Locator) => ({
  app: await page.evaluate(() => (window as Window & { __casefilePwned?: string }).__casefilePwned),
  replayed: await frame.evaluate((element: HTMLIFrameElement) => (element.contentWindow as Window & { __casefilePwned?: string }).__casefilePwned),
})

test('a hostile recording replays without running, loading or navigating anything', async ({ page, casefile, cspMessages }) => {
  const { reachedNetwork, navigations } = await watchEscapes(page)

  await importHostileRecording(page, casefile.url)

  const replay = page.getByTestId('pane-replay')
  const frame = replay.locator('[data-testid="replay-host"] iframe')
  await expect(frame).toHaveAttribute('sandbox', 'allow-same-origin')
  const replayed = page.frameLocator('[data-testid="replay-host"] iframe')
  await expect(replayed.locator('#title')).toHaveText('Hostile page')

  // Tag the replayed window: were the frame navigated anywhere, this would be gone.
  await frame.evaluate((element: HTMLIFrameElement) => {
    ;(element.contentWindow as Window & { probe?: number }).probe = 7
  })

  // Play it through, late mutations (a handler-carrying image, an onclick) included.
  await replay.getByTestId('replay-play').click()
  await expect(replay.getByTestId('replay-controls')).not.toHaveAttribute('data-playing', { timeout: 10_000 })
  await expect(replay.getByTestId('replay-elapsed')).toHaveText(await replay.getByTestId('replay-total').innerText())
  await page.waitForTimeout(500)

  expect(await pwned(page, frame)).toEqual({ app: undefined, replayed: undefined })
  expect(await frame.evaluate((element: HTMLIFrameElement) => (element.contentWindow as Window & { probe?: number }).probe)).toBe(7)
  await expect(replayed.locator('#title')).toHaveText('Hostile page')
  expect(navigations.filter((url) => /evil\.invalid/.test(url))).toEqual([])
  expect(reachedNetwork, 'requests that left the page').toEqual([])

  // The remote loads were refused by the CSP, and the player says so.
  expect(cspMessages.some((message) => message.includes('evil.invalid'))).toBe(true)
  const note = replay.getByTestId('replay-remote-note')
  await expect(note).toContainText('Remote assets blocked')
  expect(Number(await note.getAttribute('data-blocked'))).toBeGreaterThan(0)
})

test('allowing remote assets loads the recorded images and stylesheets, still running no recorded script', async ({ page, casefile }, testInfo) => {
  const requested: string[] = []
  await page.route('http://evil.invalid/**', (route) => {
    const url = route.request().url()
    requested.push(url)
    if (url.endsWith('/pixel.png')) return route.fulfill({ contentType: 'image/png', body: PIXEL })
    if (url.endsWith('/remote.css')) return route.fulfill({ contentType: 'text/css', body: '#marker { color: rgb(1, 2, 3) }' })
    // Failing loads: an onerror handler would run here if anything could run.
    return route.fulfill({ status: 404, body: '' })
  })
  await importHostileRecording(page, casefile.url)
  const replay = page.getByTestId('pane-replay')
  const note = replay.getByTestId('replay-remote-note')
  await expect(note).toContainText('Remote assets blocked')
  await expect(note).toHaveAttribute('data-blocked', /[1-9]/)
  expect(requested, 'requests that left the page while blocked').toEqual([])
  await replay.getByTestId('replay-controls').screenshot({ path: testInfo.outputPath('remote-assets-blocked.png') })

  // With a finding being written, the reload would ask first, and staying would leave the choice
  // stored but this page blocking: nothing is stored until the finding is saved.
  await page.getByTestId('add-finding').click()
  const title = page.getByTestId('finding-form').getByTestId('finding-title')
  await title.fill('Odd links on the page')
  await replay.getByTestId('replay-remote-toggle').click()
  await expect(replay.getByTestId('replay-remote-toggle')).toHaveText('Save your edits first')
  const api = await connectApi(casefile)
  expect((await api.client.call('prefs.get', {})).allowRemoteAssets).not.toBe(true)
  api.close()
  await title.press('Enter')
  await expect(page.getByTestId('finding-form')).toHaveCount(0)

  await replay.getByTestId('replay-remote-toggle').click()
  await expect(note).toContainText('Remote assets allowed', { timeout: 10_000 })
  await expect(replay.getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
  await replay.getByTestId('replay-controls').screenshot({ path: testInfo.outputPath('remote-assets-allowed.png') })

  const replayed = page.frameLocator('[data-testid="replay-host"] iframe')
  await expect(replayed.locator('#title')).toHaveText('Hostile page')
  await expect.poll(() => replayed.locator('#pixel').evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1)
  await expect(replayed.locator('#marker')).toHaveCSS('color', 'rgb(1, 2, 3)')
  expect(requested).toContain('http://evil.invalid/pixel.png')

  await replay.getByTestId('replay-play').click()
  await expect(replay.getByTestId('replay-controls')).not.toHaveAttribute('data-playing', { timeout: 10_000 })
  await page.waitForTimeout(500)
  const frame = replay.locator('[data-testid="replay-host"] iframe')
  expect(await pwned(page, frame)).toEqual({ app: undefined, replayed: undefined })
  // Only images and stylesheets went out: no script, object, form target or navigation.
  expect(requested.filter((url) => !/\.(png|css)$/.test(url))).toEqual([])

  // The choice is kept, and taking it back blocks again.
  await page.reload()
  await expect(note).toContainText('Remote assets allowed')
  await replay.getByTestId('replay-remote-toggle').click()
  await expect(note).toContainText('Remote assets blocked', { timeout: 10_000 })
})

interface SerializedNode {
  id: number
  tagName?: string
  attributes?: Record<string, string>
  childNodes?: SerializedNode[]
}

type RecordedEvent = { type: number; timestamp: number; data: { node?: SerializedNode; adds?: Array<{ parentId: number; node: SerializedNode }> } }

/**
 * The hostile recording without its frames: a page a seek changes in place (renderer/replay/rebuildInPlace.ts).
 * With `lateFrame`, a mutation adds a frame (a srcdoc script) after the snapshot, which the in-place change
 * leaves to rrweb's own diff.
 */
function frameless(events: RecordedEvent[], { lateFrame = false } = {}): RecordedEvent[] {
  let maxId = 0
  let bodyId = -1
  const strip = (node: SerializedNode): void => {
    maxId = Math.max(maxId, node.id)
    if (node.tagName === 'body') bodyId = node.id
    if (!node.childNodes) return
    node.childNodes = node.childNodes.filter((child) => child.tagName !== 'iframe')
    node.childNodes.forEach(strip)
  }
  for (const event of events) {
    if (event.type === 2 && event.data.node) strip(event.data.node)
    if (event.type === 3 && event.data.adds) event.data.adds = event.data.adds.filter((add) => add.node.tagName !== 'iframe')
  }
  if (!lateFrame) return events
  // Just before the late image (the second to last event).
  const at = events[events.length - 2].timestamp - 100
  const frame: SerializedNode = { id: maxId + 1000, tagName: 'iframe', attributes: { srcdoc: `<script>top.__casefilePwned='late-srcdoc'</script>` }, childNodes: [] }
  const add = { type: 3, timestamp: at, data: { source: 0, texts: [], attributes: [], removes: [], adds: [{ parentId: bodyId, nextId: null, node: { type: 2, ...frame } }] } }
  return [...events.slice(0, -2), add as RecordedEvent, ...events.slice(-2)]
}

function writeFrameless(path: string, options?: { lateFrame?: boolean }): string {
  writeFileSync(path, JSON.stringify(frameless(JSON.parse(readFileSync(fixture('hostile-session.rrweb.json'), 'utf8')), options)))
  return path
}

/** Whether the replayer's own style rules apply in the replayed page (rrweb's hides <noscript>). */
const replayerRulesApply = (frame: Locator) =>
  frame.evaluate((element: HTMLIFrameElement) => {
    const doc = element.contentDocument!
    const probe = doc.body.appendChild(doc.createElement('noscript'))
    const display = getComputedStyle(probe).display
    probe.remove()
    return display === 'none'
  })

async function seekAlong(page: Page, fractions: number[], afterEach: (fraction: number) => Promise<void>): Promise<void> {
  const replay = page.getByTestId('pane-replay')
  const stage = replay.getByTestId('replay-stage')
  const scrubber = replay.getByTestId('replay-scrubber')
  const startMs = Number(await scrubber.getAttribute('data-start-ms'))
  for (const fraction of fractions) {
    const box = (await scrubber.locator('.scrubber-track').boundingBox())!
    await page.mouse.click(box.x + fraction * box.width, box.y + box.height - 2)
    const target = startMs + Number(await scrubber.getAttribute('aria-valuenow'))
    await expect.poll(async () => Math.abs(Number(await stage.getAttribute('data-shown-ms')) - target)).toBeLessThanOrEqual(1)
    await afterEach(fraction)
  }
}

test('seeking back and forth changes a hostile page in place, still running, loading and navigating nothing', async ({ page, casefile }, testInfo) => {
  const file = writeFrameless(testInfo.outputPath('hostile-without-frames.rrweb.json'))
  const { reachedNetwork, navigations } = await watchEscapes(page)
  await importHostileRecording(page, casefile.url, file)

  const replay = page.getByTestId('pane-replay')
  const frame = replay.locator('[data-testid="replay-host"] iframe')
  const replayed = page.frameLocator('[data-testid="replay-host"] iframe')
  await expect(replayed.locator('#title')).toHaveText('Hostile page')
  // Tag the window and the title: a navigation would drop the first, a rebuild the second.
  await frame.evaluate((element: HTMLIFrameElement) => {
    ;(element.contentWindow as Window & { probe?: number }).probe = 7
    ;(element.contentDocument!.getElementById('title') as HTMLElement & { kept?: boolean }).kept = true
  })

  // Before the late mutations, after them (their image made anew), and back: each seek replays from the snapshot.
  await seekAlong(page, [0.02, 0.995, 0.3, 0.995, 0.01], (fraction) => expect(replayed.locator('img[src$="late.png"]')).toHaveCount(fraction > 0.9 ? 1 : 0))
  await page.waitForTimeout(500)

  expect(await replayed.locator('#title').evaluate((title: HTMLElement & { kept?: boolean }) => title.kept)).toBe(true)
  expect(await replayerRulesApply(frame)).toBe(true)
  expect(await pwned(page, frame)).toEqual({ app: undefined, replayed: undefined })
  expect(await frame.evaluate((element: HTMLIFrameElement) => (element.contentWindow as Window & { probe?: number }).probe)).toBe(7)
  expect(navigations.filter((url) => /evil\.invalid/.test(url))).toEqual([])
  expect(reachedNetwork, 'requests that left the page').toEqual([])
})

test('a page that gains a frame after its snapshot is carried over by rrweb, still running nothing', async ({ page, casefile }, testInfo) => {
  const file = writeFrameless(testInfo.outputPath('hostile-late-frame.rrweb.json'), { lateFrame: true })
  const { reachedNetwork } = await watchEscapes(page)
  await importHostileRecording(page, casefile.url, file)

  const frame = page.getByTestId('pane-replay').locator('[data-testid="replay-host"] iframe')
  const replayed = page.frameLocator('[data-testid="replay-host"] iframe')
  // Back to just after the frame (a replay from the snapshot), back before it, then forward past it.
  await seekAlong(page, [1, 0.995, 0.02, 0.995], async (fraction) => {
    await expect(replayed.locator('iframe')).toHaveCount(fraction > 0.9 ? 1 : 0)
    await expect(replayed.locator('#title')).toHaveText('Hostile page')
    expect(await replayerRulesApply(frame)).toBe(true)
  })
  await page.waitForTimeout(500)

  expect(await pwned(page, frame)).toEqual({ app: undefined, replayed: undefined })
  expect(reachedNetwork, 'requests that left the page').toEqual([])
})

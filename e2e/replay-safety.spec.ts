import { test as base } from '@playwright/test'
import { fixture, openApp } from './support/app'
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

test('a hostile recording replays without running, loading or navigating anything', async ({ page, casefile, cspMessages }) => {
  const reachedNetwork: string[] = []
  await page.route('http://evil.invalid/**', (route) => {
    reachedNetwork.push(route.request().url())
    return route.abort()
  })
  const navigations: string[] = []
  page.on('framenavigated', (frame) => navigations.push(frame.url()))

  await openApp(page, casefile.url)
  await page.getByTestId('new-incident').click()
  await page.getByTestId('new-incident-title').fill('Hostile recording')
  await page.getByTestId('new-incident-title').press('Enter')
  await expect(page.getByTestId('replay-empty')).toBeVisible()
  await page.getByTestId('import-input').setInputFiles(fixture('hostile-session.rrweb.json'))

  const replay = page.getByTestId('pane-replay')
  await expect(replay.getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
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

  expect(await page.evaluate(() => (window as Window & { __casefilePwned?: string }).__casefilePwned)).toBeUndefined()
  expect(await frame.evaluate((element: HTMLIFrameElement) => (element.contentWindow as Window & { __casefilePwned?: string }).__casefilePwned)).toBeUndefined()
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

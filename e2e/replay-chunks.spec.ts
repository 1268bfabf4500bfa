import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openApp } from './support/app'
import { expect, test } from './support/casefile'
import { watchChunkCalls } from './support/chunk-calls'

// A long recording stored in many chunks: the demo visit repeated REPEATS times, 20 s apart, each
// repetition's header saying which it is ("Northwind Supply #7"), and 2,100 plugin events (cheap
// to replay, no markers) on each first page so that page spans several chunks (the store closes a
// chunk at 500 events). The replay
// must load only the chunks around the playhead, rebuild from the right snapshot when seeking
// back or far ahead, carry on across chunks while playing, and have a click's chunks at hand when
// the pointer rested there first.

const REPEATS = 12
const PERIOD_MS = 20_000
const FILLERS = 2_100

interface Event {
  type: number
  timestamp: number
  data: Record<string, unknown>
}

function longRecording(): { events: Event[]; startMs: number; endMs: number; secondPageAt: number } {
  const demo = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'electron', 'demo', 'checkout-session.rrweb.json'), 'utf8')) as Event[]
  const start = demo[0].timestamp
  const secondPageAt = demo.filter((event) => event.type === 4)[1].timestamp - start
  const events: Event[] = []
  for (let k = 0; k < REPEATS; k++) {
    const shift = k * PERIOD_MS
    for (const event of demo) {
      const text = JSON.stringify({ ...event, timestamp: event.timestamp + shift })
      events.push(JSON.parse(event.type === 2 ? text.replaceAll('Northwind Supply', `Northwind Supply #${k}`) : text))
    }
    for (let i = 0; i < FILLERS; i++) {
      const at = start + shift + 200 + Math.floor((i * (secondPageAt - 400)) / FILLERS)
      events.push({ type: 6, timestamp: at, data: { plugin: 'casefile/test-filler@1', payload: { i } } })
    }
  }
  events.sort((a, b) => a.timestamp - b.timestamp)
  return { events, startMs: events[0].timestamp, endMs: events[events.length - 1].timestamp, secondPageAt }
}

test('a long recording loads only the chunks around the playhead and replays across them', async ({ page, casefile }, testInfo) => {
  test.setTimeout(90_000)
  const recording = longRecording()
  const file = testInfo.outputPath('long-session.rrweb.json')
  writeFileSync(file, JSON.stringify(recording.events))
  const fetched = watchChunkCalls(page)

  await openApp(page, casefile.url)
  await page.getByTestId('new-incident').click()
  await page.getByTestId('new-incident-title').fill('Long recording')
  await page.getByTestId('new-incident-title').press('Enter')
  await expect(page.getByTestId('replay-empty')).toBeVisible()
  await page.getByTestId('import-input').setInputFiles(file)

  const replay = page.getByTestId('pane-replay')
  const stage = replay.getByTestId('replay-stage')
  const scrubber = replay.getByTestId('replay-scrubber')
  const replayed = page.frameLocator('[data-testid="replay-host"] iframe')
  const header = replayed.locator('header').first()
  await expect(stage).toHaveAttribute('data-status', 'ready', { timeout: 30_000 })
  const chunks = Number(await replay.getByTestId('replay-player').getAttribute('data-chunks'))
  expect(chunks).toBeGreaterThanOrEqual(REPEATS * 3)
  await expect(header).toContainText('Northwind Supply #0')
  // The start needs the first page's snapshot chunk (and the lone first event before it), no more.
  expect(Math.max(...fetched)).toBeLessThanOrEqual(2)

  /** Where on the scrubber time `t` (epoch ms) is. */
  const pointAt = async (t: number) => {
    const box = await scrubber.locator('.scrubber-track').boundingBox()
    if (!box) throw new Error('scrubber not laid out')
    const ratio = (t - recording.startMs) / (recording.endMs - recording.startMs)
    return { x: box.x + ratio * box.width, y: box.y + box.height - 3 }
  }
  /** Clicks the scrubber at time `t`, without resting on it first. */
  const seekTo = async (t: number) => {
    const { x, y } = await pointAt(t)
    await page.mouse.click(x, y)
  }
  const at = (k: number, offsetMs: number) => recording.startMs + k * PERIOD_MS + offsetMs

  // Far ahead: a fresh replay from the snapshot of repetition 10's second page, nothing between.
  await seekTo(at(10, recording.secondPageAt + 4_000))
  await expect(header).toContainText('Northwind Supply #10')
  await expect(replayed.getByRole('heading', { name: 'Your cart' })).toBeVisible()
  const distinct = new Set(fetched)
  expect(distinct.size, `fetched ${[...distinct].sort((a, b) => a - b).join(',')}`).toBeLessThan(chunks / 3)
  for (let seq = 6; seq < chunks - 8; seq++) expect(distinct.has(seq), `chunk ${seq} fetched`).toBe(false)

  // Back, into the second chunk of a first page (it holds no snapshot): its snapshot chunk comes too.
  await seekTo(at(4, recording.secondPageAt - 600))
  await expect(header).toContainText('Northwind Supply #4')
  await expect(replayed.getByRole('heading', { name: 'Products' })).toBeVisible()

  // Play across chunk and page boundaries (into the cart page, then into repetition 5 and on),
  // pause, and the page shown is the one of the paused time.
  await replay.getByTestId('replay-speed-8').click()
  await replay.getByTestId('replay-play').click()
  const elapsed = async () => Number(await scrubber.getAttribute('aria-valuenow'))
  await expect.poll(elapsed, { timeout: 20_000 }).toBeGreaterThan(5 * PERIOD_MS + 3_000)
  await replay.getByTestId('replay-play').click()
  await expect(replay.getByTestId('replay-controls')).not.toHaveAttribute('data-playing')
  const paused = await elapsed()
  const repeat = Math.floor(paused / PERIOD_MS)
  const onSecondPage = paused % PERIOD_MS >= recording.secondPageAt
  expect(repeat).toBeGreaterThanOrEqual(5)
  await expect(header).toContainText(`Northwind Supply #${repeat}`)
  await expect(replayed.getByRole('heading', { name: onSecondPage ? 'Your cart' : 'Products' })).toBeVisible()

  // Back to the very start, rebuilt again.
  await seekTo(recording.startMs)
  await expect(header).toContainText('Northwind Supply #0')
  await expect(replayed.getByRole('heading', { name: 'Products' })).toBeVisible()

  // The pointer resting on the scrubber fetches what a click there needs: the click asks for
  // nothing more. (The last repetition: nothing above loaded it.)
  const before = fetched.length
  const target = await pointAt(at(11, recording.secondPageAt + 2_000))
  await page.mouse.move(target.x, target.y)
  await expect.poll(() => fetched.length).toBeGreaterThan(before)
  await page.waitForTimeout(300)
  const prefetched = fetched.length
  await page.mouse.down()
  await page.mouse.up()
  await expect(header).toContainText('Northwind Supply #11')
  await expect(replayed.getByRole('heading', { name: 'Your cart' })).toBeVisible()
  expect(fetched.slice(prefetched)).toEqual([])
})

test('skipping inactivity passes over an idle stretch, also from inside it, and says so', async ({ page, casefile }, testInfo) => {
  // The demo visit with the cart page 40 s later: a long stretch with nothing happening.
  const demo = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'electron', 'demo', 'checkout-session.rrweb.json'), 'utf8')) as Event[]
  const secondPage = demo.findIndex((event, index) => event.type === 0 && index > 0)
  const idle = demo.map((event, index) => (index >= secondPage ? { ...event, timestamp: event.timestamp + 40_000 } : event))
  const file = testInfo.outputPath('idle-session.rrweb.json')
  writeFileSync(file, JSON.stringify(idle))

  await openApp(page, casefile.url)
  await page.getByTestId('new-incident').click()
  await page.getByTestId('new-incident-title').fill('Idle recording')
  await page.getByTestId('new-incident-title').press('Enter')
  await expect(page.getByTestId('replay-empty')).toBeVisible()
  await page.getByTestId('import-input').setInputFiles(file)
  const replay = page.getByTestId('pane-replay')
  await expect(replay.getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
  await expect(replay.getByTestId('replay-total')).toHaveText('0:57')

  // The wait for the cart page is drawn on the scrubber.
  const idleStretch = replay.getByTestId('scrubber-idle')
  await expect(idleStretch).toHaveCount(1)
  const skip = replay.getByTestId('replay-skip-inactive')
  await skip.click()
  await expect(skip).toHaveAttribute('aria-pressed', 'true')
  // From just before the last click of the first page, at 1×: the 40 s of nothing pass at once.
  const entry = replay.getByTestId('replay-entry').filter({ hasText: 'added TEE-014 to cart (2 in cart)' })
  await entry.click()
  await replay.getByTestId('replay-play').click()
  const replayed = page.frameLocator('[data-testid="replay-host"] iframe')
  // What it skipped: from where playback entered the stretch to a second before its end.
  await expect(replay.getByTestId('replay-skipped')).toContainText(/Skipped 3\d\.\d s of inactivity/)
  await expect(replayed.getByRole('heading', { name: 'Your cart' })).toBeVisible({ timeout: 12_000 })
  const elapsed = Number(await replay.getByTestId('replay-scrubber').getAttribute('aria-valuenow'))
  expect(elapsed).toBeGreaterThan(45_000)

  // Put in the middle of the stretch while playing, the replay plays there: a seek is obeyed.
  const box = (await idleStretch.boundingBox())!
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  const into = Number(await replay.getByTestId('replay-scrubber').getAttribute('aria-valuenow'))
  await page.waitForTimeout(1_500)
  expect(Number(await replay.getByTestId('replay-scrubber').getAttribute('aria-valuenow'))).toBeLessThan(into + 5_000)
  await expect(replayed.getByRole('heading', { name: 'Your cart' })).toHaveCount(0)

  // Paused in the middle, then played: the rest of the stretch is skipped.
  await replay.getByTestId('replay-play').click()
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  await replay.getByTestId('replay-play').click()
  await expect(replayed.getByRole('heading', { name: 'Your cart' })).toBeVisible({ timeout: 5_000 })
})

import { writeFileSync } from 'node:fs'
import { KeyframeBuilder } from '../electron/import/keyframes/keyframe-builder'
import { recordLargeSession } from './fixtures/generate/large-rrweb'
import type { RrwebEvent } from './fixtures/generate/recorder/record-session'
import { openApp } from './support/app'
import { expect, test } from './support/casefile'
import { watchChunkCalls } from './support/chunk-calls'
import { startStockPlayer } from './support/stock-player'

// Keyframes (electron/import/keyframes) let a seek into a stretch without recorded snapshots
// start near the playhead. They must show what replaying from the recorded snapshot shows. The
// recordings here are made live: a dashboard page changing once per task, recorded by rrweb in
// Chromium (e2e/fixtures/generate/large-rrweb.ts), its timeline stretched.

/** JSON with object keys sorted: snapshots equal whatever order attributes were set in. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b))) : inner,
  )

test('a keyframe is the full snapshot rrweb takes of the same moment', async () => {
  test.setTimeout(120_000)
  // Checkouts every 400 events: rrweb's own snapshots of the page, to hold the keyframes against.
  const events = await recordLargeSession({ events: 3_000, checkoutEveryNth: 400, durationMs: 120_000 })
  const builder = new KeyframeBuilder()
  let following = false
  let compared = 0
  for (const event of events) {
    if (following && (event.type === 4 || event.type === 2)) {
      // A checkout: the keyframe of this moment, followed from the first snapshot alone, is the same tree.
      if (event.type === 2) {
        const keyframe = builder.keyframe(event.timestamp)
        expect(keyframe, `a keyframe at event ${events.indexOf(event)}`).not.toBeNull()
        expect(canonical(JSON.parse(keyframe![1]).data.node)).toBe(canonical(event.data!.node))
        compared++
      }
      continue
    }
    if (event.type === 2) following = true
    builder.apply(event)
  }
  expect(compared).toBeGreaterThanOrEqual(5)
})

test('seeking a recording without checkouts starts from the nearest keyframe and shows what stock rrweb-player shows', async ({ page, casefile }, testInfo) => {
  test.setTimeout(120_000)
  const events: RrwebEvent[] = await recordLargeSession({ events: 7_000, durationMs: 300_000 })
  expect(events.filter((event) => event.type === 2)).toHaveLength(1)
  const file = testInfo.outputPath('dashboard.rrweb.json')
  writeFileSync(file, JSON.stringify(events))
  const fetched = watchChunkCalls(page)

  await openApp(page, casefile.url)
  await page.getByTestId('new-incident').click()
  await page.getByTestId('new-incident-title').fill('Live orders')
  await page.getByTestId('new-incident-title').press('Enter')
  await expect(page.getByTestId('replay-empty')).toBeVisible()
  await page.getByTestId('import-input').setInputFiles(file)
  const replay = page.getByTestId('pane-replay')
  const stage = replay.getByTestId('replay-stage')
  await expect(stage).toHaveAttribute('data-status', 'ready', { timeout: 30_000 })
  const chunks = Number(await replay.getByTestId('replay-player').getAttribute('data-chunks'))
  expect(chunks).toBeGreaterThanOrEqual(4)

  // Seek along the scrubber; note the time each seek shows and the dashboard's rows then (their
  // markup: a seek changes the page in place, and the rows' classes must be right too); 0.58 after
  // 0.62 seeks back a little.
  const scrubber = replay.getByTestId('replay-scrubber')
  const startMs = Number(await scrubber.getAttribute('data-start-ms'))
  const rows = page.frameLocator('[data-testid="replay-host"] iframe').locator('#rows')
  const shown: Array<{ timeMs: number; rows: string }> = []
  for (const fraction of [0.97, 0.35, 0.8, 0.12, 0.62, 0.58]) {
    const box = (await scrubber.locator('.scrubber-track').boundingBox())!
    const before = fetched.length
    await page.mouse.click(box.x + fraction * box.width, box.y + box.height - 2)
    const target = startMs + Number(await scrubber.getAttribute('aria-valuenow'))
    await expect.poll(async () => Math.abs(Number(await stage.getAttribute('data-shown-ms')) - target)).toBeLessThanOrEqual(1)
    shown.push({ timeMs: Number(await stage.getAttribute('data-shown-ms')), rows: await rows.innerHTML() })
    // From a keyframe near the playhead: not the chunks from the start of the recording.
    if (fraction > 0.5) expect(fetched.slice(before)).not.toContain(1)
  }

  // The same moments in stock rrweb-player, replaying the whole recording from its one snapshot.
  const stock = await startStockPlayer(JSON.stringify(events))
  try {
    const reference = await page.context().newPage()
    await reference.goto(stock.url)
    await reference.locator('#load').click()
    const referenceRows = reference.frameLocator('.replayer-wrapper iframe').locator('#rows')
    await expect(referenceRows).toBeAttached()
    for (const moment of shown) {
      // The app shows the events up to and including its time; rrweb's goto applies those before the offset.
      await reference.evaluate((offset) => (window as unknown as { player: { goto(ms: number): void } }).player.goto(offset), moment.timeMs - events[0].timestamp + 1)
      // rrweb applies the events after a backward seek once the rebuilt page's styles load: wait for it (on a busy machine that is not at once).
      await expect.poll(() => referenceRows.innerHTML(), { message: `at ${moment.timeMs - startMs} ms` }).toBe(moment.rows)
    }
  } finally {
    await stock.close()
  }
})

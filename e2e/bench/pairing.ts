// npm run bench:pairing — live pairing over loopback, through the real UI in Chromium. The host's
// window shares an incident; a guest opens the invitation; then the host drives (seeks, plays,
// pauses) and the guest follows. Prints one JSON line per incident:
//
//   {"incident","followLatencyP50Ms","followLatencyP99Ms","joinMs","follows","missed","baseline":{"roundTripP50Ms","roundTripP99Ms"},"ratio":{…}}
//
// followLatency: from the moment the driver's window sends a playback change (a `casefile:drive`
// mark) to the moment the follower's replay has taken it (a `casefile:follow` mark, set once its
// playhead is there), on the epoch clock both pages share; one change at a time (after a seek,
// both replays show the moment before the next). Drawing the page at the new moment is the
// replay's own seek (bench:replay). joinMs: from opening the invitation
// to the guest in the room with the replay showing the driver's moment. The baseline is a bare API
// call's round trip from the guest's page over the same connection: the floor any following sits on.
//
// Incidents: the demo, and one holding the 100,000-span trace and the big recording (both
// generated once, as bench:traces and bench:replay make them).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { benchRecording } from '../fixtures/generate/large-rrweb'
import { writeLargeOtlp } from '../fixtures/generate/large-otlp'
import { incidentItem } from '../support/app'
import { runCli, startCasefile } from '../support/server'
import { launchChromium, percentile, round, seededRandom } from './browser'

const CHANGES = Number(process.env.BENCH_CHANGES ?? 200)
const SEED = Number(process.env.BENCH_SEED ?? 7)
const BIG_INCIDENT = 'Pairing benchmark'
const VIEWPORT = { width: 1440, height: 900 }

const log = (message: string) => process.stderr.write(`[bench:pairing] ${message}\n`)

const replayReady = (page: Page) => page.getByTestId('replay-stage').waitFor({ state: 'attached' }).then(() => page.waitForSelector('[data-testid="replay-stage"][data-status="ready"]', { timeout: 60_000 }))

/** The marks a page set with `name`, each as epoch ms and the playback time it carried. */
const marks = (page: Page, name: string) =>
  page.evaluate(
    (markName) => performance.getEntriesByName(markName).map((mark) => ({ at: performance.timeOrigin + mark.startTime, timeMs: (mark as PerformanceMark).detail as number })),
    name,
  )

async function shareFromHost(page: Page): Promise<string> {
  await page.getByTestId('share-button').click()
  await page.getByTestId('share-start').click()
  const url = await page.getByTestId('invitation-url').inputValue()
  await page.keyboard.press('Escape')
  return url
}

/** Opens the invitation in a fresh context, already named; how long until it follows the driver's moment. */
async function joinAsGuest(browser: Browser, invitation: string, hostElapsed: number) {
  const context = await browser.newContext({ viewport: VIEWPORT })
  await context.addInitScript(() => localStorage.setItem('casefile.pairing.name', 'Guest'))
  const guest = await context.newPage()
  const started = Date.now()
  await guest.goto(invitation)
  await guest.waitForFunction(
    (target) => {
      const joined = document.querySelector('[data-testid="pairing-bar"][data-joined]')
      const stage = document.querySelector('[data-testid="replay-stage"][data-status="ready"]')
      const at = Number(document.querySelector('[data-testid="replay-scrubber"]')?.getAttribute('aria-valuenow'))
      return joined && stage && Math.abs(at - target) < 250
    },
    hostElapsed,
    { polling: 'raf', timeout: 60_000 },
  )
  return { context, guest, joinMs: Date.now() - started }
}

/** The driver's changes: seeks to seeded positions, with a play and a pause among them. */
async function drive(host: Page, guest: Page): Promise<{ latencies: number[]; missed: number }> {
  const next = seededRandom(SEED)
  const box = (await host.getByTestId('replay-scrubber').boundingBox())!
  const latencies: number[] = []
  let missed = 0
  await host.evaluate(() => performance.clearMarks())
  await guest.evaluate(() => performance.clearMarks())
  for (let i = 0; i < CHANGES; i++) {
    const before = (await marks(guest, 'casefile:follow')).length
    if (i % 10 === 5) await host.getByTestId('replay-play').click()
    else await host.mouse.click(box.x + (0.05 + 0.9 * next()) * box.width, box.y + box.height - 2)
    // A change the follower never takes is counted, not waited on for ever.
    const taken = await guest
      .waitForFunction((count) => performance.getEntriesByName('casefile:follow').length > count, before, { polling: 'raf', timeout: 5000 })
      .then(() => true, () => false)
    if (!taken) {
      missed++
      log(`change ${i} not followed within 5 s`)
      continue
    }
    // Let a play run a little before the next change pauses or seeks it; after a seek, let both
    // replays show the moment, so each change meets an idle follower (one change at a time).
    if (i % 10 === 5) await host.waitForTimeout(300)
    else await Promise.all([host, guest].map((page) => page.waitForSelector('[data-testid="replay-stage"][data-shown-ms]', { timeout: 60_000 })))
  }
  const sent = await marks(host, 'casefile:drive')
  const followed = await marks(guest, 'casefile:follow')
  // Each follow matches the latest drive of the same time sent before it.
  for (const follow of followed) {
    const cause = sent.filter((drive) => drive.at <= follow.at && Math.abs(drive.timeMs - follow.timeMs) < 1).at(-1)
    if (cause) latencies.push(follow.at - cause.at)
  }
  return { latencies, missed }
}

/** A bare API call's round trip from the guest page, over its own connection. */
async function roundTrips(guest: Page): Promise<number[]> {
  return guest.evaluate(async (count) => {
    const url = new URL(location.href)
    const socket = new WebSocket(`ws://${url.host}/api?token=${url.searchParams.get('token')}`)
    await new Promise((resolve) => (socket.onopen = resolve))
    const times: number[] = []
    for (let id = 1; id <= count; id++) {
      const start = performance.now()
      socket.send(JSON.stringify({ type: 'call', id, method: 'workspace.info', input: {} }))
      await new Promise((resolve) => (socket.onmessage = resolve))
      times.push(performance.now() - start)
    }
    socket.close()
    return times
  }, CHANGES)
}

async function benchIncident(browser: Browser, serverUrl: string, title: string | null) {
  const context = await browser.newContext({ viewport: VIEWPORT })
  const host = await context.newPage()
  await host.goto(serverUrl)
  if (title) await incidentItem(host, title).click()
  await replayReady(host)
  const invitation = await shareFromHost(host)
  const hostElapsed = Number(await host.getByTestId('replay-scrubber').getAttribute('aria-valuenow'))
  const { context: guestContext, guest, joinMs } = await joinAsGuest(browser, invitation, hostElapsed)
  try {
    const { latencies: follow, missed } = await drive(host, guest)
    const trips = await roundTrips(guest)
    const report = {
      incident: title ?? 'demo',
      followLatencyP50Ms: round(percentile(follow, 0.5)),
      followLatencyP99Ms: round(percentile(follow, 0.99)),
      joinMs,
      follows: follow.length,
      missed,
      baseline: { roundTripP50Ms: round(percentile(trips, 0.5)), roundTripP99Ms: round(percentile(trips, 0.99)) },
      ratio: { followP50OverRoundTrip: round(percentile(follow, 0.5) / percentile(trips, 0.5)) },
      targets: { followLatencyP99Ms: 50, bigJoinMs: 5000 },
    }
    await host.getByTestId('share-button').click()
    await host.getByTestId('stop-sharing').click()
    return report
  } finally {
    await guestContext.close()
    await context.close()
  }
}

const dir = mkdtempSync(join(tmpdir(), 'casefile-bench-pairing-'))
const server = await startCasefile()
const browser = await launchChromium()
try {
  process.stdout.write(`${JSON.stringify(await benchIncident(browser, server.url, null))}\n`)

  const trace = join(dir, 'one-trace.otlp.json')
  await writeLargeOtlp(trace, 100_000, { traces: 1 })
  const recording = await benchRecording('checkouts', log)
  log('importing the big incident')
  runCli(['import', '--db', server.dbPath, '--incident', BIG_INCIDENT, recording, trace])
  process.stdout.write(`${JSON.stringify(await benchIncident(browser, server.url, BIG_INCIDENT))}\n`)
} finally {
  await browser.close()
  await server.stop()
  rmSync(dir, { recursive: true, force: true })
}

// npm run bench:replay [-- FILE...] — opens a recording in Chromium through the real UI (`casefile
// serve` on a fresh workspace) and, in the same browser and run, in stock rrweb-player handed the
// whole event array; prints one JSON line per recording:
//
//   {"file","events","openMs","seekP50Ms","seekP95Ms","heapMB","baseline":{"openMs","seekP50Ms","seekP95Ms","heapMB"}}
//
// openMs: pointer down on the incident in the list (the baseline: on its Load button, which
// fetches and parses the file) to the first frame showing the recording. Seeks: SEEKS clicks on
// each side's timeline at the same random fractions of the recording (fixed seed), each measured
// from pointer down to the first frame after the replayed DOM is at that time (the app's stage
// says so in data-shown-ms; stock rrweb-player seeks synchronously in its click handler).
// heapMB: the page's JavaScript heap after a full GC, at the end. Each side runs in a browser
// context of its own, ROUNDS times, alternating with the other; a figure is the median over the
// rounds (of each seek, then p50/p95 over the seeks). The app's replayed page at each seek is
// checked against stock rrweb-player's at the same moment (reported on stderr). Without FILE, the
// two big recordings of issue 3 are generated once into the temp folder (large-rrweb.ts).
// Needs a build (the npm script runs one).
import { basename } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import Database from 'better-sqlite3'
import { KEYFRAME_FLAG } from '../../shared/domain/model'
import { ChunkStart } from '../../electron/store/sessions'
import { benchRecording } from '../fixtures/generate/large-rrweb'
import { incidentItem } from '../support/app'
import { runCli, startCasefile } from '../support/server'
import { type StockPlayerServer, startStockPlayer } from '../support/stock-player'
import { launchChromium, percentile, round, seededRandom } from './browser'
import { heapMB, msToMark, probeApp } from './replay-probe'

const SEEKS = Number(process.env.BENCH_SEEKS ?? 20)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const SEED = Number(process.env.BENCH_SEED ?? 3)
/** How long the pointer rests on each seek's spot before the click (a person aims; the figures are without). */
const REST_MS = Number(process.env.BENCH_REST_MS ?? 0)
const INCIDENT = 'Replay bench'
/** How far past the recording's start the app's first frame may be (a marker at the start is shown settled). */
const OPEN_WITHIN_MS = 1000
const VIEWPORT = { width: 1440, height: 900 }

interface SideFigures {
  openMs: number
  seekP50Ms: number
  seekP95Ms: number
  heapMB: number
}

const log = (message: string) => process.stderr.write(`[bench:replay] ${message}\n`)


interface Imported {
  events: number
  /** Where the app's scrubber starts (the artifact's start). */
  startMs: number
  /** The first recorded event's time: where rrweb's clock starts. */
  firstEventMs: number
  /** The recording as the store holds it: one JSON array of all its events. */
  eventsJson: string
}

/** Imports `file` with `casefile import` into the served workspace and reads back what was stored. */
function importRecording(dbPath: string, file: string): Imported {
  runCli(['import', '--db', dbPath, '--incident', INCIDENT, file])
  const db = new Database(dbPath, { readonly: true })
  try {
    const artifact = db
      .prepare("SELECT a.id, a.start_ms AS startMs FROM artifacts a JOIN incidents i ON i.id = a.incident_id WHERE i.title = ? AND a.kind = 'session'")
      .get(INCIDENT) as { id: number; startMs: number }
    const chunks = db
      .prepare('SELECT events, event_count AS count, starts_with_full_snapshot AS start FROM session_chunks WHERE artifact_id = ? ORDER BY seq')
      .all(artifact.id) as Array<{ events: string; count: number; start: number }>
    // The recorded events only: keyframes are the app's own (see electron/import/keyframes).
    const recorded = (chunk: { events: string; start: number }) =>
      chunk.start === ChunkStart.Keyframe ? JSON.stringify((JSON.parse(chunk.events) as Array<Record<string, unknown>>).filter((event) => !event[KEYFRAME_FLAG])) : chunk.events
    const parts = chunks.filter((chunk) => chunk.count > 0).map((chunk) => recorded(chunk).slice(1, -1))
    const keyframes = chunks.filter((chunk) => chunk.start === ChunkStart.Keyframe).length
    log(`stored in ${chunks.length} chunks, ${keyframes} opening on a keyframe`)
    const eventsJson = `[${parts.join(',')}]`
    const firstEventMs = Math.min(...(JSON.parse(eventsJson) as Array<{ timestamp: number }>).map((event) => event.timestamp))
    return { events: chunks.reduce((sum, chunk) => sum + chunk.count, 0), startMs: artifact.startMs, firstEventMs, eventsJson }
  } finally {
    db.close()
  }
}

/** Clicks `fraction` of the way along a horizontal bar, low enough to miss marker ticks (resting there REST_MS first). */
async function clickAlong(page: Page, selector: string, fraction: number): Promise<void> {
  const box = await page.locator(selector).first().boundingBox()
  if (!box) throw new Error(`${selector} is not laid out`)
  const [x, y] = [box.x + fraction * box.width, box.y + box.height - 2]
  if (REST_MS > 0) {
    await page.mouse.move(x, y)
    await page.waitForTimeout(REST_MS)
  }
  await page.mouse.click(x, y)
}

/** The replayed page's text, in the iframe `frameSelector` names. */
const replayedText = (page: Page, frameSelector: string) =>
  page.evaluate((selector) => document.querySelector<HTMLIFrameElement>(selector)?.contentDocument?.body?.innerText ?? '', frameSelector)

/** One side's figures in one round: its open, each seek (in order) and its heap. */
interface Round {
  openMs: number
  seekMs: number[]
  heapMB: number
}

/** The app: the demo incident showing, then the recording's incident opened from the list and seeked along the scrubber. */
async function roundInApp(browser: Browser, url: string, recording: Imported, fractions: number[], shown: Array<{ timeMs: number; text: string }>): Promise<Round> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  try {
    const page = await context.newPage()
    await page.goto(url)
    await page.getByTestId('incident-view').waitFor()
    await page.getByTestId('incident-item').filter({ hasNotText: INCIDENT }).first().getByRole('button').first().click()
    await page.locator('[data-testid="replay-stage"][data-status="ready"]').waitFor()
    await probeApp(page)
    await incidentItem(page, INCIDENT).getByRole('button').first().click()
    // The first frame of the recording: at its start, or just after (a marker there shows what it did).
    const openMs = await msToMark(page, { times: { from: recording.startMs, to: recording.startMs + OPEN_WITHIN_MS } })
    await page.waitForTimeout(500)

    const scrubber = page.getByTestId('replay-scrubber')
    const seekMs: number[] = []
    shown.length = 0
    for (const fraction of fractions) {
      await clickAlong(page, '[data-testid="replay-scrubber"] .scrubber-track', fraction)
      const target = recording.startMs + Number(await scrubber.getAttribute('aria-valuenow'))
      seekMs.push(await msToMark(page, { times: { from: target - 1, to: target + 1 } }))
      // The moment shown, to the millisecond (the scrubber rounds what it says).
      const shownMs = Math.floor(Number(await page.getByTestId('replay-stage').getAttribute('data-shown-ms')))
      shown.push({ timeMs: shownMs, text: await replayedText(page, '[data-testid="replay-host"] iframe') })
      await page.waitForTimeout(100)
    }
    return { openMs, seekMs, heapMB: await heapMB(page) }
  } finally {
    await context.close()
  }
}

/** Stock rrweb-player: Load, then the same fractions along its progress bar. */
async function roundInStockPlayer(browser: Browser, url: string, fractions: number[]): Promise<Round> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  try {
    const page = await context.newPage()
    await page.goto(url)
    await page.locator('#load').click()
    const openMs = await msToMark(page, { what: 'open' })
    await page.waitForTimeout(500)
    const seekMs: number[] = []
    for (const fraction of fractions) {
      await clickAlong(page, '.rr-progress', fraction)
      seekMs.push(await msToMark(page, { what: 'seek' }))
      await page.waitForTimeout(100)
    }
    return { openMs, seekMs, heapMB: await heapMB(page) }
  } finally {
    await context.close()
  }
}

/** How many of the moments the app showed stock rrweb-player shows the same (by the replayed page's text). */
async function sameAsStockPlayer(browser: Browser, url: string, recording: Imported, shown: Array<{ timeMs: number; text: string }>): Promise<number> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  try {
    const page = await context.newPage()
    await page.goto(url)
    await page.locator('#load').click()
    await msToMark(page, { what: 'open' })
    let same = 0
    for (const moment of shown) {
      // The app shows the events up to and including its time; rrweb's goto applies those before the offset.
      await page.evaluate((offset) => (window as unknown as { player: { goto(ms: number): void } }).player.goto(offset), moment.timeMs - recording.firstEventMs + 1)
      const stock = await replayedText(page, '.replayer-wrapper iframe')
      if (stock === moment.text) same++
      else log(`seek ${shown.indexOf(moment) + 1} differs from stock rrweb-player: ${firstDifference(moment.text, stock)}`)
    }
    return same
  } finally {
    await context.close()
  }
}

/** Where two replayed pages' texts part: the first line that differs, as the app and as stock rrweb-player show it. */
function firstDifference(app: string, stock: string): string {
  const [appLines, stockLines] = [app.split('\n'), stock.split('\n')]
  const line = appLines.findIndex((text, index) => text !== stockLines[index])
  const at = line === -1 ? appLines.length : line
  return `line ${at + 1}: ${JSON.stringify(appLines[at] ?? '(end)')} here, ${JSON.stringify(stockLines[at] ?? '(end)')} there`
}

const median = (values: readonly number[]) => percentile(values, 0.5)

/** A side's figures over its rounds: medians of the open, of each seek and of the heap. */
function figures(rounds: Round[]): SideFigures {
  const seeks = rounds[0].seekMs.map((_, i) => median(rounds.map((r) => r.seekMs[i])))
  log(`  seeks (median of ${rounds.length}): ${seeks.map(Math.round).join(' ')}`)
  return {
    openMs: round(median(rounds.map((r) => r.openMs))),
    seekP50Ms: round(percentile(seeks, 0.5)),
    seekP95Ms: round(percentile(seeks, 0.95)),
    heapMB: round(median(rounds.map((r) => r.heapMB))),
  }
}

async function benchFile(browser: Browser, file: string) {
  const server = await startCasefile()
  let stock: StockPlayerServer | null = null
  try {
    log(`importing ${basename(file)}`)
    const recording = importRecording(server.dbPath, file)
    stock = await startStockPlayer(recording.eventsJson)
    const next = seededRandom(SEED)
    const fractions = Array.from({ length: SEEKS }, () => next())
    // Rounds alternate between the two, so the machine's other work weighs on both alike.
    const app: Round[] = []
    const baseline: Round[] = []
    const shown: Array<{ timeMs: number; text: string }> = []
    for (let i = 0; i < ROUNDS; i++) {
      log(`${recording.events} events, round ${i + 1} of ${ROUNDS}: the app, then stock rrweb-player`)
      app.push(await roundInApp(browser, server.url, recording, fractions, shown))
      baseline.push(await roundInStockPlayer(browser, stock.url, fractions))
    }
    const same = await sameAsStockPlayer(browser, stock.url, recording, shown)
    log(`the app's replayed page matched stock rrweb-player's at ${same} of ${shown.length} seeks`)
    log('the app:')
    const appFigures = figures(app)
    log('stock rrweb-player:')
    return { file: basename(file), events: recording.events, ...appFigures, baseline: figures(baseline) }
  } finally {
    await stock?.close()
    await server.stop()
  }
}

const files = process.argv.length > 2 ? process.argv.slice(2) : [await benchRecording('checkouts', log), await benchRecording('no-checkouts', log)]
const browser = await launchChromium()
try {
  for (const file of files) process.stdout.write(`${JSON.stringify(await benchFile(browser, file))}\n`)
} finally {
  await browser.close()
}

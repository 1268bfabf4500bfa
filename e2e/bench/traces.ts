// npm run bench:traces [-- FILE] — opens one big trace in the Traces pane through the real UI in
// Chromium and prints JSON figures: open (click to first rows), frame times over a scripted scroll
// through the whole trace and over 20 zoom steps, expand-all, and the page's JS heap; then the
// same scroll of a plain list of as many rows (plain-rows.ts) for reference, and a second, traced
// scroll of each for the main thread's CPU time per frame (mainThreadCpuPerFrame).
//
// FILE defaults to a generated OTLP/JSON file holding a single trace of 100,000 spans. It is
// imported with the CLI into the workspace that `casefile serve` shows. Frame times are the main
// thread's work per frame (see frameWorkTimes in bench/browser.ts). Needs a build (the npm script
// runs one).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { writeLargeOtlp } from '../fixtures/generate/large-otlp'
import { runCli, startCasefile } from '../support/server'
import { allowPageFunctions, frameWorkTimes, heapMB, launchChromium, mainThreadCpuPerFrame, percentile, round, waitForFrames } from './browser'
import { openPlainRows } from './plain-rows'

const SPANS = Number(process.env.BENCH_SPANS ?? 100_000)
const INCIDENT = 'Trace benchmark'

async function openTrace(page: Page): Promise<number> {
  // From the click on the trace to the first frame showing its spans.
  return page.evaluate(async () => {
    const row = document.querySelector<HTMLElement>('[data-testid="trace-row"]')
    if (!row) throw new Error('no trace in the list')
    const start = performance.now()
    row.click()
    await new Promise<void>((resolve) => {
      const look = () => (document.querySelector('[data-testid="span-row"]') ? requestAnimationFrame(() => resolve()) : requestAnimationFrame(look))
      look()
    })
    return performance.now() - start
  })
}

/** Scrolls the span list from top to bottom as a fast wheel would (10 rows a frame); the frame times. */
async function scrollThrough(page: Page): Promise<number[]> {
  return frameWorkTimes(page, () => {
    const list = document.querySelector<HTMLElement>('[data-testid="span-tree"]')!
    const before = list.scrollTop
    list.scrollTop = before + 240
    return list.scrollTop > before
  })
}

/** 20 wheel steps over the time axis, zooming in towards its middle; the frame times. */
async function zoomSteps(page: Page): Promise<number[]> {
  return frameWorkTimes(
    page,
    (step) => {
      const axis = document.querySelector<HTMLElement>('[data-testid="time-axis"]')!
      const box = axis.getBoundingClientRect()
      axis.dispatchEvent(new WheelEvent('wheel', { deltaY: -120, clientX: box.left + box.width / 2, clientY: box.top + box.height / 2, bubbles: true, cancelable: true }))
      return step + 1 < 20
    },
    { trailingFrames: 2 },
  )
}

async function expandAll(page: Page): Promise<number> {
  await page.getByTestId('collapse-all').click()
  await waitForFrames(page, 2)
  return page.evaluate(async () => {
    const button = document.querySelector<HTMLElement>('[data-testid="expand-all"]')!
    const start = performance.now()
    button.click()
    await new Promise<void>((resolve) => {
      const look = () => (document.querySelectorAll('[data-testid="span-row"]').length > 1 ? requestAnimationFrame(() => resolve()) : requestAnimationFrame(look))
      look()
    })
    return performance.now() - start
  })
}

const dir = mkdtempSync(join(tmpdir(), 'casefile-bench-traces-'))
const server = await startCasefile()
try {
  const file = process.argv[2] ?? join(dir, 'one-trace.otlp.json')
  if (!process.argv[2]) await writeLargeOtlp(file, SPANS, { traces: 1 })
  runCli(['import', '--db', server.dbPath, '--incident', INCIDENT, file])

  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } })
    await allowPageFunctions(page)
    await page.goto(server.url)
    await page.getByTestId('incident-item').filter({ hasText: INCIDENT }).click()
    await page.getByTestId('trace-row').first().waitFor()
    // The traces pane wide, as an engineer reading a big trace would make it.
    await page.getByTestId('separator-replay-traces').focus()
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowLeft')

    const spans = Number(await page.getByTestId('trace-row').first().getAttribute('data-spans'))
    const openMs = await openTrace(page)
    await waitForFrames(page, 5)
    const scroll = await scrollThrough(page)
    const zoom = await zoomSteps(page)
    const expandAllMs = await expandAll(page)
    const heap = await heapMB(page)
    // A second pass, traced, for the CPU figure (tracing would weigh on the first pass's frame times).
    await page.getByTestId('span-tree').evaluate((list) => (list.scrollTop = 0))
    await waitForFrames(page, 5)
    const scrollCpu = await mainThreadCpuPerFrame(browser, page, () => scrollThrough(page))
    const scroller = (await page.getByTestId('span-tree').boundingBox())!
    const rowCount = Number(await page.locator('.wf-sizer').getAttribute('data-rows'))
    await page.close()

    const plain = await browser.newPage({ viewport: { width: 1600, height: 1000 } })
    await allowPageFunctions(plain)
    await openPlainRows(plain, rowCount, { width: Math.round(scroller.width), height: Math.round(scroller.height) })
    await waitForFrames(plain, 5)
    const baseline = await scrollThrough(plain)
    await plain.evaluate(() => (document.getElementById('list')!.scrollTop = 0))
    await waitForFrames(plain, 5)
    const baselineCpu = await mainThreadCpuPerFrame(browser, plain, () => scrollThrough(plain))
    const report = {
      spans,
      openMs: round(openMs),
      scrollFrameP95Ms: round(percentile(scroll, 0.95)),
      zoomFrameP95Ms: round(percentile(zoom, 0.95)),
      expandAllMs: round(expandAllMs),
      heapMB: heap,
      scrollCpuPerFrameMs: round(scrollCpu, 2),
      baseline: { scrollFrameP95Ms: round(percentile(baseline, 0.95)), scrollCpuPerFrameMs: round(baselineCpu, 2) },
      scrollVsBaseline: round(percentile(scroll, 0.95) / percentile(baseline, 0.95), 2),
      frames: { scroll: scroll.length, zoom: zoom.length, scrollMaxMs: round(Math.max(...scroll)), zoomMaxMs: round(Math.max(...zoom)) },
      targets: { openMs: 1500, scrollFrameP95Ms: 16.7, zoomFrameP95Ms: 16.7, expandAllMs: 300, heapMB: 400 },
    }
    process.stdout.write(`${JSON.stringify(report)}\n`)
  } finally {
    await browser.close()
  }
} finally {
  await server.stop()
  rmSync(dir, { recursive: true, force: true })
}

import { writeFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { record, type RrwebEvent } from './fixtures/generate/recorder/record-session'
import { openApp } from './support/app'
import { expect, test } from './support/casefile'

// A seek back replays from the snapshot and changes the page in place (renderer/replay/rebuildInPlace.ts):
// nodes still there are kept. What a kept node carries beyond its markup must still be the
// moment's: a field's typed value, an element's scroll position. And nodes made anew must be
// what a rebuild makes (SVG elements keep their mixed-case names). Recorded live by rrweb.

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>In place</title></head><body>
<h1 id="title">Settings</h1>
<input id="name">
<div id="list" style="height:80px;overflow:auto"><div style="height:2000px">a tall list</div></div>
<div id="slot"></div>
<script>
const svg = (id) => '<svg width="40" height="40"><defs><linearGradient id="' + id + '"><stop offset="0" stop-color="red"/></linearGradient>'
  + '<clipPath id="c' + id + '"><rect width="20" height="20"/></clipPath></defs><rect width="40" height="40" fill="url(#' + id + ')"/></svg>'
window.step = (n) => {
  document.getElementById('slot').innerHTML = svg('g' + n)
  document.getElementById('list').scrollTop = 300 * n
}
</script></body></html>`

/** Two steps, each filling in the field, scrolling the list and drawing a new SVG: the times between them. */
async function recordSteps(): Promise<{ events: RrwebEvent[]; afterFirst: number; afterSecond: number }> {
  const marks: number[] = []
  const events = await record(async (page) => {
    await page.goto(`data:text/html,${encodeURIComponent(PAGE)}`)
    await page.waitForTimeout(400)
    for (const [n, text] of [[1, 'abc'], [2, 'abcdef']] as const) {
      await page.locator('#name').fill(text)
      // The recorder keeps a field's last value, on change (when it loses focus).
      await page.locator('#name').blur()
      await page.evaluate((step) => (window as unknown as { step(n: number): void }).step(step), n)
      await page.waitForTimeout(400)
      marks.push(Date.now())
      await page.waitForTimeout(400)
    }
  })
  return { events, afterFirst: marks[0], afterSecond: marks[1] }
}

async function seekTo(page: Page, timeMs: number, startMs: number, endMs: number): Promise<void> {
  const replay = page.getByTestId('pane-replay')
  const track = replay.getByTestId('replay-scrubber').locator('.scrubber-track')
  const box = (await track.boundingBox())!
  await page.mouse.click(box.x + ((timeMs - startMs) / (endMs - startMs)) * box.width, box.y + box.height - 2)
  const stage = replay.getByTestId('replay-stage')
  const target = startMs + Number(await replay.getByTestId('replay-scrubber').getAttribute('aria-valuenow'))
  await expect.poll(async () => Math.abs(Number(await stage.getAttribute('data-shown-ms')) - target)).toBeLessThanOrEqual(1)
}

test('a seek back keeps the page but shows the moment: typed values, scroll positions, SVG element names', async ({ page, casefile }, testInfo) => {
  test.setTimeout(90_000)
  const { events, afterFirst, afterSecond } = await recordSteps()
  const file = testInfo.outputPath('in-place.rrweb.json')
  writeFileSync(file, JSON.stringify(events))
  const startMs = events[0].timestamp
  const endMs = events[events.length - 1].timestamp
  expect(afterFirst).toBeLessThan(afterSecond)

  await openApp(page, casefile.url)
  await page.getByTestId('new-incident').click()
  await page.getByTestId('new-incident-title').fill('In place')
  await page.getByTestId('new-incident-title').press('Enter')
  await expect(page.getByTestId('replay-empty')).toBeVisible()
  await page.getByTestId('import-input').setInputFiles(file)
  await expect(page.getByTestId('pane-replay').getByTestId('replay-stage')).toHaveAttribute('data-status', 'ready', { timeout: 15_000 })
  const frame = page.getByTestId('pane-replay').locator('[data-testid="replay-host"] iframe')
  const shown = () =>
    frame.evaluate((element: HTMLIFrameElement) => {
      const doc = element.contentDocument!
      return {
        value: (doc.getElementById('name') as HTMLInputElement).value,
        scrollTop: doc.getElementById('list')!.scrollTop,
        gradient: doc.querySelector('#slot linearGradient, #slot lineargradient')?.id ?? null,
        svgNames: [...doc.querySelectorAll('#slot svg *')].map((node) => node.localName),
      }
    })
  const svgNames = ['defs', 'linearGradient', 'stop', 'clipPath', 'rect', 'rect']

  await seekTo(page, endMs, startMs, endMs)
  await expect.poll(shown).toEqual({ value: 'abcdef', scrollTop: 600, gradient: 'g2', svgNames })
  await frame.evaluate((element: HTMLIFrameElement) => {
    ;(element.contentDocument!.getElementById('title') as HTMLElement & { kept?: boolean }).kept = true
  })

  // Back between the steps: from the snapshot, in place; the first step's SVG is made anew.
  await seekTo(page, (afterFirst + afterSecond) / 2 - 200, startMs, endMs)
  await expect.poll(shown).toEqual({ value: 'abc', scrollTop: 300, gradient: 'g1', svgNames })
  // Back to the start: nothing typed, the list at its top, no SVG.
  await seekTo(page, startMs + 50, startMs, endMs)
  await expect.poll(shown).toEqual({ value: '', scrollTop: 0, gradient: null, svgNames: [] })
  expect(await frame.evaluate((element: HTMLIFrameElement) => (element.contentDocument!.getElementById('title') as HTMLElement & { kept?: boolean }).kept)).toBe(true)
})

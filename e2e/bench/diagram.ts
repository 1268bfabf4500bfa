// npm run bench:diagram — the diagram pane's figures, printed as one line of JSON:
// {"nodes","edges","layoutMs","panFrameP95Ms","derivedGraphMs","baseline":{"panFrameP95Ms"},"panVsBaseline"}.
//
// - layoutMs: a generated diagram (1,000 nodes, 2,000 edges; e2e/bench/diagram-content.ts) opened
//   in the editor in Chromium: from pressing Layout until the laid-out diagram is painted (the
//   layout is worked out in a Web Worker).
// - panFrameP95Ms: the 95th percentile of the main thread's work per frame (frameWorkTimes, as in
//   bench:traces) while the laid-out diagram is zoomed and panned with wheel and drag events, one
//   per frame.
// - derivedGraphMs: deriveServiceGraph over a generated 100,000-span OTLP file (best of 5).
// - baseline: the same laid-out diagram in stock @xyflow/react (default nodes and edges, only the
//   elements in view rendered; xyflow-reference/), fitted, zoomed and panned by the same steps in
//   the same browser; panVsBaseline is the editor's p95 over the reference's.
// Needs a build (the npm script runs one).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { nodeSocketTransport } from '../../electron/test-support/host'
import { importFiles } from '../../electron/import/import-files'
import { deriveServiceGraph } from '../../electron/store/service-graph'
import { Workspace } from '../../electron/store/workspace'
import { createClient } from '../../shared/api/client'
import { SOCKET_PATH, TOKEN_PARAM } from '../../shared/api/wire'
import { autoLayout } from '../../shared/diagrams/autoLayout'
import { writeLargeOtlp } from '../fixtures/generate/large-otlp'
import { startCasefile } from '../support/server'
import { allowPageFunctions, frameWorkTimes, launchChromium, percentile, round } from './browser'
import { generateDiagram } from './diagram-content'
import { startXyflowReference } from './xyflow-reference'

const NODES = Number(process.env.BENCH_NODES ?? 1000)
const EDGES = Number(process.env.BENCH_EDGES ?? 2000)
const SPANS = Number(process.env.BENCH_SPANS ?? 100_000)


async function derivedGraphMs(dir: string): Promise<number> {
  const file = join(dir, 'large.otlp.json')
  await writeLargeOtlp(file, SPANS)
  const workspace = Workspace.open(join(dir, 'derived.sqlite'))
  try {
    const { incident } = importFiles(workspace, { title: 'bench' }, [{ path: file, name: 'large.otlp.json' }])
    const times: number[] = []
    for (let run = 0; run < 5; run++) {
      const start = performance.now()
      deriveServiceGraph(workspace.db, incident.id)
      times.push(performance.now() - start)
    }
    return Math.min(...times)
  } finally {
    workspace.close()
  }
}

/**
 * Runs in the page, one step per animation frame: zoom in toward the middle, pan across with a
 * drag, zoom back out. Returns false when done.
 */
function panAndZoomStep(index: number): boolean {
  // Found once: a query per frame over 10,000 elements would count as the diagram's work.
  const found = globalThis as unknown as { benchPane?: { pane: HTMLElement; center: { x: number; y: number } } }
  if (!found.benchPane) {
    const pane = document.querySelector('.dg-editor .react-flow__pane') as HTMLElement
    const box = pane.getBoundingClientRect()
    found.benchPane = { pane, center: { x: box.left + box.width / 2, y: box.top + box.height / 2 } }
  }
  const { pane, center } = found.benchPane
  const wheel = (deltaY: number) => pane.dispatchEvent(new WheelEvent('wheel', { deltaY, clientX: center.x, clientY: center.y, bubbles: true, cancelable: true }))
  const mouse = (target: EventTarget, type: string, i: number, buttons: number) =>
    target.dispatchEvent(new MouseEvent(type, { clientX: center.x - i * 6, clientY: center.y - i * 3, button: 0, buttons, bubbles: true, view: window }))
  if (index < 40) wheel(-40)
  else if (index === 40) mouse(pane, 'mousedown', 0, 1)
  else if (index <= 120) mouse(window, 'mousemove', index - 40, 1)
  else if (index === 121) mouse(window, 'mouseup', 80, 0)
  else if (index < 162) wheel(40)
  else return false
  return true
}

/**
 * Runs in the page: presses Layout, resolves once the laid-out diagram is painted (the editor is
 * marked data-laying-out while the layout is worked out off the main thread).
 */
function pressLayout(): Promise<number> {
  const editor = document.querySelector('.dg-editor') as HTMLElement
  const button = document.querySelector('[data-testid="diagram-layout"]') as HTMLButtonElement
  return new Promise((resolve) => {
    const start = performance.now()
    const painted = () => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.measure('diagram-layout', { start, end: performance.now() }).duration)))
    const observer = new MutationObserver(() => {
      if (editor.hasAttribute('data-laying-out')) return
      observer.disconnect()
      painted()
    })
    observer.observe(editor, { attributes: true, attributeFilter: ['data-laying-out'] })
    button.click()
  })
}

/** The reference's frames over the same pan and zoom steps, for `content` as laid out, in a pane of the editor's size. */
async function referenceFrames(content: ReturnType<typeof generateDiagram>, pane: { width: number; height: number }): Promise<number[]> {
  const reference = await startXyflowReference()
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } })
  try {
    await allowPageFunctions(page)
    await page.addInitScript((bench) => Object.assign(window, bench), { benchDiagram: content, benchPaneSize: { width: pane.width, height: pane.height } })
    await page.goto(reference.url)
    await page.locator('.dg-editor .react-flow__node').first().waitFor({ timeout: 120_000 })
    await page.waitForTimeout(1000)
    return await frameWorkTimes(page, panAndZoomStep)
  } finally {
    await page.close()
    await reference.close()
  }
}

const dir = mkdtempSync(join(tmpdir(), 'casefile-bench-diagram-'))
const server = await startCasefile()
const browser = await launchChromium()
try {
  const content = generateDiagram(NODES, EDGES)
  const transport = await nodeSocketTransport(`${server.origin.replace('http', 'ws')}${SOCKET_PATH}?${TOKEN_PARAM}=${server.token}`)
  const api = createClient(transport)
  await api.call('diagrams.save', { title: 'Benchmark diagram', content })
  transport.socket.close()

  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } })
  await allowPageFunctions(page)
  await page.goto(server.url)
  await page.getByTestId('incident-view').waitFor()
  await page.getByTestId('diagram-mode-authored').click()
  await page.getByTestId('diagram-item').first().click()
  await page.getByTestId('diagram-expand').click()
  // Zoomed out to fit, a diagram this large shows as an overview, without node elements.
  await page.locator('.dg-editor [data-testid="diagram-overview-hint"]').waitFor({ timeout: 120_000 })
  await page.waitForTimeout(1000)

  const layoutMs = await page.evaluate(`(${pressLayout.toString()})()`)
  await page.waitForTimeout(1000)
  // Fit the view, so every run zooms and pans from the same place.
  await page.locator('.dg-editor .react-flow__controls-fitview').click()
  await page.waitForTimeout(1000)
  const frames = await frameWorkTimes(page, panAndZoomStep)
  const pan = percentile(frames, 0.95)
  const paneBox = (await page.locator('.dg-editor .react-flow').boundingBox())!
  await page.close()
  const baseline = percentile(await referenceFrames(autoLayout(content), paneBox), 0.95)
  const derived = await derivedGraphMs(dir)
  const report = {
    nodes: content.nodes.length,
    edges: content.edges.length,
    layoutMs: round(layoutMs as number),
    panFrameP95Ms: round(pan),
    derivedGraphMs: round(derived),
    baseline: { panFrameP95Ms: round(baseline) },
    panVsBaseline: round(pan / baseline, 2),
  }
  process.stdout.write(`${JSON.stringify(report)}\n`)
} finally {
  await browser.close()
  await server.stop()
  rmSync(dir, { recursive: true, force: true })
}

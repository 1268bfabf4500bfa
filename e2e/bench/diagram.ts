// npm run bench:diagram — the diagram pane's figures, printed as one line of JSON:
// {"nodes","edges","layoutMs","panFrameP95Ms","derivedGraphMs"}.
//
// - layoutMs: a generated diagram (1,000 nodes, 2,000 edges; e2e/bench/diagram-content.ts) opened
//   in the editor in Chromium: from pressing Layout until the laid-out diagram is painted.
// - panFrameP95Ms: the 95th percentile of the main thread's work per frame (events, animation
//   frame, style, layout, paint: until a message posted from the animation frame runs) while the
//   laid-out diagram is zoomed and panned with wheel and drag events, one per frame.
// - derivedGraphMs: deriveServiceGraph over a generated 100,000-span OTLP file (best of 5).
// Needs a build (the npm script runs one).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { nodeSocketTransport } from '../../electron/test-support/host'
import { importFiles } from '../../electron/import/import-files'
import { deriveServiceGraph } from '../../electron/store/service-graph'
import { Workspace } from '../../electron/store/workspace'
import { createClient } from '../../shared/api/client'
import { SOCKET_PATH, TOKEN_PARAM } from '../../shared/api/wire'
import { writeLargeOtlp } from '../fixtures/generate/large-otlp'
import { startCasefile } from '../support/server'
import { generateDiagram } from './diagram-content'

const NODES = Number(process.env.BENCH_NODES ?? 1000)
const EDGES = Number(process.env.BENCH_EDGES ?? 2000)
const SPANS = Number(process.env.BENCH_SPANS ?? 100_000)

const round = (value: number) => Number(value.toFixed(1))
const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN
}

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

/** Runs in the page: one wheel or drag step per animation frame, timing each frame's work. */
function panAndZoom(): Promise<number[]> {
  const pane = document.querySelector('.dg-editor .react-flow__pane') as HTMLElement
  const box = pane.getBoundingClientRect()
  const center = { x: box.left + box.width / 2, y: box.top + box.height / 2 }
  const steps: Array<() => void> = []
  // Zoom in toward the middle, pan across, zoom back out.
  for (let i = 0; i < 40; i++) steps.push(() => pane.dispatchEvent(new WheelEvent('wheel', { deltaY: -40, clientX: center.x, clientY: center.y, bubbles: true, cancelable: true })))
  steps.push(() => pane.dispatchEvent(new MouseEvent('mousedown', { clientX: center.x, clientY: center.y, button: 0, buttons: 1, bubbles: true, view: window })))
  for (let i = 1; i <= 80; i++) steps.push(() => window.dispatchEvent(new MouseEvent('mousemove', { clientX: center.x - i * 6, clientY: center.y - i * 3, buttons: 1, bubbles: true, view: window })))
  steps.push(() => window.dispatchEvent(new MouseEvent('mouseup', { clientX: center.x - 480, clientY: center.y - 240, bubbles: true, view: window })))
  for (let i = 0; i < 40; i++) steps.push(() => pane.dispatchEvent(new WheelEvent('wheel', { deltaY: 40, clientX: center.x, clientY: center.y, bubbles: true, cancelable: true })))
  return new Promise((resolve) => {
    const durations: number[] = []
    const channel = new MessageChannel()
    let started = 0
    let index = 0
    channel.port1.onmessage = () => {
      durations.push(performance.measure('diagram-frame', { start: started, end: performance.now() }).duration)
      if (index >= steps.length) {
        channel.port1.close()
        resolve(durations)
      } else requestAnimationFrame(frame)
    }
    const frame = () => {
      started = performance.now()
      steps[index++]()
      channel.port2.postMessage(null)
    }
    requestAnimationFrame(frame)
  })
}

/** Runs in the page: presses Layout, resolves once the frame after the new layout is painted. */
function pressLayout(): Promise<number> {
  const button = document.querySelector('[data-testid="diagram-layout"]') as HTMLButtonElement
  return new Promise((resolve) => {
    const start = performance.now()
    button.click()
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.measure('diagram-layout', { start, end: performance.now() }).duration)))
  })
}

const dir = mkdtempSync(join(tmpdir(), 'casefile-bench-diagram-'))
const server = await startCasefile()
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
try {
  const content = generateDiagram(NODES, EDGES)
  const transport = await nodeSocketTransport(`${server.origin.replace('http', 'ws')}${SOCKET_PATH}?${TOKEN_PARAM}=${server.token}`)
  const api = createClient(transport)
  await api.call('diagrams.save', { title: 'Benchmark diagram', content })
  transport.socket.close()

  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } })
  // tsx names functions through a helper the page lacks.
  await page.addInitScript('globalThis.__name = (target) => target')
  await page.goto(server.url)
  await page.getByTestId('incident-view').waitFor()
  await page.getByTestId('diagram-mode-authored').click()
  await page.getByTestId('diagram-item').first().click()
  await page.getByTestId('diagram-expand').click()
  await page.locator('.dg-editor .react-flow__node').first().waitFor({ timeout: 120_000 })
  await page.waitForTimeout(1000)

  const layoutMs = await page.evaluate(`(${pressLayout.toString()})()`)
  await page.waitForTimeout(1000)
  const frames = (await page.evaluate(`(${panAndZoom.toString()})()`)) as number[]
  const derived = await derivedGraphMs(dir)
  const report = { nodes: content.nodes.length, edges: content.edges.length, layoutMs: round(layoutMs as number), panFrameP95Ms: round(percentile(frames, 0.95)), derivedGraphMs: round(derived) }
  process.stdout.write(`${JSON.stringify(report)}\n`)
} finally {
  await browser.close()
  await server.stop()
  rmSync(dir, { recursive: true, force: true })
}

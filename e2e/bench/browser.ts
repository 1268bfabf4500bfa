import { type Browser, chromium, type Page } from '@playwright/test'

// Measuring in the page: the main thread's work per frame, and the JS heap through DevTools; and
// what every benchmark needs around that (the browser, seeded positions).

/** Debian's Chromium, with the flags this machine needs (no sandbox, no GPU, no background traffic). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/** A small deterministic PRNG (mulberry32): the same positions on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Lets functions from this process run in the page: tsx compiles them with esbuild's keepNames,
 * which wraps named functions in a `__name(...)` helper the page does not have.
 */
export async function allowPageFunctions(page: Page): Promise<void> {
  await page.addInitScript('globalThis.__name = (target) => target')
}

interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  tdur?: number
  args?: { name?: string }
}

/**
 * The page's main-thread CPU time per animation frame while `run` goes on (ms), from a browser
 * trace: the thread's own CPU time, which leaves out the time the two-core VM gave to other
 * processes or took away. Frame times from the same build vary 2x from run to run here; this
 * varies by a few percent, so it is the figure to compare two builds by.
 */
export async function mainThreadCpuPerFrame(browser: Browser, page: Page, run: () => Promise<unknown>): Promise<number> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] })
  await run()
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }
  const thread = (event: TraceEvent) => `${event.pid}:${event.tid}`
  const mains = new Set(traceEvents.filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain').map(thread))
  const cpu = new Map<string, number>()
  const frames = new Map<string, number>()
  for (const event of traceEvents) {
    const key = thread(event)
    if (!mains.has(key) || event.ph !== 'X') continue
    if (event.name === 'RunTask') cpu.set(key, (cpu.get(key) ?? 0) + (event.tdur ?? 0))
    if (event.name === 'FireAnimationFrame') frames.set(key, (frames.get(key) ?? 0) + 1)
  }
  // The page's renderer is the one that ran the frames.
  const [busiest] = [...frames.entries()].sort((a, b) => b[1] - a[1])
  if (!busiest) return Number.NaN
  return (cpu.get(busiest[0]) ?? 0) / 1000 / busiest[1]
}

export const round = (value: number, digits = 1): number => Number(value.toFixed(digits))

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]
}

/**
 * Runs `step(i)` at the start of successive animation frames until it returns false, then lets
 * `trailingFrames` more go by, and returns how long the page's main thread worked on each frame
 * (ms), each also a `performance.measure` in the page's own timeline: from the frame's first event
 * (a scroll, else the animation frame) until its rendering (style, layout, paint) is done, which
 * is when a message posted from the animation frame gets to run. A frame under 16.7 ms keeps up
 * with a 60 Hz display. (Not the time between frames: headless Chromium paces frames at its own
 * ~17 ms whatever they cost.) `step` runs in the page, so it must not use this module's scope.
 */
export async function frameWorkTimes(page: Page, step: (index: number) => boolean, { trailingFrames = 1 } = {}): Promise<number[]> {
  const measure = (run: (index: number) => boolean, trailing: number) =>
    new Promise<number[]>((resolve) => {
      const durations: number[] = []
      let frameStart: number | null = null
      const begin = () => {
        frameStart ??= performance.now()
      }
      // Scroll events come first in a frame, before its animation frame callbacks.
      document.addEventListener('scroll', begin, { capture: true, passive: true })
      const channel = new MessageChannel()
      channel.port1.onmessage = ({ data }) => {
        if (frameStart !== null) durations.push(performance.measure('frame', { start: frameStart, end: performance.now() }).duration)
        frameStart = null
        if (data !== 'last') return
        document.removeEventListener('scroll', begin, { capture: true })
        channel.port1.close()
        resolve(durations)
      }
      let index = 0
      let left = trailing
      const frame = () => {
        begin()
        if (left < trailing || !run(index++)) left--
        channel.port2.postMessage(left < 0 ? 'last' : 'frame')
        if (left >= 0) requestAnimationFrame(frame)
      }
      requestAnimationFrame(frame)
    })
  // A string, not a function, so the step's source goes to the page as it is written here.
  return page.evaluate(`(${measure.toString()})(${step.toString()}, ${trailingFrames})`)
}

export async function waitForFrames(page: Page, frames: number): Promise<void> {
  await frameWorkTimes(page, () => false, { trailingFrames: frames })
}

/** The page's JS heap after a full garbage collection, typed-array memory included (MB). */
export async function heapMB(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page)
  try {
    await session.send('HeapProfiler.collectGarbage')
    const usage = (await session.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number }
    return round((usage.usedSize + (usage.backingStorageSize ?? 0)) / 1024 ** 2)
  } finally {
    await session.detach()
  }
}

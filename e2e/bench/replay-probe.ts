import type { Page } from '@playwright/test'

// In-page timing for the replay benchmark. A capture listener notes when the pointer went down;
// a mark is taken when the page says the replayed DOM is at a time (the app: its stage's
// data-shown-ms attribute; the baseline: its own page script), stamped at the animation frame
// after it, the frame that shows it. A figure is mark.frameAt - downAt.

export interface Mark {
  /** The time the replay says it shows (the app: epoch ms; the baseline: ms into the recording). */
  time: number | null
  what?: string
  domAt: number
  frameAt: number
}

interface Bench {
  downAt: number
  marks: Mark[]
}

type BenchWindow = Window & { __bench?: Bench }

/** Starts noting pointer-downs and the app's data-shown-ms changes. */
export async function probeApp(page: Page): Promise<void> {
  await page.evaluate(() => {
    const bench: Bench = { downAt: 0, marks: [] }
    ;(window as BenchWindow).__bench = bench
    addEventListener('pointerdown', () => (bench.downAt = performance.now()), true)
    new MutationObserver((records) => {
      for (const record of records) {
        const value = (record.target as Element).getAttribute('data-shown-ms')
        if (value === null) continue
        const domAt = performance.now()
        requestAnimationFrame(() => bench.marks.push({ time: Number(value), domAt, frameAt: performance.now() }))
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-shown-ms'] })
  })
}

/** What a mark must say: the app's shown time within `times` (ms, inclusive), or the baseline's mark named `what`. */
export type WantedMark = { times: { from: number; to: number } } | { what: string }

/** Milliseconds from the last pointer-down to the first frame after it showing what `wanted` says. */
export async function msToMark(page: Page, wanted: WantedMark, timeoutMs = 120_000): Promise<number> {
  const handle = await page.waitForFunction(
    (wanted) => {
      const bench = (window as BenchWindow).__bench!
      const mark = bench.marks.find(
        (candidate) =>
          candidate.domAt >= bench.downAt &&
          ('what' in wanted
            ? candidate.what === wanted.what
            : candidate.time !== null && candidate.time >= wanted.times.from && candidate.time <= wanted.times.to),
      )
      return mark ? mark.frameAt - bench.downAt : false
    },
    wanted,
    { timeout: timeoutMs, polling: 50 },
  )
  return (await handle.jsonValue()) as number
}

/** The page's JavaScript heap after a full garbage collection, in MB. */
export async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('HeapProfiler.collectGarbage')
    await cdp.send('HeapProfiler.collectGarbage')
    const { usedSize } = await cdp.send('Runtime.getHeapUsage')
    return usedSize / 1024 ** 2
  } finally {
    await cdp.detach()
  }
}

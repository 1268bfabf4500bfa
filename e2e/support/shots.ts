// What the screenshot scripts (e2e/support/*-screenshots.ts) share: a page per color scheme and
// window width, PNGs named after them in one folder, and a clean exit code. Screenshots are for
// looking at, not for asserting.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { launchChromium } from '../bench/browser'

export const SCHEMES = ['light', 'dark'] as const
/** The narrow one: as narrow as the three panes go beside the incident list (narrower, one pane shows at a time). */
export const WIDTHS = [1000, 1600] as const
/** The window height of every shot. */
export const HEIGHT = 860

export interface ShotView {
  page: Page
  scheme: (typeof SCHEMES)[number]
  width: (typeof WIDTHS)[number]
  /** Writes `<scheme>-<width>-<name>.png` (skipped when a name filter is given and it does not match). */
  shoot(name: string): Promise<void>
}

/**
 * Opens `url` (or what `url()` gives, each time) in a fresh context for each scheme and width
 * (light and dark, 1000 and 1600 px), waits for the incident view, and runs `steps`. PNGs go to /tmp/casefile-shots/`folder` (or
 * $CASEFILE_SHOTS/`folder`); `only` keeps just the shots whose name contains it.
 */
export async function eachView(folder: string, url: string | (() => Promise<string>), steps: (view: ShotView) => Promise<void>, only?: string): Promise<void> {
  const out = join(process.env.CASEFILE_SHOTS ?? '/tmp/casefile-shots', folder)
  mkdirSync(out, { recursive: true })
  const browser = await launchChromium()
  try {
    for (const scheme of SCHEMES) {
      for (const width of WIDTHS) {
        const context = await browser.newContext({ colorScheme: scheme, viewport: { width, height: HEIGHT } })
        try {
          const page = await context.newPage()
          await page.goto(typeof url === 'string' ? url : await url())
          await page.getByTestId('incident-view').waitFor()
          const shoot = async (name: string) => {
            const file = `${scheme}-${width}-${name}`
            if (only && !file.includes(only)) return
            const path = join(out, `${file}.png`)
            await page.screenshot({ path })
            console.log(path)
          }
          await steps({ page, scheme, width, shoot })
        } finally {
          await context.close()
        }
      }
    }
  } finally {
    await browser.close()
  }
}

/** Runs a screenshot script's main, reporting a failure with a non-zero exit. */
export function runShots(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}

import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { inflateSync } from 'node:zlib'
import { expect, type Locator, type Page } from '@playwright/test'
import { ROOT } from './server'

export const FIXTURES = join(ROOT, 'e2e', 'fixtures', 'data')

/** A file under e2e/fixtures/data; fails clearly when the fixtures were not generated. */
export function fixture(relative: string): string {
  const path = join(FIXTURES, relative)
  if (!existsSync(path)) throw new Error(`missing fixture ${path}: generate them with \`npm run fixtures\``)
  return path
}

/** Files in a fixtures folder matching `pattern`. */
export function fixturesIn(folder: string, pattern: RegExp): string[] {
  const path = join(FIXTURES, folder)
  if (!existsSync(path)) throw new Error(`missing fixture folder ${path}: generate them with \`npm run fixtures\``)
  return readdirSync(path)
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => join(path, name))
}

/** "1,204 events" → 1204 */
export const countIn = (text: string | null): number => Number((text ?? '').replace(/[^\d]/g, '') || Number.NaN)

/** Reads a number shown in a locator's text. */
export async function shownCount(locator: Locator): Promise<number> {
  return countIn(await locator.textContent())
}

/** Opens the app and waits until an incident (or the empty state) is showing. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await expect(page.getByTestId('incident-view').or(page.getByTestId('no-incident'))).toBeVisible()
}

export const incidentItems = (page: Page) => page.getByTestId('incident-item')
export const incidentItem = (page: Page, title: string) =>
  page.getByTestId('incident-item').filter({ has: page.getByTestId('incident-item-title').getByText(title, { exact: true }) })
export const selectedIncident = (page: Page) => page.locator('[data-testid="incident-item"][data-selected]')

/** Whether a reload or close now would be held back (the page asks first): it cancels the unload. */
export const holdsBackUnload = (page: Page): Promise<boolean> =>
  page.evaluate(() => {
    const unload = new Event('beforeunload', { cancelable: true })
    window.dispatchEvent(unload)
    return unload.defaultPrevented
  })

/** The colour the page shows at (x, y), as [r, g, b]: what is painted there, whatever element is on top. */
export async function pixelAt(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const png = await page.screenshot({ clip: { x: Math.floor(x), y: Math.floor(y), width: 1, height: 1 }, scale: 'css' })
  // A 1x1 PNG: IHDR says 8-bit RGB or RGBA; its one row, whatever its filter, is the pixel as is.
  const channels = png[25] === 6 ? 4 : 3
  const data: Buffer[] = []
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at)
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') data.push(png.subarray(at + 8, at + 8 + length))
    at += 12 + length
  }
  const row = inflateSync(Buffer.concat(data))
  if (row.length < 1 + channels) throw new Error('unexpected PNG from the screenshot')
  return [row[1], row[2], row[3]]
}

/** An `rgb(r, g, b)` (or rgba) colour as [r, g, b]. */
export const rgbOf = (color: string): [number, number, number] => {
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number)
  return [r, g, b]
}

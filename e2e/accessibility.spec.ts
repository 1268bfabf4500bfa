import type { Locator } from '@playwright/test'
import { openApp } from './support/app'
import { expect, test } from './support/casefile'

/**
 * The WCAG contrast ratio of an element's text against what is drawn behind it: its own
 * background and its ancestors' down to the first opaque one, blended as the browser paints them.
 * Any CSS colour syntax (color-mix too) is read back through a canvas pixel.
 */
function contrastOf(text: Locator): Promise<number> {
  return text.evaluate((element) => {
    const canvas = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!
    const rgba = (css: string): [number, number, number, number] => {
      canvas.clearRect(0, 0, 1, 1)
      canvas.fillStyle = css
      canvas.fillRect(0, 0, 1, 1)
      const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data
      return [r, g, b, a / 255]
    }
    const over = (top: number[], bottom: number[]) => top.slice(0, 3).map((value, i) => value * top[3] + bottom[i] * (1 - top[3]))
    const layers: Array<[number, number, number, number]> = []
    for (let node: Element | null = element; node; node = node.parentElement) {
      const layer = rgba(getComputedStyle(node).backgroundColor)
      if (layer[3] > 0) layers.push(layer)
      if (layer[3] === 1) break
    }
    const backdrop = layers.reduceRight<number[]>((below, layer) => over(layer, below), [255, 255, 255])
    const style = getComputedStyle(element)
    const ink = over(rgba(style.color).map((value, i) => (i === 3 ? value * Number(style.opacity) : value)), backdrop)
    const luminance = (rgb: number[]) => {
      const [r, g, b] = rgb.map((value) => {
        const channel = value / 255
        return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4
      })
      return 0.2126 * r + 0.7152 * g + 0.0722 * b
    }
    const [light, dark] = [luminance(ink), luminance(backdrop)].sort((a, b) => b - a)
    return (light + 0.05) / (dark + 0.05)
  })
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`small text reads at 4.5:1 or more in ${colorScheme} mode: buttons, counts, the selected incident, errors still ahead in the replay`, async ({ page, casefile }) => {
    await page.emulateMedia({ colorScheme })
    await openApp(page, casefile.url)
    await page.getByTestId('findings-toggle').click()
    const texts: Record<string, Locator> = {
      'the Import… button': page.getByTestId('import-button'),
      'the findings count, drawer open': page.getByTestId('findings-count'),
      "the selected incident's line": page.locator('.incident-row[data-selected] .incident-row-meta'),
      // At the replay's start the failing request and the console error are still ahead.
      'a failed request ahead': page.locator('[data-testid="replay-entry"][data-category="failed"][data-future] .event-row-label'),
      "a failed request's time ahead": page.locator('[data-testid="replay-entry"][data-category="failed"][data-future] .event-row-time'),
      'an error ahead': page.locator('[data-testid="replay-entry"][data-category="error"][data-future] .event-row-label'),
    }
    for (const [what, text] of Object.entries(texts)) {
      await expect(text, what).toBeVisible()
      expect(await contrastOf(text), what).toBeGreaterThanOrEqual(4.5)
    }
  })
}

test('Tab stays in the Add finding form while it is open; Escape gives the keyboard back to Add finding', async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  const addFinding = page.getByTestId('add-finding')
  await addFinding.focus()
  await page.keyboard.press('Enter')
  const form = page.getByTestId('finding-form')
  await expect(form).toBeVisible()
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab')
    expect(await form.evaluate((element) => element.contains(document.activeElement)), `focus after ${i + 1} Tabs`).toBe(true)
  }
  await page.keyboard.press('Shift+Tab')
  expect(await form.evaluate((element) => element.contains(document.activeElement))).toBe(true)
  // The severities are one stop, at the one chosen, as the browser's own Tab goes.
  const stops = new Set<string>()
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab')
    stops.add(await page.evaluate(() => (document.activeElement instanceof HTMLInputElement && document.activeElement.type === 'radio' ? document.activeElement.value : '')))
  }
  stops.delete('')
  expect([...stops]).toEqual(['medium'])
  await page.keyboard.press('Escape')
  await expect(form).toHaveCount(0)
  await expect(addFinding).toBeFocused()
})

test("a confirm left with Tab closes: removing a file is not left open behind the keyboard's place", async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  await page.getByTestId('artifact-remove').first().click()
  const confirm = page.getByTestId('artifact-remove-confirm')
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(confirm).toHaveCount(0)
  await expect(page.getByTestId('artifact-remove')).toHaveCount(2)
})

test("an incident's delete asked with its bin and not confirmed gives the keyboard back to the bin", async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  await page.getByTestId('incident-delete').first().click()
  await expect(page.getByTestId('confirm-delete-no')).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('confirm-delete')).toHaveCount(0)
  await expect(page.getByTestId('incident-delete').first()).toBeFocused()
})

test('the keyboard stays in a popover whose control goes or disables itself: Reset in Clock, Start sharing', async ({ page, casefile }) => {
  await openApp(page, casefile.url)
  const inside = (selector: string) => page.locator(selector).evaluate((element) => element.contains(document.activeElement))
  await page.getByTestId('clock-offset').first().click()
  await page.getByTestId('clock-nudge-100').click()
  await page.getByRole('button', { name: 'Reset' }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('button', { name: 'Reset' })).toBeDisabled()
  await expect.poll(() => inside('[data-testid="clock-offset-menu"]')).toBe(true)
  // Tab on out of it closes it.
  for (let i = 0; i < 12 && (await page.getByTestId('clock-offset-menu').count()) > 0; i++) await page.keyboard.press('Tab')
  await expect(page.getByTestId('clock-offset-menu')).toHaveCount(0)

  await page.getByTestId('share-button').click()
  await page.getByTestId('share-start').focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('invitation-code')).toBeVisible()
  await expect.poll(() => inside('[data-testid="share-panel"]')).toBe(true)
  await page.getByTestId('stop-sharing').focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('share-start')).toBeVisible()
  await expect.poll(() => inside('[data-testid="share-panel"]')).toBe(true)
})

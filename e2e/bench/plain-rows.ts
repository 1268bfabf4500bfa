import type { Page } from '@playwright/test'
import { ROW_HEIGHT } from '../../renderer/traces/waterfall/geometry'

// The reference bench:traces scrolls beside the waterfall: the cheapest DOM list of as many rows,
// one element of plain text per row, virtualized in a few lines of vanilla JS (rows scrolled out
// are reused for those scrolled in) and scrolled the same way. Its frame times are this machine's
// floor for a scrolling list of DOM rows: the waterfall's are read against them, since the
// two-core machine's noise moves both alike.

const html = (count: number, { width, height }: Size) => `<!doctype html>
<style>
  body { margin: 0; font: 12px system-ui, sans-serif; }
  #list { position: absolute; top: 0; left: 0; width: ${width}px; height: ${height}px; overflow-y: auto; }
  #sizer { position: relative; height: ${count * ROW_HEIGHT}px; contain: strict; }
  .row { position: absolute; left: 0; right: 0; height: ${ROW_HEIGHT}px; line-height: ${ROW_HEIGHT}px; white-space: nowrap; }
</style>
<div id="list" data-testid="span-tree"><div id="sizer"></div></div>
<script>
  const list = document.getElementById('list')
  const sizer = document.getElementById('sizer')
  const rows = new Map()
  const render = () => {
    const first = Math.max(0, Math.floor(list.scrollTop / ${ROW_HEIGHT}) - 10)
    const end = Math.min(${count}, Math.ceil((list.scrollTop + list.clientHeight) / ${ROW_HEIGHT}) + 10)
    const free = []
    for (const [row, element] of rows) if (row < first || row >= end) { free.push(element); rows.delete(row) }
    for (let row = first; row < end; row++) {
      if (rows.has(row)) continue
      const element = free.pop() ?? sizer.appendChild(document.createElement('div'))
      element.className = 'row'
      element.style.transform = 'translateY(' + row * ${ROW_HEIGHT} + 'px)'
      element.textContent = 'service-' + (row % 12) + '  operation ' + row + '  ' + ((row * 7919) % 1000) / 10 + ' ms'
      rows.set(row, element)
    }
    for (const element of free) element.remove()
  }
  list.addEventListener('scroll', render, { passive: true })
  render()
</script>`

interface Size {
  width: number
  height: number
}

/** Shows the plain list of `count` rows in `page`, its scroller `size` (the waterfall's) and found as the waterfall's is (span-tree). */
export async function openPlainRows(page: Page, count: number, size: Size): Promise<void> {
  // A navigation, not setContent, so the page's init scripts (allowPageFunctions) run.
  await page.goto(`data:text/html,${encodeURIComponent(html(count, size))}`)
}

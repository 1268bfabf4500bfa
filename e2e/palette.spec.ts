import type { Page } from '@playwright/test'
import { addDemoFinding, connectApi } from './support/api'
import { openApp } from './support/app'
import { expect, test } from './support/casefile'

// Ctrl+K: going to incidents, traces and diagrams by name, and to findings by what they say.

const DEMO_TITLE = 'Demo: checkout fails with 502'
const palette = (page: Page) => page.getByTestId('command-palette')
const items = (page: Page) => palette(page).getByTestId('palette-item')

test('the palette opens a trace by name, a finding found by its words at its span, and a diagram', async ({ page, casefile }) => {
  const demoId = await addDemoFinding(casefile, { title: 'Acquirer timeout fails the checkout', notes: 'The charge waits for the acquirer and gives up after 180 ms.', tags: ['payments'] })
  const { client, close } = await connectApi(casefile)
  await client.call('findings.create', {
    incidentId: demoId,
    finding: { title: 'Quokka service drops its pool', notes: '', severity: 'medium', tags: [], author: 'ana', anchors: { timeMs: null, traceId: null, spanId: null, node: 'payment-service', edge: null } },
  })
  // The same finding written in another incident: the palette says whose each one is.
  const other = await client.call('incidents.create', { title: 'Friday checkout errors' })
  await client.call('findings.create', {
    incidentId: other.id,
    finding: { title: 'Acquirer timeout fails the checkout', notes: '', severity: 'high', tags: [], author: 'ana', anchors: { timeMs: 1, traceId: null, spanId: null, node: null, edge: null } },
  })
  await client.call('diagrams.save', {
    title: 'Payments boundary',
    content: { nodes: [{ id: 'pay', kind: 'service', label: 'payment-service', x: 0, y: 0, width: 160, height: 60, parentId: null, service: 'payment-service', shape: 'service' }], edges: [] },
  })
  close()

  await openApp(page, casefile.url)
  await page.getByTestId('incident-item').filter({ hasText: DEMO_TITLE }).click()
  await expect(page.getByTestId('incident-title')).toHaveText(DEMO_TITLE)
  await page.keyboard.press('Control+k')
  await expect(palette(page)).toBeVisible()
  await page.getByTestId('palette-input').fill('cart')
  await expect(items(page).first()).toContainText('GET /api/cart')
  await page.keyboard.press('Enter')
  await expect(palette(page)).toHaveCount(0)
  await expect(page.getByTestId('trace-title')).toHaveText('GET /api/cart')
  // The replay goes to the trace's start, as opening it from the list does (the cart loads 7 s in),
  // and the keyboard goes on in its spans.
  await expect.poll(async () => Number(await page.getByTestId('replay-scrubber').getAttribute('aria-valuenow'))).toBeGreaterThan(6_500)
  await expect(page.getByTestId('span-tree')).toBeFocused()

  // Prefix search as you type, ranked, the terms highlighted.
  await page.keyboard.press('Control+k')
  await page.getByTestId('palette-input').fill('acquir')
  const findings = items(page).filter({ hasText: 'Acquirer timeout fails the checkout' })
  await expect(findings).toHaveCount(2)
  await expect(findings.filter({ hasText: 'Friday checkout errors' })).toHaveCount(1)
  const finding = findings.filter({ hasText: DEMO_TITLE })
  await expect(finding.locator('mark').first()).toHaveText(/acquir/i)
  await finding.click()
  await expect(page.getByTestId('trace-title')).toHaveText('POST /api/checkout')
  await expect(page.getByTestId('span-details')).toHaveAttribute('data-span-id', '4925562e26609412')

  await page.keyboard.press('Control+k')
  await page.getByTestId('palette-input').fill('payments bound')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('diagram-title')).toHaveValue('Payments boundary')

  // A finding anchored to a service only picks that service, as its drawer entry does.
  await page.keyboard.press('Control+k')
  await page.getByTestId('palette-input').fill('quokka')
  await items(page).filter({ hasText: 'Quokka service drops its pool' }).click()
  await expect(page.getByTestId('span-search')).toHaveValue(/payment-service/)

  // Escape closes without going anywhere, focus back where it was; Tab stays in the palette meanwhile.
  await page.getByTestId('findings-toggle').focus()
  await page.keyboard.press('Control+k')
  await page.keyboard.press('Tab')
  await expect(page.getByTestId('palette-input')).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(palette(page)).toHaveCount(0)
  await expect(page.getByTestId('findings-toggle')).toBeFocused()
})

test('a runbook found by the words of one of its steps opens at that step, which takes the keyboard', async ({ page, casefile }) => {
  const { client, close } = await connectApi(casefile)
  const runbook = await client.call('runbooks.save', {
    markdown: '# Postgres failover\n\n## Check replication lag\n\nRun `SELECT now() - pg_last_xact_replay_timestamp()` on the replica.\n\n## Promote the replica\n\nRun `kubectl exec pg-replica -- pg_ctl promote`.\n',
  })
  close()

  await openApp(page, casefile.url)
  await page.keyboard.press('Control+k')
  await page.getByTestId('palette-input').fill('kubectl')
  await items(page).filter({ hasText: 'Postgres failover' }).click()
  const promote = page.locator(`.rb-step[data-step-id="${runbook.steps[1].id}"]`)
  await expect(promote).toBeFocused()
  await expect(promote).toBeInViewport()
})

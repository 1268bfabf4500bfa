// Screenshots of the runbooks screen for looking at, not for asserting: light and dark, 1000 and 1600 px.
//
//   npm run build
//   node_modules/.bin/node --import tsx e2e/support/runbooks-screenshots.ts
//
// Starts `casefile serve` on a fresh workspace (its demo incident), adds a runbook with a cited
// step and an embedded diagram, and writes PNGs to /tmp/casefile-shots/runbooks/ (or $CASEFILE_SHOTS/runbooks).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { connectApi } from './api'
import { FIXTURES } from './app'
import { startCasefile } from './server'
import { eachView, runShots } from './shots'

runShots(async () => {
  const server = await startCasefile()
  const { client, close } = await connectApi(server)
  const [demo] = await client.call('incidents.list', {})
  const [failing] = await client.call('traces.list', { incidentId: demo.id })
  const diagram = await client.call('diagrams.save', {
    title: 'Payments boundary',
    content: {
      nodes: [
        { id: 'api', kind: 'service', label: 'api-gateway', x: 0, y: 0, width: 150, height: 56, parentId: null, service: 'api-gateway', shape: 'service' },
        { id: 'pay', kind: 'service', label: 'payment-service', x: 230, y: 0, width: 160, height: 56, parentId: null, service: 'payment-service', shape: 'service' },
      ],
      edges: [{ id: 'e1', source: 'api', target: 'pay', label: 'charge' }],
    },
  })
  const markdown = readFileSync(join(FIXTURES, 'runbooks', 'checkout-502.md'), 'utf8').replace(/\n*$/, `\n\n![Where payments run](casefile:diagram/${diagram.id})\n`)
  const runbook = await client.call('runbooks.save', { markdown, owner: 'team-checkout', tags: ['payments', 'checkout'] })
  await client.call('runbooks.save', { markdown: readFileSync(join(FIXTURES, 'runbooks', 'inventory-stock.md'), 'utf8'), owner: 'team-inventory', tags: ['inventory'] })
  const finding = await client.call('findings.create', {
    incidentId: demo.id,
    finding: {
      title: 'Acquirer timeout fails the checkout',
      notes: '',
      severity: 'high',
      tags: ['payments'],
      author: 'ana',
      anchors: { timeMs: null, traceId: failing.traceId, spanId: '4925562e26609412', node: null, edge: null },
    },
  })
  await client.call('findings.link', { findingId: finding.id, runbookId: runbook.id, stepId: runbook.steps[0].id })
  await client.call('runbooks.save', { id: runbook.id, markdown: markdown.replace('secondary', 'backup') })
  close()

  try {
    await eachView('runbooks', server.url, async ({ page, shoot }) => {
      await page.getByTestId('findings-toggle').click()
      await page.getByTestId('finding-item').first().hover()
      await page.getByTestId('finding-link-runbook').first().click()
      await page.getByTestId('link-runbook-choice').first().click()
      await page.getByTestId('link-runbook-step').first().waitFor()
      await shoot('link-dialog')
      await page.keyboard.press('Escape')
      await page.getByTestId('open-runbooks').click()
      await page.getByTestId('runbook-item').filter({ hasText: runbook.title }).click()
      await page.getByTestId('runbook-backlink').first().waitFor()
      await page.getByTestId('runbook-source').press('End')
      await page.getByTestId('runbook-source').type(' ')
      await page.waitForTimeout(300)
      await shoot('editor')
      await page.getByTestId('runbook-revisions-toggle').click()
      await page.getByTestId('runbook-revision').nth(1).click()
      await page.getByTestId('runbook-diff').waitFor()
      await page.waitForTimeout(200)
      await shoot('revisions')
    })
  } finally {
    await server.stop()
  }
})

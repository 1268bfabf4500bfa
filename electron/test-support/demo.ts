import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { seedDemo } from '../demo/seed'
import { createFinding, linkFinding } from '../store/findings'
import { saveRunbook } from '../store/runbooks'
import type { Workspace } from '../store/workspace'

const checkoutRunbook = join(import.meta.dirname, '..', '..', 'e2e', 'fixtures', 'data', 'runbooks', 'checkout-502.md')

/** The demo incident with a finding cited as evidence for step 3 of the checkout runbook. */
export function demoWithEvidence(workspace: Workspace, notes = 'payment-service timed out') {
  seedDemo(workspace)
  const [incident] = workspace.listIncidents()
  const runbook = saveRunbook(workspace.db, { markdown: readFileSync(checkoutRunbook, 'utf8') })
  const finding = createFinding(workspace.db, incident.id, {
    title: 'Acquirer timeout behind the 502',
    notes,
    severity: 'high',
    tags: ['payments'],
    author: 'ana',
    anchors: { timeMs: 1_795_588_380_000, traceId: null, spanId: null, node: 'payment-service', edge: null },
  })
  linkFinding(workspace.db, finding.id, runbook.id, runbook.steps[2].id)
  return { incident, runbook, finding }
}

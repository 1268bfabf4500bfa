import { describe, expect, it } from 'vitest'
import type { FindingInput } from '../../../shared/findings/model'
import { extractSteps } from '../../../shared/runbooks/steps'
import { startTestHost } from '../../../electron/test-support/host'
import { addStepFromFinding, createRunbookFromFinding, linkFindingToStep } from './linkFinding'
import { appendStepFromFinding, runbookFromFinding } from './stepFromFinding'

const evidence: FindingInput = {
  title: 'Acquirer timed out after 180 ms',
  notes: '# Not a heading\npayment-service gave up on the charge.',
  severity: 'high',
  tags: ['payments'],
  author: 'ana',
  anchors: { timeMs: 1_000, traceId: null, spanId: null, node: null, edge: null },
}

describe('a step written from a finding', () => {
  it('is the next numbered item of a numbered runbook, notes inside it', () => {
    const markdown = appendStepFromFinding('# Checkout\n\n1. Check payments.\n2. Fail over.\n', evidence)
    const steps = extractSteps(markdown)
    expect(steps.map((step) => step.title)).toEqual(['Check payments.', 'Fail over.', 'Acquirer timed out after 180 ms'])
    expect(steps[2].text).toContain('payment-service gave up on the charge.')
  })

  it('is a new ## section of a sectioned runbook, and cannot add sections through its notes', () => {
    const markdown = appendStepFromFinding('# Checkout\n\n## Triage\nLook.\n', { ...evidence, notes: '## Sneaky\nmore' })
    expect(extractSteps(markdown).map((step) => step.title)).toEqual(['Triage', 'Acquirer timed out after 180 ms'])
  })

  it('starts a new runbook titled after the finding', () => {
    const markdown = runbookFromFinding(evidence)
    expect(markdown.startsWith('# Acquirer timed out after 180 ms\n')).toBe(true)
    expect(extractSteps(markdown)).toHaveLength(1)
  })
})

describe('linking a finding', () => {
  async function workspace() {
    const host = await startTestHost({ seedDemo: true })
    const api = await host.connect()
    const [incident] = await api.call('incidents.list', {})
    const finding = await api.call('findings.create', { incidentId: incident.id, finding: evidence })
    return { api, finding }
  }

  it('to a step of a runbook shows it under that step', async () => {
    const { api, finding } = await workspace()
    const runbook = await api.call('runbooks.save', { markdown: '# Checkout\n\n1. Check payments.\n2. Fail over.\n' })
    await linkFindingToStep(api, finding.id, runbook, runbook.steps[1].id)
    expect((await api.call('runbooks.backlinks', { id: runbook.id })).map((link) => [link.stepId, link.findingId])).toEqual([[runbook.steps[1].id, finding.id]])
  })

  it('to a new step appended to a runbook keeps the other steps and their ids', async () => {
    const { api, finding } = await workspace()
    const runbook = await api.call('runbooks.save', { markdown: '# Checkout\n\n1. Check payments.\n2. Fail over.\n' })
    const linked = await addStepFromFinding(api, runbook.id, finding)
    expect(linked.runbook.steps.map((step) => step.id).slice(0, 2)).toEqual(runbook.steps.map((step) => step.id))
    expect(linked.stepId).toBe(linked.runbook.steps[2].id)
    expect(linked.finding.links).toEqual([{ runbookId: runbook.id, stepId: linked.stepId, runbookTitle: 'Checkout', step: { ordinal: 3, title: 'Acquirer timed out after 180 ms' } }])
    expect(await api.call('runbooks.revisions', { id: runbook.id })).toHaveLength(2)
  })

  it('to a new runbook makes the finding its first step', async () => {
    const { api, finding } = await workspace()
    const linked = await createRunbookFromFinding(api, finding, 'team-payments')
    expect(linked.runbook).toMatchObject({ title: 'Acquirer timed out after 180 ms', owner: 'team-payments', tags: ['payments'] })
    expect((await api.call('runbooks.backlinks', { id: linked.runbook.id })).map((link) => link.stepId)).toEqual([linked.runbook.steps[0].id])
    // A second from a finding of the same title is a runbook of its own, titled apart.
    const again = await createRunbookFromFinding(api, finding)
    expect(again.runbook.title).toBe('Acquirer timed out after 180 ms (2)')
  })
})

import type { ApiClient } from '../../../shared/api/contract'
import type { Finding } from '../../../shared/findings/model'
import type { Runbook } from '../../../shared/runbooks/model'
import { appendStepFromFinding, runbookFromFinding } from './stepFromFinding'

// Linking a finding to a runbook step ("evidence for step 3"), and writing new steps from it.

export interface LinkedStep {
  runbook: Runbook
  stepId: string
  finding: Finding
}

/** Cites `finding` as evidence for one step of a runbook. */
export async function linkFindingToStep(api: ApiClient, findingId: number, runbook: Runbook, stepId: string): Promise<LinkedStep> {
  const finding = await api.call('findings.link', { findingId, runbookId: runbook.id, stepId })
  return { runbook, stepId, finding }
}

/** The step a save added: the one whose id was not there before (the last one, failing that). */
function addedStep(before: readonly { id: string }[], after: Runbook): string {
  const known = new Set(before.map((step) => step.id))
  const added = after.steps.filter((step) => !known.has(step.id))
  return (added.at(-1) ?? after.steps.at(-1))!.id
}

/** Appends a step written from `finding` to a runbook (saved as a revision), and links the finding to it. */
export async function addStepFromFinding(api: ApiClient, runbookId: number, finding: Finding): Promise<LinkedStep> {
  const current = await api.call('runbooks.get', { id: runbookId })
  const saved = await api.call('runbooks.save', { id: runbookId, markdown: appendStepFromFinding(current.markdown, finding) })
  return linkFindingToStep(api, finding.id, saved, addedStep(current.steps, saved))
}

/** Creates a runbook whose first step is written from `finding`, and links the finding to that step. */
export async function createRunbookFromFinding(api: ApiClient, finding: Finding, owner?: string): Promise<LinkedStep> {
  const taken = new Set((await api.call('runbooks.list', {})).map((runbook) => runbook.title))
  const saved = await api.call('runbooks.save', { markdown: runbookFromFinding(finding, taken), ...(owner ? { owner } : {}), tags: finding.tags })
  return linkFindingToStep(api, finding.id, saved, saved.steps[0].id)
}

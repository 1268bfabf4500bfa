import type { StepBacklink } from '../../../shared/findings/model'
import type { RunbookStepRecord } from '../../../shared/runbooks/model'
import { plainTitle } from '../../../shared/runbooks/steps'
import { plural } from '../../format/numbers'
import { previewSegments } from '../preview/segments'

/**
 * The cited steps the draft no longer has, said before the save that drops them: their citations
 * stay, as "step removed". Null when no cited step goes.
 */
export function droppedCitations(draft: string, saved: readonly RunbookStepRecord[], backlinks: readonly StepBacklink[]): string | null {
  if (backlinks.length === 0) return null
  const segments = previewSegments(draft, saved)
  const kept = new Set(segments.flatMap((segment) => (segment.kind === 'step' && segment.stepId !== null ? [segment.stepId] : [])))
  const dropped = saved.filter((step) => !kept.has(step.id) && backlinks.some((link) => link.stepId === step.id))
  if (dropped.length === 0) return null
  const findings = new Set(backlinks.filter((link) => dropped.some((step) => step.id === link.stepId)).map((link) => link.findingId)).size
  const steps = dropped.map((step) => `${step.ordinal} (“${plainTitle(step.title)}”)`).join(', ')
  // One ## heading makes every step a section: the numbered items the findings cite are steps no more.
  const firstStep = segments.find((segment) => segment.kind === 'step')
  const nowSections = firstStep !== undefined && /^\s*##/.test(firstStep.markdown) && !saved.some((step) => step.text.startsWith('#'))
  const why = nowSections ? ' With a ## heading in it, the runbook’s steps are its ## sections, not its numbered items.' : ''
  return `Saving removes step${dropped.length > 1 ? 's' : ''} ${steps}, cited by ${plural(findings, 'finding')}: ${findings > 1 ? 'they' : 'it'} will show “step removed”.${why}`
}

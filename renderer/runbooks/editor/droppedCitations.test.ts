import { describe, expect, it } from 'vitest'
import { assignStepIds, extractSteps } from '../../../shared/runbooks/steps'
import { droppedCitations } from './droppedCitations'

const SAVED = '# Payments failover\n\n1. Check the acquirer error rate.\n2. Fail over to the **secondary** acquirer.\n3. Tell #payments.\n'
let counter = 0
const saved = assignStepIds([], extractSteps(SAVED), () => `step-${++counter}`)
const citing = (stepId: string, findingId: number) => ({ stepId, findingId, findingTitle: `Finding ${findingId}`, incidentId: 1, incidentTitle: 'Checkout', timeMs: null })

describe('cited steps an edit drops', () => {
  it('are named before the save, with how many findings cite them', () => {
    const backlinks = [citing(saved[1].id, 7), citing(saved[1].id, 8)]
    const withoutFailover = SAVED.replace(/^2\. .*\n/m, '').replace('3. Tell', '2. Tell')
    expect(droppedCitations(withoutFailover, saved, backlinks)).toBe('Saving removes step 2 (“Fail over to the secondary acquirer.”), cited by 2 findings: they will show “step removed”.')
  })

  it('say why when one ## heading turned the numbered steps into sections', () => {
    const backlinks = [citing(saved[1].id, 7)]
    const withSection = `${SAVED}\n## Afterwards\n\nWrite the review.\n`
    expect(droppedCitations(withSection, saved, backlinks)).toBe(
      'Saving removes step 2 (“Fail over to the secondary acquirer.”), cited by 1 finding: it will show “step removed”. With a ## heading in it, the runbook’s steps are its ## sections, not its numbered items.',
    )
  })

  it('are none when the cited step is only reworded or moved, or an uncited one goes', () => {
    const backlinks = [citing(saved[1].id, 7)]
    expect(droppedCitations(SAVED.replace('secondary', 'backup'), saved, backlinks)).toBeNull()
    expect(droppedCitations(SAVED.replace(/^3\. .*\n/m, ''), saved, backlinks)).toBeNull()
    expect(droppedCitations('# Payments failover\n\n1. Tell #payments.\n2. Check the acquirer error rate.\n3. Fail over to the **secondary** acquirer.\n', saved, backlinks)).toBeNull()
  })
})

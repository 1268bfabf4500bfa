import { describe, expect, it } from 'vitest'
import { assignStepIds, extractSteps, type RunbookStep, runbookOwner, runbookTitle, plainTitle } from './steps'

const V1 = `# Checkout 502s

When checkout answers 502, the payment path is usually at fault.

1. Open the failing trace and find the erroring span.
2. Check payment-service error rate on the dashboard.
3. If the acquirer times out, fail over to the secondary acquirer.
4. Tell #payments on call.
`

let counter = 0
const newId = () => `s${++counter}`
const ids = (steps: RunbookStep[]) => steps.map((step) => step.id)

describe('runbook steps', () => {
  it('are the top-level numbered items, or the ## sections when there are any', () => {
    expect(runbookTitle(V1)).toBe('Checkout 502s')
    expect(extractSteps(V1).map((step) => step.title)).toEqual([
      'Open the failing trace and find the erroring span.',
      'Check payment-service error rate on the dashboard.',
      'If the acquirer times out, fail over to the secondary acquirer.',
      'Tell #payments on call.',
    ])
    const sections = extractSteps('# T\n\n## Triage\n1. a\n2. b\n\n## Mitigate\nRoll back.\n')
    expect(sections.map((step) => [step.ordinal, step.title])).toEqual([
      [1, 'Triage'],
      [2, 'Mitigate'],
    ])
    expect(sections[0].text).toContain('2. b')
    // Numbered by their author: the app numbers steps itself.
    expect(extractSteps('# T\n\n## 1. Confirm the blast radius\n\n## 2) Check the acquirer\n\n## 500 errors\n').map((step) => step.title)).toEqual([
      'Confirm the blast radius',
      'Check the acquirer',
      '500 errors',
    ])
  })

  it('keep their ids when other steps are added, removed, reordered or reworded', () => {
    const first = assignStepIds([], extractSteps(V1), newId)
    const [open, check, failover, tell] = ids(first)

    const inserted = V1.replace('2. Check', '2. Look at the replay around the failed request.\n3. Check')
      .replace('3. If', '4. If')
      .replace('4. Tell', '5. Tell')
    const second = assignStepIds(first, extractSteps(inserted), newId)
    expect(ids(second)).toEqual([open, expect.not.stringMatching(new RegExp(`^(${ids(first).join('|')})$`)), check, failover, tell])

    const edited = `# Checkout 502s

1. Tell #payments on call.
2. Open the failing trace and find the erroring span.
3. If the acquirer times out, fail over to the secondary acquirer (see the acquirer runbook).
`
    const third = assignStepIds(second, extractSteps(edited), newId)
    expect(ids(third)).toEqual([tell, open, failover])
  })

  it('keep the id of a step that was extended', () => {
    const first = assignStepIds([], extractSteps('# T\n\n1. Check payments.\n2. Fail over.\n'), newId)
    const extended = assignStepIds(first, extractSteps('# T\n\n1. Check payments.\n2. Fail over to the secondary acquirer, then page #payments.\n'), newId)
    expect(ids(extended)).toEqual(ids(first))
  })

  it('give a rewritten step a new id', () => {
    const first = assignStepIds([], extractSteps(V1), newId)
    const rewritten = V1.replace('Check payment-service error rate on the dashboard.', 'Restart the inventory workers.')
    expect(ids(assignStepIds(first, extractSteps(rewritten), newId))[1]).not.toBe(ids(first)[1])
  })
})

describe('a step title as plain text', () => {
  it('drops emphasis, code ticks and link targets, keeping the words', () => {
    expect(plainTitle('Fail over to the **secondary** acquirer')).toBe('Fail over to the secondary acquirer')
    expect(plainTitle('Run `kubectl rollout undo` on [checkout](https://runbooks.example/checkout)')).toBe('Run kubectl rollout undo on checkout')
    expect(plainTitle('Check 2 * 3 < 7 and a_b_c')).toBe('Check 2 * 3 < 7 and a_b_c')
    expect(plainTitle('<b>raw</b> html')).toBe('<b>raw</b> html')
  })
})

describe('runbookOwner', () => {
  it('is the "Owner:" of the opening lines, to the end of its sentence', () => {
    expect(runbookOwner('# Checkout returns 502\n\nOwner: team-checkout. Use when the API answers 502.\n\n1. Look.\n')).toBe('team-checkout')
    expect(runbookOwner('# Failover\n\nowner: **Payments on-call**\n\n## Check\n')).toBe('Payments on-call')
  })

  it('is none when only a step, a code block or nothing names one', () => {
    expect(runbookOwner('# Failover\n\n1. Owner: whoever is paged.\n')).toBeNull()
    expect(runbookOwner('# Failover\n\n```\nOwner: root\n```\n')).toBeNull()
    expect(runbookOwner('# Failover\n\n1. Fail over.\n')).toBeNull()
  })
})

import { describe, expect, it } from 'vitest'
import type { Runbook } from '../../../shared/runbooks/model'
import { draftOf, isDirty, parseTags } from './draft'

const runbook: Runbook = { id: 1, title: 'T', owner: 'ana', tags: ['payments', 'checkout'], markdown: '# T\n', updatedAt: 0, steps: [] }

describe('a runbook draft', () => {
  it('is unsaved when its text, owner or tags differ from the saved runbook, not when only spacing around tags does', () => {
    expect(isDirty(draftOf(runbook), runbook)).toBe(false)
    expect(isDirty({ ...draftOf(runbook), tags: ' payments ,checkout, ' }, runbook)).toBe(false)
    expect(isDirty({ ...draftOf(runbook), tags: 'payments' }, runbook)).toBe(true)
    expect(isDirty({ ...draftOf(runbook), owner: 'bo' }, runbook)).toBe(true)
    expect(isDirty({ ...draftOf(runbook), markdown: '# T\n\n1. New.\n' }, runbook)).toBe(true)
    expect(isDirty(draftOf(null), null)).toBe(true)
  })

  it('takes tags comma separated, each once', () => {
    expect(parseTags('payments, checkout,, payments ,p1 on call')).toEqual(['payments', 'checkout', 'p1 on call'])
  })
})

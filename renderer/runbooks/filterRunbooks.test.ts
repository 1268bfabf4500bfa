import { describe, expect, it } from 'vitest'
import type { RunbookSummary } from '../../shared/runbooks/model'
import { matchesRunbook } from './filterRunbooks'

const runbook = (title: string, owner = '', tags: string[] = []): RunbookSummary => ({ id: 1, title, owner, tags, updatedAt: 0, steps: 3 })

describe('the runbook list filter', () => {
  it('finds every word, any case, in the title, the owner or a tag; #word in the tags alone', () => {
    const failover = runbook('Payments failover', 'team-payments', ['p1', 'acquirer'])
    expect(matchesRunbook(failover, 'FAILOVER')).toBe(true)
    expect(matchesRunbook(failover, 'payments team')).toBe(true)
    expect(matchesRunbook(failover, 'acq')).toBe(true)
    expect(matchesRunbook(failover, 'failover checkout')).toBe(false)
    expect(matchesRunbook(failover, '#p1')).toBe(true)
    expect(matchesRunbook(failover, '#payments')).toBe(false)
    expect(matchesRunbook(failover, '  ')).toBe(true)
  })
})

import { describe, expect, it } from 'vitest'
import { bestMatches, matchRank, stepMatching } from './matching'

describe('palette matching', () => {
  it('needs every word, ignoring case and accents', () => {
    expect(matchRank('Checkout fails with 502', 'fails 502')).not.toBeNull()
    expect(matchRank('Checkout fails with 502', 'fails 503')).toBeNull()
    expect(matchRank('Zahlung über Kreditkarte', 'uber kredit')).not.toBeNull()
  })

  it('ranks names starting with the query, then a word starting with it, then anything containing it', () => {
    const names = ['Payment retries', 'Slow checkout', 'checkout 502', 'Re-checkout loop']
    expect(bestMatches(names, (name) => name, 'checkout', 10)).toEqual(['checkout 502', 'Slow checkout', 'Re-checkout loop'])
    expect(bestMatches(names, (name) => name, 'eckout', 10)).toEqual(['Slow checkout', 'checkout 502', 'Re-checkout loop'])
    expect(bestMatches(names, (name) => name, '', 2)).toEqual(['Payment retries', 'Slow checkout'])
  })
})

describe('stepMatching', () => {
  const steps = [
    { id: 'lag', text: 'Check replication lag on the replica.' },
    { id: 'promote', text: 'Promote the replica with `kubectl exec pg-replica -- pg_ctl promote`.' },
  ]
  it('is the step holding the most words of the query, as prefixes', () => {
    expect(stepMatching(steps, 'kubect')).toBe('promote')
    expect(stepMatching(steps, 'replica lag')).toBe('lag')
    expect(stepMatching(steps, 'replica')).toBe('lag')
  })
  it('is none when no step holds a word of it (the title matched)', () => {
    expect(stepMatching(steps, 'postgres')).toBeUndefined()
  })
})

import { describe, expect, it } from 'vitest'
import { layoutLayered, layoutLeftToRight } from './layout'

const nodes = ['gateway', 'checkout', 'payments', 'db'].map((id) => ({ id, width: 160, height: 50 }))
const edges = [
  { from: 'gateway', to: 'checkout' },
  { from: 'checkout', to: 'payments' },
  { from: 'checkout', to: 'db' },
]

describe('layered layout', () => {
  it('puts callers left of callees, without overlaps', () => {
    const { positions } = layoutLeftToRight(nodes, edges)
    const at = (id: string) => positions.get(id)!
    expect(at('gateway').x + 160).toBeLessThan(at('checkout').x)
    expect(at('checkout').x + 160).toBeLessThan(at('payments').x)
    expect(Math.abs(at('payments').y - at('db').y)).toBeGreaterThanOrEqual(50)
  })

  it('puts callers above callees top to bottom', () => {
    const { positions, width, height } = layoutLayered(nodes, edges, 'TB')
    const at = (id: string) => positions.get(id)!
    expect(at('gateway').y + 50).toBeLessThan(at('checkout').y)
    expect(at('checkout').y + 50).toBeLessThan(at('db').y)
    expect(height).toBeGreaterThan(width / 2)
  })
})

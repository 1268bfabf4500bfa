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

describe('layered layout of bigger and looping graphs', () => {
  const boxes = (count: number) => Array.from({ length: count }, (_, i) => ({ id: `n${i}`, width: 160, height: 50 }))
  const overlapping = (placed: ReturnType<typeof layoutLeftToRight>, all: ReturnType<typeof boxes>) => {
    const found: string[] = []
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const a = placed.positions.get(all[i].id)!
        const b = placed.positions.get(all[j].id)!
        if (a.x < b.x + 160 && b.x < a.x + 160 && a.y < b.y + 50 && b.y < a.y + 50) found.push(`${all[i].id}/${all[j].id}`)
      }
    }
    return found
  }

  it('lays out calls that loop back, every node placed once and apart', () => {
    const all = boxes(4)
    const loop = [
      { from: 'n0', to: 'n1' },
      { from: 'n1', to: 'n2' },
      { from: 'n2', to: 'n0' },
      { from: 'n2', to: 'n3' },
      { from: 'n3', to: 'n3' },
    ]
    const placed = layoutLeftToRight(all, loop)
    expect(placed.positions.size).toBe(4)
    expect(overlapping(placed, all)).toEqual([])
    expect(placed.positions.get('n0')!.x).toBeLessThan(placed.positions.get('n1')!.x)
    expect(placed.routes[4]).toEqual([])
  })

  it('routes each edge from its caller to its callee, through the layers between', () => {
    const all = boxes(4)
    const placed = layoutLeftToRight(all, [
      { from: 'n0', to: 'n1' },
      { from: 'n1', to: 'n2' },
      { from: 'n0', to: 'n2' },
      { from: 'n0', to: 'n2' },
      { from: 'n2', to: 'n0' },
    ])
    const at = (id: string) => placed.positions.get(id)!
    const route = placed.routes[2]
    expect(route[0]).toEqual({ x: at('n0').x + 160, y: at('n0').y + 25 })
    expect(route.at(-1)).toEqual({ x: at('n2').x, y: at('n2').y + 25 })
    // Through n1's layer along its whole depth, at a slot of its own: never across n1's box.
    const [, enter, leave] = route
    expect(route.length).toBe(4)
    expect([enter.x, leave.x]).toEqual([at('n1').x, at('n1').x + 160])
    expect(enter.y).toBe(leave.y)
    expect(enter.y < at('n1').y || enter.y > at('n1').y + 50).toBe(true)
    expect(placed.routes[3]).toEqual(route)
    // Against the flow: from n2's left side back to n0's right side.
    expect(placed.routes[4][0]).toEqual({ x: at('n2').x, y: at('n2').y + 25 })
    expect(placed.routes[4].at(-1)).toEqual({ x: at('n0').x + 160, y: at('n0').y + 25 })
  })

  it('keeps a thousand nodes apart and within the reported size', () => {
    const all = boxes(1000)
    let seed = 7
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647
    const calls = Array.from({ length: 2000 }, () => {
      const from = Math.floor(random() * 990)
      return { from: `n${from}`, to: `n${Math.min(999, from + 1 + Math.floor(random() * 30))}` }
    })
    const placed = layoutLeftToRight(all, calls)
    expect(overlapping(placed, all)).toEqual([])
    for (const { x, y } of placed.positions.values()) {
      expect(x).toBeGreaterThanOrEqual(0)
      expect(y).toBeGreaterThanOrEqual(0)
      expect(x + 160).toBeLessThanOrEqual(placed.width)
      expect(y + 50).toBeLessThanOrEqual(placed.height)
    }
  })
})

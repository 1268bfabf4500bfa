import { type DiagramContent, type DiagramNode, node } from '../../shared/diagrams/model'

/**
 * A large authored diagram for the benchmark: `nodeCount` nodes (a twentieth of them boundaries
 * holding up to nine services each, the rest services, a few notes) and `edgeCount` edges between
 * services, tier to tier like calls down a stack. Seeded: the same every run.
 */
export function generateDiagram(nodeCount: number, edgeCount: number): DiagramContent {
  let seed = 42
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
    return seed / 2 ** 31
  }
  const groupCount = Math.floor(nodeCount / 20)
  const nodes: DiagramNode[] = []
  for (let g = 0; g < groupCount; g++) {
    nodes.push(node({ id: `g${g}`, kind: 'group', label: `zone ${g}`, x: (g % 10) * 700, y: Math.floor(g / 10) * 500, width: 640, height: 440, boundary: g % 3 === 0 ? 'zone' : 'region' }))
  }
  const services: string[] = []
  for (let i = 0; nodes.length < nodeCount; i++) {
    const group = i < groupCount * 9 ? Math.floor(i / 9) : null
    const id = `s${i}`
    const note = i % 97 === 96
    nodes.push(
      node({
        id,
        kind: note ? 'note' : 'service',
        label: note ? `note ${i}` : `service-${i}`,
        x: group === null ? (i % 30) * 200 : 24 + (i % 3) * 200,
        y: group === null ? 5200 + Math.floor(i / 30) * 90 : 40 + (Math.floor(i / 3) % 3) * 120,
        parentId: group === null ? null : `g${group}`,
        service: note ? null : `service-${i % 60}`,
        shape: i % 11 === 0 ? 'database' : 'service',
      }),
    )
    if (!note) services.push(id)
  }
  // Services sit in 12 tiers, like the layers of a system; 80% of calls go one tier down, the rest
  // two (a layered layout has few, short, edges to route, as in real service diagrams).
  const TIERS = 12
  const tierOf = (index: number) => Math.floor((index * TIERS) / services.length)
  /** A service of `tier` near the same place across as `index` is in its own (calls stay local). */
  const near = (tier: number, index: number) => {
    const first = (t: number) => Math.ceil((t * services.length) / TIERS)
    const across = (index - first(tierOf(index))) / (first(tierOf(index) + 1) - first(tierOf(index)))
    const size = first(tier + 1) - first(tier)
    const spot = Math.round(across * size + (random() - 0.5) * 8)
    return services[first(tier) + Math.max(0, Math.min(size - 1, spot))]
  }
  const edges = Array.from({ length: edgeCount }, (_, i) => {
    const a = Math.floor(random() * services.length)
    const tier = Math.min(TIERS - 1, tierOf(a) + (random() < 0.8 ? 1 : 2))
    const target = tier === tierOf(a) ? services[(a + 1) % services.length] : near(tier, a)
    return { id: `e${i}`, source: services[a], target, label: i % 5 === 0 ? 'calls' : '' }
  })
  return { nodes, edges }
}

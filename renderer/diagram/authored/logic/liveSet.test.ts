import { describe, expect, it } from 'vitest'
import { type DiagramContent, node } from '../../../../shared/diagrams/model'
import { canvasScene } from './canvasScene'
import { growLive, type LiveSet, NOTHING_LIVE, pruneLive, viewOf } from './liveSet'

// Ten services in a row, 200 apart, each calling the next; and one call from the first to the last.
const row: DiagramContent = {
  nodes: Array.from({ length: 10 }, (_, i) => node({ id: `s${i}`, label: `service ${i}`, x: i * 200, y: 0, width: 160, height: 56 })),
  edges: [
    ...Array.from({ length: 9 }, (_, i) => ({ id: `e${i}`, source: `s${i}`, target: `s${i + 1}`, label: '' })),
    { id: 'long', source: 's0', target: 's9', label: '' },
  ],
}
const scene = canvasScene(row, new Set())
const ids = (set: ReadonlySet<string>) => [...set].sort()

describe('which nodes and edges of a large diagram are mounted', () => {
  it('reads the part of the flow a pane shows from its pan and zoom', () => {
    expect(viewOf([-400, 100, 2], 800, 600)).toEqual({ x: 200, y: -50, width: 400, height: 300 })
  })

  it('mounts what is in view, nearest the middle first and a budget at a time, then stops', () => {
    // Flow x 300 to 900: s1 (200-360) to s4 (800-960) are in view, s2 and s3 nearest its middle (600).
    const view = viewOf([-300, 100, 1], 600, 400)
    const first = growLive(NOTHING_LIVE, scene, view, { nodes: 2, edges: 1 })
    expect(ids(first.nodes)).toEqual(['s2', 's3'])
    expect(ids(first.edges)).toEqual(['e2'])
    let live: LiveSet = first
    for (let step = 0; step < 10; step++) live = growLive(live, scene, view, { nodes: 2, edges: 1 })
    expect(ids(live.nodes)).toEqual(['s1', 's2', 's3', 's4'])
    // e0 (s0-s1) and e4 (s4-s5) reach into view; the long call from s0 to s9 crosses it.
    expect(ids(live.edges)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'long'])
    expect(growLive(live, scene, view, { nodes: 2, edges: 1 })).toBe(live)
  })

  it('lets go of what left the view, keeping what is still in it', () => {
    const live = { nodes: new Set(['s1', 's2', 's8']), edges: new Set(['e1', 'e7', 'long']) }
    const pruned = pruneLive(live, scene, viewOf([-150, 100, 1], 500, 400))
    expect(ids(pruned.nodes)).toEqual(['s1', 's2'])
    expect(ids(pruned.edges)).toEqual(['e1', 'long'])
    expect(pruneLive(pruned, scene, viewOf([-150, 100, 1], 500, 400))).toBe(pruned)
  })
})

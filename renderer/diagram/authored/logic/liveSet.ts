import type { CanvasScene, SceneLink } from './canvasScene'
import { type Box, centerOf, overlaps } from '../../../../shared/diagrams/geometry'

// Which nodes and edges of a large diagram xyflow mounts as elements. Mounting is what makes a
// frame slow: a pan brings dozens of nodes and hundreds of edges into view, and each mounted
// element costs React, xyflow's store and the browser. So while the view moves nothing new is
// mounted (the canvas under the elements draws it), and once it rests what is in view is mounted
// in steps, nearest the middle first.

/** The nodes and edges xyflow is given to draw; the others are drawn on the canvas. */
export interface LiveSet {
  nodes: ReadonlySet<string>
  edges: ReadonlySet<string>
}

export const NOTHING_LIVE: LiveSet = { nodes: new Set(), edges: new Set() }

/** Most nodes and edges one step mounts. */
export interface GrowthBudget {
  nodes: number
  edges: number
}

/** The part of the flow a pane of `width` × `height` shows at `transform` (xyflow's [x, y, zoom]). */
export function viewOf(transform: readonly [number, number, number], width: number, height: number): Box {
  const [x, y, zoom] = transform
  return { x: -x / zoom, y: -y / zoom, width: width / zoom, height: height / zoom }
}

/** `live` without what is out of `view`: xyflow has unmounted that, and it is not mounted again while the view moves. */
export function pruneLive(live: LiveSet, scene: CanvasScene, view: Box): LiveSet {
  const nodes = new Set(scene.items.filter((item) => live.nodes.has(item.node.id) && overlaps(item, view)).map((item) => item.node.id))
  const edges = new Set(scene.links.filter((link) => live.edges.has(link.id) && overlaps(link.bounds, view)).map((link) => link.id))
  return nodes.size === live.nodes.size && edges.size === live.edges.size ? live : { nodes, edges }
}

/** The first `count` of `candidates`, nearest to `center` first. */
function nearest<T>(candidates: T[], placeOf: (candidate: T) => { x: number; y: number }, center: { x: number; y: number }, count: number): T[] {
  const distance = (candidate: T) => {
    const at = placeOf(candidate)
    return (at.x - center.x) ** 2 + (at.y - center.y) ** 2
  }
  return candidates
    .map((candidate) => ({ candidate, distance: distance(candidate) }))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, count)
    .map(({ candidate }) => candidate)
}

/**
 * `live` and up to `budget` more of what is in `view`, nearest its middle first; `live` itself when
 * everything in view is live already.
 */
export function growLive(live: LiveSet, scene: CanvasScene, view: Box, budget: GrowthBudget): LiveSet {
  const center = { x: view.x + view.width / 2, y: view.y + view.height / 2 }
  const nodes = nearest(
    scene.items.filter((item) => !live.nodes.has(item.node.id) && overlaps(item, view)),
    centerOf,
    center,
    budget.nodes,
  )
  const edges = nearest(
    scene.links.filter((link) => !live.edges.has(link.id) && overlaps(link.bounds, view)),
    (link: SceneLink) => ({ x: link.labelX, y: link.labelY }),
    center,
    budget.edges,
  )
  if (nodes.length === 0 && edges.length === 0) return live
  return {
    nodes: new Set([...live.nodes, ...nodes.map((item) => item.node.id)]),
    edges: new Set([...live.edges, ...edges.map((link) => link.id)]),
  }
}

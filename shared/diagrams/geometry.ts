import type { DiagramContent, DiagramNode } from './model'

// Positions in a diagram are relative to the node's group; these helpers work in absolute ones.

export const GRID = 16

export const snap = (value: number, grid = GRID) => Math.round(value / grid) * grid

export function absolutePosition(node: DiagramNode, byId: ReadonlyMap<string, DiagramNode>): { x: number; y: number } {
  let x = node.x
  let y = node.y
  for (let parent = node.parentId ? byId.get(node.parentId) : undefined; parent; parent = parent.parentId ? byId.get(parent.parentId) : undefined) {
    x += parent.x
    y += parent.y
  }
  return { x, y }
}

const isInside = (ancestorId: string, node: DiagramNode, byId: ReadonlyMap<string, DiagramNode>): boolean => {
  for (let current: DiagramNode | undefined = node; current; current = current.parentId ? byId.get(current.parentId) : undefined) {
    if (current.id === ancestorId) return true
  }
  return false
}

/**
 * Puts each of `movedIds` in the innermost group its center now lies in (or at the top level),
 * keeping it where it is on screen. A group never goes inside itself or its own members.
 */
export function regroup(content: DiagramContent, movedIds: Iterable<string>): DiagramContent {
  const byId = new Map(content.nodes.map((node) => [node.id, node]))
  const absolute = new Map(content.nodes.map((node) => [node.id, absolutePosition(node, byId)]))
  const groups = content.nodes.filter((node) => node.kind === 'group')
  const depth = (node: DiagramNode): number => (node.parentId ? 1 + depth(byId.get(node.parentId)!) : 0)
  let changed = false
  const nodes = content.nodes.map((node) => ({ ...node }))
  const next = new Map(nodes.map((node) => [node.id, node]))
  for (const id of movedIds) {
    const node = next.get(id)
    if (!node) continue
    const at = absolute.get(id)!
    const center = { x: at.x + node.width / 2, y: at.y + node.height / 2 }
    const container = groups
      .filter((group) => group.id !== id && !isInside(id, group, byId))
      .filter((group) => {
        const corner = absolute.get(group.id)!
        return center.x >= corner.x && center.x <= corner.x + group.width && center.y >= corner.y && center.y <= corner.y + group.height
      })
      .sort((a, b) => depth(b) - depth(a))[0]
    const parentId = container?.id ?? null
    if (parentId === node.parentId) continue
    const origin = container ? absolute.get(container.id)! : { x: 0, y: 0 }
    Object.assign(node, { parentId, x: at.x - origin.x, y: at.y - origin.y })
    changed = true
  }
  return changed ? { nodes: parentsFirst(nodes), edges: content.edges } : content
}

/** Orders nodes so every group comes before its members (as @xyflow/react requires), otherwise keeping their order. */
export function parentsFirst(nodes: readonly DiagramNode[]): DiagramNode[] {
  const ids = new Set(nodes.map((node) => node.id))
  const placed = new Set<string>()
  const ordered: DiagramNode[] = []
  let pending = [...nodes]
  while (pending.length > 0) {
    const waiting: DiagramNode[] = []
    for (const node of pending) {
      if (node.parentId === null || !ids.has(node.parentId) || placed.has(node.parentId)) {
        ordered.push(node)
        placed.add(node.id)
      } else waiting.push(node)
    }
    // A cycle of groups (not valid content) would never resolve: keep the rest as they are.
    if (waiting.length === pending.length) return [...ordered, ...waiting]
    pending = waiting
  }
  return ordered
}

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

export const centerOf = (box: Box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 })

/** Where the line from the box's center toward `toward` leaves the box. */
export function borderPoint(box: Box, toward: { x: number; y: number }): { x: number; y: number } {
  const cx = box.x + box.width / 2
  const cy = box.y + box.height / 2
  const dx = toward.x - cx
  const dy = toward.y - cy
  if (dx === 0 && dy === 0) return { x: cx, y: cy }
  const scale = Math.min(dx === 0 ? Infinity : box.width / 2 / Math.abs(dx), dy === 0 ? Infinity : box.height / 2 / Math.abs(dy))
  return { x: cx + dx * scale, y: cy + dy * scale }
}

/** The side of the box a border point lies on. */
export function sideOf(box: Box, point: { x: number; y: number }): 'left' | 'right' | 'top' | 'bottom' {
  const distances = [
    ['left', Math.abs(point.x - box.x)],
    ['right', Math.abs(point.x - (box.x + box.width))],
    ['top', Math.abs(point.y - box.y)],
    ['bottom', Math.abs(point.y - (box.y + box.height))],
  ] as const
  return distances.reduce((a, b) => (b[1] < a[1] ? b : a))[0]
}

export const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

/** The box around two boxes. */
export function around(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x)
  const y = Math.min(a.y, b.y)
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y }
}

/** `box` moved right (then down) until it covers none of `taken`: a new node lands beside the last one. */
export function freeSpot(box: Box, taken: readonly Box[]): { x: number; y: number } {
  let { x, y } = box
  // A grid step clear of every node around it: flush against one, a connection cannot be drawn between them.
  const around = taken.map((other) => ({ x: other.x - GRID, y: other.y - GRID, width: other.width + 2 * GRID, height: other.height + 2 * GRID }))
  for (let tries = 0; tries < 200; tries++) {
    if (!around.some((other) => overlaps({ ...box, x, y }, other))) return { x, y }
    x += box.width + GRID * 2
    if (tries % 6 === 5) {
      x = box.x
      y += box.height + GRID * 2
    }
  }
  return { x, y }
}

import type { SessionMarker } from '../../shared/domain/model'
import { lastAtOrBefore } from './lastAtOrBefore'

// What the scrubber and the side list show of a recording's markers, and how the playhead moves
// between them. Pure, so the pane's components stay thin.

/** How a marker is drawn on the scrubber. */
export type ScrubberKind = 'click' | 'navigation' | 'error' | 'failed' | 'custom'

export interface ScrubberMarker {
  kind: ScrubberKind
  timeMs: number
  label: string
  marker: SessionMarker
}

/** Clicks, navigations, console errors, failed requests and custom events: the moments worth a tick. */
function scrubberKind(marker: SessionMarker): ScrubberKind | null {
  switch (marker.kind) {
    case 'click':
      return 'click'
    case 'navigation':
      return 'navigation'
    case 'console':
      return marker.level === 'error' ? 'error' : null
    case 'request':
      return marker.failed ? 'failed' : null
    case 'custom':
      return 'custom'
  }
}

export function scrubberMarkers(markers: readonly SessionMarker[]): ScrubberMarker[] {
  const shown: ScrubberMarker[] = []
  for (const marker of markers) {
    const kind = scrubberKind(marker)
    if (kind) shown.push({ kind, timeMs: marker.timeMs, label: marker.label, marker })
  }
  return shown.sort((a, b) => a.timeMs - b.timeMs)
}

/** The side list's filter categories: console levels, then requests (failed apart), then custom events. */
export const ENTRY_CATEGORIES = ['error', 'warn', 'info', 'log', 'debug', 'failed', 'request', 'custom'] as const
export type EntryCategory = (typeof ENTRY_CATEGORIES)[number]

export const CATEGORY_LABELS: Record<EntryCategory, string> = {
  error: 'Errors',
  warn: 'Warnings',
  info: 'Info',
  log: 'Log',
  debug: 'Debug',
  failed: 'Failed',
  request: 'Requests',
  custom: 'Custom',
}

/** The request among `markers` whose trace to open: a failed one first, and only one the session linked to a trace. */
export function tracedRequest(markers: readonly SessionMarker[]): SessionMarker | null {
  const traced = markers.filter((marker) => marker.kind === 'request' && marker.traceId)
  return traced.find((marker) => marker.failed) ?? traced[0] ?? null
}

export interface ListEntry {
  category: EntryCategory
  timeMs: number
  label: string
  marker: SessionMarker
}

function entryCategory(marker: SessionMarker): EntryCategory | null {
  if (marker.kind === 'console') return marker.level ?? 'log'
  if (marker.kind === 'request') return marker.failed ? 'failed' : 'request'
  if (marker.kind === 'custom') return 'custom'
  return null
}

/** Console messages, requests and custom events, in time order. */
export function listEntries(markers: readonly SessionMarker[]): ListEntry[] {
  const entries: ListEntry[] = []
  for (const marker of markers) {
    const category = entryCategory(marker)
    if (category) entries.push({ category, timeMs: marker.timeMs, label: marker.label, marker })
  }
  return entries.sort((a, b) => a.timeMs - b.timeMs)
}

export function categoryCounts(entries: readonly ListEntry[]): Map<EntryCategory, number> {
  const counts = new Map<EntryCategory, number>()
  for (const entry of entries) counts.set(entry.category, (counts.get(entry.category) ?? 0) + 1)
  return counts
}

/** A marker's or list entry's time, for lastAtOrBefore. */
export const timeOfItem = (item: { timeMs: number }): number => item.timeMs

/**
 * The stops of Shift+←/→ among markers in time order: markers closer than `withinMs` to a stop
 * (a failed request and the error it logs, a click and what its handler logged) are that one
 * stop. A navigation a click led to, a couple of hundred ms later, stays a stop of its own.
 */
export function markerStops<T extends { timeMs: number }>(sorted: readonly T[], withinMs = 50): T[] {
  const stops: T[] = []
  for (const marker of sorted) if (stops.length === 0 || marker.timeMs - stops[stops.length - 1].timeMs >= withinMs) stops.push(marker)
  return stops
}

/** The first marker after `t`, or null. */
export function nextMarker<T extends { timeMs: number }>(markers: readonly T[], t: number): T | null {
  return markers[lastAtOrBefore(markers, t, timeOfItem) + 1] ?? null
}

/** The last marker before `t`, or null. */
export function previousMarker<T extends { timeMs: number }>(markers: readonly T[], t: number): T | null {
  let index = lastAtOrBefore(markers, t, timeOfItem)
  while (index >= 0 && markers[index].timeMs >= t) index--
  return index >= 0 ? markers[index] : null
}

export const SPEEDS = [1, 2, 4, 8] as const

/** The next speed up (`step` 1) or down (-1), staying at the ends. */
export function stepSpeed(speed: number, step: 1 | -1): number {
  const index = SPEEDS.findIndex((candidate) => candidate >= speed)
  const at = index < 0 ? SPEEDS.length - 1 : index
  return SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, at + step))]
}

/** "0:07", "12:03", "1:02:03" — elapsed time in a recording. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = String(total % 60).padStart(2, '0')
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`
}

/** "0:07.2" — elapsed time with tenths, for markers and list entries. */
export function formatElapsedTenths(ms: number): string {
  const tenths = Math.max(0, Math.floor(ms / 100))
  return `${formatElapsed(tenths * 100)}.${tenths % 10}`
}

export const SCRUBBER_KIND_LABELS: Record<ScrubberKind, string> = {
  click: 'Click',
  navigation: 'Navigation',
  error: 'Console error',
  failed: 'Failed request',
  custom: 'Custom event',
}

/** Markers drawn as one on the scrubber because they are too close to tell apart. */
export interface MarkerCluster {
  /** The marker it stands for: the first of the most telling kind among its markers (an error before a click). */
  lead: ScrubberMarker
  /** The lead's time: where the cluster is drawn and where a click on it seeks. */
  timeMs: number
  /** The lead's kind: how the cluster is drawn. */
  kind: ScrubberKind
  markers: ScrubberMarker[]
}

const KIND_RANK: Record<ScrubberKind, number> = { error: 0, failed: 1, navigation: 2, click: 3, custom: 4 }

/**
 * Groups markers (sorted by time) lying less than `minGapPx` apart on a scrubber `widthPx` wide,
 * so every marker can be hovered and clicked: a cluster starts at its first marker.
 */
export function clusterMarkers(markers: readonly ScrubberMarker[], startMs: number, endMs: number, widthPx: number, minGapPx = 8): MarkerCluster[] {
  const span = endMs - startMs
  const x = (t: number) => (span > 0 ? ((t - startMs) / span) * widthPx : 0)
  const clusters: MarkerCluster[] = []
  let open: MarkerCluster | null = null
  for (const marker of markers) {
    if (open && x(marker.timeMs) - x(open.markers[0].timeMs) < minGapPx) {
      open.markers.push(marker)
      if (KIND_RANK[marker.kind] < KIND_RANK[open.kind]) Object.assign(open, { lead: marker, timeMs: marker.timeMs, kind: marker.kind })
    } else {
      open = { lead: marker, timeMs: marker.timeMs, kind: marker.kind, markers: [marker] }
      clusters.push(open)
    }
  }
  return clusters
}

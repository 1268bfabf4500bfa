import { useEffect, useState } from 'react'
import type { Incident, Prefs } from '../../shared/domain/model'

/** undefined: not decided yet; null: nothing to open (no incidents); else the open incident. */
export type Selection = number | null | undefined

/** What to open given the current choice and a fresh incident list. */
export function reconcileSelection(current: Selection, incidents: readonly Incident[], remembered: number | null | undefined): Selection {
  if (current != null && incidents.some((incident) => incident.id === current)) return current
  // First decision in this workspace: reopen the last incident, else the first (the demo, in a fresh workspace).
  const preferred = current === undefined ? remembered : undefined
  return incidents.find((incident) => incident.id === preferred)?.id ?? incidents[0]?.id ?? null
}

/**
 * The open incident. Re-checked whenever a new incident list arrives (not when the selection
 * itself changes, so selecting an incident that the list will only show after a refresh is fine).
 */
export function useSelection(incidents: readonly Incident[] | undefined, prefs: Prefs | null, workspacePath: string | undefined) {
  const [selected, setSelected] = useState<Selection>(undefined)
  const [pathSeen, setPathSeen] = useState(workspacePath)

  // Another workspace: its incident ids mean something else, decide afresh.
  if (workspacePath !== pathSeen) {
    setPathSeen(workspacePath)
    setSelected(undefined)
  }

  useEffect(() => {
    if (!incidents || !prefs) return
    setSelected((current) => reconcileSelection(current, incidents, prefs.lastIncidentId))
  }, [incidents, prefs])

  return [selected, setSelected] as const
}

import { createContext, type ReactNode, useContext, useId, useLayoutEffect, useState, useSyncExternalStore } from 'react'

// What of the open incident has arrived. Each view says whether it has what it shows (the replay
// its first frame, the traces pane its list and the open trace's waterfall); a part is in once
// every view reporting on it is. A pairing guest watches this while the incident comes over
// the network.

export type IncidentPart = 'recording' | 'traces' | 'diagram' | 'findings'

export interface PartProgress {
  part: IncidentPart
  done: boolean
}

export interface LoadingProgress {
  /** The parts views have reported on, in a fixed order. */
  parts: readonly PartProgress[]
  done: number
}

const ORDER: readonly IncidentPart[] = ['recording', 'traces', 'diagram', 'findings']

export class IncidentLoading {
  private readonly reports = new Map<string, PartProgress>()
  private readonly listeners = new Set<() => void>()
  private progress: LoadingProgress = { parts: [], done: 0 }

  report(reporter: string, part: IncidentPart, done: boolean): void {
    this.reports.set(reporter, { part, done })
    this.changed()
  }

  withdraw(reporter: string): void {
    if (this.reports.delete(reporter)) this.changed()
  }

  get = (): LoadingProgress => this.progress

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private changed(): void {
    const reports = [...this.reports.values()]
    const parts = ORDER.filter((part) => reports.some((report) => report.part === part)).map((part) => ({
      part,
      done: reports.every((report) => report.part !== part || report.done),
    }))
    const same = parts.length === this.progress.parts.length && parts.every((part, i) => part.part === this.progress.parts[i].part && part.done === this.progress.parts[i].done)
    if (same) return
    this.progress = { parts, done: parts.filter((part) => part.done).length }
    for (const listener of this.listeners) listener()
  }
}

const LoadingContext = createContext<IncidentLoading | null>(null)

export function IncidentLoadingProvider({ children }: { children: ReactNode }) {
  const [loading] = useState(() => new IncidentLoading())
  return <LoadingContext.Provider value={loading}>{children}</LoadingContext.Provider>
}

/** Says whether this view has its part of the incident (outside an incident, nothing). */
export function useReportLoading(part: IncidentPart, done: boolean): void {
  const loading = useContext(LoadingContext)
  const reporter = useId()
  // Layout effects: a view that mounts as another one finishes is counted in the same commit,
  // so a part never looks in for a moment between the two.
  useLayoutEffect(() => loading?.report(reporter, part, done), [loading, reporter, part, done])
  useLayoutEffect(() => () => loading?.withdraw(reporter), [loading, reporter])
}

export function useLoadingProgress(): LoadingProgress {
  const loading = useContext(LoadingContext)
  if (!loading) throw new Error('useLoadingProgress must be used inside an incident')
  return useSyncExternalStore(loading.subscribe, loading.get)
}

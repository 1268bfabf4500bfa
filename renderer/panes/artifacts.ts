import type { Artifact, SessionSummary, TraceSummary } from '../../shared/domain/model'
import { byName } from '../format/names'

export type SessionArtifact = Omit<Artifact, 'summary'> & { summary: SessionSummary }
export type TraceArtifact = Omit<Artifact, 'summary'> & { summary: TraceSummary }

const byStart = (a: Artifact, b: Artifact) => a.startMs - b.startMs || a.id - b.id

export const sessionArtifacts = (artifacts: readonly Artifact[]): SessionArtifact[] =>
  artifacts.filter((artifact): artifact is SessionArtifact => artifact.summary.kind === 'session').sort(byStart)

export const traceArtifacts = (artifacts: readonly Artifact[]): TraceArtifact[] =>
  artifacts.filter((artifact): artifact is TraceArtifact => artifact.summary.kind === 'trace').sort(byStart)

export interface ServiceUsage {
  name: string
  /** Trace files the service appears in. */
  files: number
}

/** Every service named across the trace artifacts, most widely seen first. */
export function servicesAcross(traces: readonly TraceArtifact[]): ServiceUsage[] {
  const counts = new Map<string, number>()
  for (const trace of traces) {
    for (const name of new Set(trace.summary.services)) counts.set(name, (counts.get(name) ?? 0) + 1)
  }
  return [...counts]
    .map(([name, files]) => ({ name, files }))
    .sort((a, b) => b.files - a.files || byName(a.name, b.name))
}

import { formatCount } from '../format/numbers'
import { formatDuration } from '../format/time'
import { ArtifactCard } from '../panes/ArtifactCard'
import type { SessionArtifact } from '../panes/artifacts'
import { Stat } from '../panes/Stat'
import { TimeRange } from '../panes/TimeRange'
import { LinkedTraceIds } from './LinkedTraceIds'
import { MarkerCounts } from './MarkerCounts'

export function SessionCard({ session }: { session: SessionArtifact }) {
  const { summary } = session
  return (
    <ArtifactCard file={summary.file} badge={summary.format} testId="session-card" artifactId={session.id}>
      <dl className="stat-grid">
        <Stat label="Events" value={formatCount(summary.events)} testId="session-events" />
        <Stat label="Duration" value={formatDuration(summary.durationMs)} testId="session-duration" />
      </dl>
      <TimeRange label="Recorded" startMs={session.startMs} endMs={session.endMs} testId="session-time-range" />
      <MarkerCounts markers={summary.markers} />
      <LinkedTraceIds traceIds={summary.traceIds} />
    </ArtifactCard>
  )
}

import { formatCount } from '../format/numbers'
import { nanosToMs } from '../format/time'
import { ArtifactCard } from '../panes/ArtifactCard'
import type { TraceArtifact } from '../panes/artifacts'
import { Stat } from '../panes/Stat'
import { TimeRange } from '../panes/TimeRange'
import { ServiceChip } from './ServiceChip'

const FORMAT_LABEL = { otlp: 'OTLP', jaeger: 'Jaeger', zipkin: 'Zipkin' } as const

export function TraceCard({ trace }: { trace: TraceArtifact }) {
  const { summary } = trace
  return (
    <ArtifactCard file={summary.file} badge={FORMAT_LABEL[summary.format]} testId="trace-card" artifactId={trace.id}>
      <dl className="stat-grid">
        <Stat label="Spans" value={formatCount(summary.spans)} testId="trace-spans" />
        <Stat label="Traces" value={formatCount(summary.traces)} testId="trace-traces" />
        <Stat
          label="Error spans"
          value={formatCount(summary.errorSpans)}
          testId="trace-error-spans"
          tone={summary.errorSpans > 0 ? 'danger' : undefined}
        />
      </dl>
      <TimeRange
        label="Time range"
        startMs={nanosToMs(summary.startUnixNano)}
        endMs={nanosToMs(summary.endUnixNano)}
        testId="trace-time-range"
      />
      <div className="chip-row" aria-label="Services">
        {summary.services.map((name) => (
          <ServiceChip key={name} name={name} />
        ))}
      </div>
    </ArtifactCard>
  )
}

import { FileControls } from '../incidents/FileControls'
import { useState } from 'react'
import { formatCount, plural } from '../format/numbers'
import { formatRangeMs } from '../format/time'
import type { TraceArtifact } from '../panes/artifacts'
import { ChevronRightIcon } from './icons'
import { TraceFileServices } from './TraceFileServices'
import { fileLabel } from '../../shared/domain/file-name'

const FORMAT_LABEL = { otlp: 'OTLP', jaeger: 'Jaeger', zipkin: 'Zipkin' } as const

/** Past this many files their blocks fold into one line, so the trace list stays in sight. */
const FOLD_PAST = 2

/** The imported trace files, one compact block each: name, format, counts, time range, services. */
export function TraceFiles({ traces }: { traces: readonly TraceArtifact[] }) {
  const [unfolded, setUnfolded] = useState(false)
  const foldable = traces.length > FOLD_PAST
  const folded = foldable && !unfolded
  return (
    <section className="trace-files" aria-label="Trace files">
      {foldable && (
        <button type="button" className="trace-files-toggle" aria-expanded={!folded} data-testid="trace-files-toggle" onClick={() => setUnfolded(folded)}>
          <ChevronRightIcon size={10} />
          {/* The pane's header counts their spans (a span in two files once). */}
          <span className="trace-files-toggle-names">
            {plural(traces.length, 'trace file')}: {traces.map((artifact) => fileLabel(artifact.summary.file)).join(', ')}
          </span>
          <span className="trace-files-toggle-hint">{folded ? 'Show files' : 'Hide files'}</span>
        </button>
      )}
      {!folded && traces.map((artifact) => {
        const { id, summary } = artifact
        return (
          <article key={id} className="trace-file" data-testid="trace-card" data-artifact-id={id}>
            <header className="trace-file-line">
              <span className="trace-file-name" title={summary.file} data-testid="artifact-file">
                {fileLabel(summary.file)}
              </span>
              <span className="badge">{FORMAT_LABEL[summary.format]}</span>
              <FileControls artifact={artifact} />
              <span className="trace-file-facts">
                <span data-testid="trace-spans">{formatCount(summary.spans)}</span> spans ·{' '}
                <span data-testid="trace-traces">{formatCount(summary.traces)}</span> {summary.traces === 1 ? 'trace' : 'traces'} ·{' '}
                <span data-testid="trace-error-spans" data-tone={summary.errorSpans > 0 ? 'danger' : undefined}>
                  {formatCount(summary.errorSpans)}
                </span>{' '}
                {summary.errorSpans === 1 ? 'error' : 'errors'}
              </span>
            </header>
            <p
              className="trace-file-range"
              data-testid="trace-time-range"
              title={artifact.clockOffsetMs === 0 ? undefined : `As recorded: ${formatRangeMs(artifact.startMs, artifact.endMs)}`}
            >
              {formatRangeMs(artifact.startMs + artifact.clockOffsetMs, artifact.endMs + artifact.clockOffsetMs)}
            </p>
            {summary.repeatedSpanIds !== undefined && (
              <p className="trace-file-warning" role="note" data-testid="trace-repeated-ids">
                {formatCount(summary.repeatedSpanIds)} {summary.repeatedSpanIds === 1 ? 'span was' : 'spans were'} left out: {summary.repeatedSpanIds === 1 ? 'it repeats' : 'each repeats'} the
                trace and span id of another span in the file (the one in error is kept)
              </p>
            )}
            <TraceFileServices services={summary.services} />
          </article>
        )
      })}
    </section>
  )
}

import '../styles/traces.css'
import { useEffect, useMemo, useState } from 'react'
import { useQuery } from '../api/useQuery'
import { plural } from '../format/numbers'
import type { TraceArtifact } from '../panes/artifacts'
import { EmptyState } from '../panes/EmptyState'
import { Pane } from '../panes/Pane'
import { traceKey } from './logic/sortTraces'
import { TraceFiles } from './TraceFiles'
import { TraceList } from './TraceList'
import { TraceView } from './TraceView'

interface TracesPaneProps {
  traces: readonly TraceArtifact[]
  /**
   * The time (epoch ms, incident clock) the waterfall's cursor marks. Left out, the cursor follows
   * the incident's shared clock (the replay's playhead); null hides it.
   */
  cursorMs?: number | null
}

/** The incident's traces: a list, and the chosen trace as a waterfall with statistics and comparison. */
export function TracesPane({ traces, cursorMs }: TracesPaneProps) {
  const spans = traces.reduce((total, trace) => total + trace.summary.spans, 0)
  const incidentId = traces[0]?.incidentId ?? null
  // A new import changes the artifacts: list the traces again.
  const artifactIds = traces.map((trace) => trace.id).join(',')
  const list = useQuery((api) => (incidentId === null ? Promise.resolve([]) : api.call('traces.list', { incidentId })), [incidentId, artifactIds])
  const [openKey, setOpenKey] = useState<string | null>(null)
  const items = useMemo(() => list.data ?? [], [list.data])
  const open = openKey === null ? undefined : items.find((item) => traceKey(item) === openKey)

  // Another incident (or a removed file): back to the list.
  useEffect(() => {
    if (openKey !== null && list.data && !list.data.some((item) => traceKey(item) === openKey)) setOpenKey(null)
  }, [list.data, openKey])

  return (
    <Pane
      title="Traces"
      testId="pane-traces"
      summary={
        traces.length > 0 && (
          <>
            {plural(traces.length, 'file')} · <span data-testid="traces-total-spans">{plural(spans, 'span')}</span>
          </>
        )
      }
    >
      {traces.length === 0 ? (
        <EmptyState title="No traces" testId="traces-empty">
          Drop OTLP, Jaeger or Zipkin JSON exports anywhere on the window, or import them.
        </EmptyState>
      ) : open ? (
        <TraceView
          key={openKey}
          item={open}
          items={items}
          artifact={traces.find((artifact) => artifact.id === open.artifactId)}
          onBack={() => setOpenKey(null)}
          cursorMs={cursorMs}
        />
      ) : (
        <div className="traces-home">
          <TraceFiles traces={traces} />
          <TraceList items={items} loading={list.loading && !list.data} error={list.error} onOpen={(item) => setOpenKey(traceKey(item))} />
        </div>
      )}
    </Pane>
  )
}

import '../styles/traces.css'
import { useEffect, useMemo } from 'react'
import { useQuery } from '../api/useQuery'
import { useFocus, useFocusStore } from '../focus/focus'
import { plural } from '../format/numbers'
import type { TraceArtifact } from '../panes/artifacts'
import { EmptyState } from '../panes/EmptyState'
import { Pane } from '../panes/Pane'
import { traceKey } from './logic/sortTraces'
import { ServiceName } from './ServiceName'
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
  const focus = useFocusStore()
  const focused = useFocus((state) => state.trace)
  const openKey = focused && traceKey(focused)
  const items = useMemo(() => list.data ?? [], [list.data])
  const service = useFocus((state) => state.service)
  const listed = useMemo(() => (service === null ? items : items.filter((item) => item.services.includes(service))), [items, service])
  const open = openKey === null ? undefined : items.find((item) => traceKey(item) === openKey)

  // A removed file (or a trace of another incident): back to the list.
  useEffect(() => {
    if (openKey !== null && list.data && !list.data.some((item) => traceKey(item) === openKey)) focus.set({ trace: null })
  }, [list.data, openKey, focus])

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
          onBack={() => focus.set({ trace: null })}
          cursorMs={cursorMs}
          service={service}
        />
      ) : (
        <div className="traces-home">
          <TraceFiles traces={traces} />
          {service !== null && (
            <div className="traces-filter" data-testid="trace-service-filter">
              Traces through <ServiceName name={service} />
              <button type="button" className="traces-filter-clear" onClick={() => focus.set({ service: null })} data-testid="trace-service-filter-clear">
                Show all
              </button>
            </div>
          )}
          <TraceList items={listed} loading={list.loading && !list.data} error={list.error} onOpen={({ artifactId, traceId }) => focus.set({ trace: { artifactId, traceId } })} />
        </div>
      )}
    </Pane>
  )
}

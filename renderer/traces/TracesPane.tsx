import '../styles/traces.css'
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import { focusWhenReady } from '../app/focusWhenReady'
import { useQuery } from '../api/useQuery'
import type { TraceListItem } from '../../shared/domain/model'
import { useFocus, useFocusStore } from '../focus/focus'
import { useNavigation } from '../focus/NavigationProvider'
import { useReportLoading } from '../incidents/loading'
import { formatCount, plural } from '../format/numbers'
import type { TraceArtifact } from '../panes/artifacts'
import { EmptyState } from '../panes/EmptyState'
import { Pane } from '../panes/Pane'
import { traceOpening } from './logic/opening'
import { isEmptyQuery, matchesTrace, parseQuery, unusedInList } from './logic/query'
import { DEFAULT_TRACE_SORT, traceKey, type TraceSort } from './logic/sortTraces'
import { ServiceName } from './ServiceName'
import { TraceFiles } from './TraceFiles'
import { TraceFilter } from './TraceFilter'
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
  const incidentId = traces[0]?.incidentId ?? null
  // A new import changes the artifacts, and a file's clock offset the times of traces joined across files: list the traces again.
  const fileClocks = traces.map((trace) => `${trace.id}@${trace.clockOffsetMs}`).join(',')
  const list = useQuery((api) => (incidentId === null ? Promise.resolve([]) : api.call('traces.list', { incidentId })), [incidentId, fileClocks])
  // Listed, the open trace's view takes over saying whether the traces are in (its waterfall).
  useReportLoading('traces', !list.loading)
  const focus = useFocusStore()
  const navigation = useNavigation()
  const focused = useFocus((state) => state.trace)
  const items = useMemo(() => list.data ?? [], [list.data])
  // A span exported to two of the files is one span; until the traces are listed, the files' own counts.
  const spans = list.data ? items.reduce((total, item) => total + item.spans, 0) : traces.reduce((total, trace) => total + trace.summary.spans, 0)
  const service = useFocus((state) => state.service)
  // Kept while traces are opened and left, as the sort is.
  const [sort, setSort] = useState<TraceSort>(DEFAULT_TRACE_SORT)
  const [filterText, setFilterText] = useState('')
  const typedFilter = useDeferredValue(filterText)
  const filter = useMemo(() => parseQuery(typedFilter), [typedFilter])
  const throughService = useMemo(() => (service === null ? items : items.filter((item) => item.services.includes(service))), [items, service])
  const listed = useMemo(() => (isEmptyQuery(filter) ? throughService : throughService.filter((item) => matchesTrace(item, filter))), [throughService, filter])
  const open = focused === null ? undefined : items.find((item) => item.traceId === focused.traceId && (focused.artifactId === null || item.artifactIds.includes(focused.artifactId)))

  // A removed file, or a trace none of the files has (a finding's, a link's): back to the list, saying so.
  const [missing, setMissing] = useState<string | null>(null)
  useEffect(() => {
    if (focused === null || !list.data || open) return
    setMissing(focused.traceId)
    focus.set({ trace: null, span: null })
  }, [list.data, focused, open, focus])
  useEffect(() => {
    if (open) setMissing(null)
  }, [open])
  const missingNote = missing && (
    <p className="traces-missing" role="status" data-testid="trace-missing">
      <span>
        Trace <code>{missing.slice(0, 8)}</code> is not in this incident's trace files: import the file that holds it to see it.
      </span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setMissing(null)}>
        ×
      </button>
    </p>
  )

  // Opening a trace or going back to the list (a click, Enter, Alt+←) removes what had the focus:
  // the keyboard goes on in the view that replaced it (the spans; the trace's row in the list).
  const paneRef = useRef<HTMLElement>(null)
  const focusInside = useRef(false)
  useEffect(() => {
    const pane = paneRef.current
    if (!pane) return
    const into = () => (focusInside.current = true)
    // Focus moved elsewhere on the page; not focus gone with a removed element (no related target).
    const out = (event: FocusEvent) => {
      if (event.relatedTarget instanceof Node) focusInside.current = pane.contains(event.relatedTarget)
    }
    pane.addEventListener('focusin', into)
    pane.addEventListener('focusout', out)
    return () => {
      pane.removeEventListener('focusin', into)
      pane.removeEventListener('focusout', out)
    }
  }, [])
  const shown = useRef(open)
  useEffect(() => {
    const left = shown.current
    shown.current = open
    if (!focusInside.current || (open && left ? traceKey(open) === traceKey(left) : open === left)) return
    const selector = open ? '[role="tree"]' : left ? `.trace-row[data-trace-id="${left.traceId}"]` : null
    return selector === null ? undefined : focusWhenReady(() => paneRef.current?.querySelector<HTMLElement>(selector))
  }, [open])

  const openTrace = (item: TraceListItem) =>
    navigation.go(traceOpening(item))
  const back = () => navigation.go({ trace: null, span: null })

  return (
    <Pane
      ref={paneRef}
      title="Traces"
      testId="pane-traces"
      paneId="traces"
      summary={
        traces.length > 0 && (
          <>
            {plural(traces.length, 'file')} · <span data-testid="traces-total-spans">{plural(spans, 'span')}</span>
          </>
        )
      }
    >
      {traces.length === 0 ? (
        <>
          {missingNote}
          <EmptyState title="No traces" testId="traces-empty">
            Drop OTLP, Jaeger or Zipkin JSON exports anywhere on the window, or import them.
          </EmptyState>
        </>
      ) : open ? (
        <TraceView
          key={traceKey(open)}
          item={open}
          items={items}
          files={traces.filter((artifact) => open.artifactIds.includes(artifact.id))}
          onBack={back}
          cursorMs={cursorMs}
          service={service}
        />
      ) : (
        <div className="traces-home">
          {missingNote}
          <TraceFiles traces={traces} />
          {service !== null && (
            <div className="traces-filter" data-testid="trace-service-filter">
              Traces through <ServiceName name={service} />
              {list.data && (
                <span className="traces-filter-count" data-testid="trace-service-filter-count">
                  {formatCount(throughService.length)} of {formatCount(items.length)}
                </span>
              )}
              <button type="button" className="traces-filter-clear" onClick={() => focus.set({ service: null })} data-testid="trace-service-filter-clear">
                Show all
              </button>
            </div>
          )}
          {items.length > 1 && (
            <TraceFilter
              text={filterText}
              onText={setFilterText}
              shown={list.data ? listed.length : null}
              of={throughService.length}
              invalid={filter.invalid}
              unused={unusedInList(filter)}
            />
          )}
          {list.data && listed.length === 0 && items.length > 0 ? (
            <p className="traces-message" data-testid="trace-list-none">
              No traces match.
            </p>
          ) : (
            <TraceList items={listed} loading={list.loading && !list.data} error={list.error} onOpen={openTrace} sort={sort} onSort={setSort} />
          )}
        </div>
      )}
    </Pane>
  )
}

import { useCallback, useEffect, useMemo, useState } from 'react'
import type { TraceListItem } from '../../shared/domain/model'
import type { TraceData } from '../../shared/traces/trace-data'
import { useApi } from '../api/ApiProvider'
import { errorMessage } from '../api/errors'
import { useFocus } from '../focus/focus'
import { useNavigation } from '../focus/NavigationProvider'
import { fileLabel } from '../../shared/domain/file-name'
import { formatCount, plural } from '../format/numbers'
import { piecesExplained } from './logic/pieces'
import { useReportLoading } from '../incidents/loading'
import type { TraceArtifact } from '../panes/artifacts'
import { CompareView } from './CompareView'
import { BackIcon } from './icons'
import { clockLabel, dateLabel, epochMsAt, formatNs, traceClock } from './logic/clock'
import { exactTerms } from './logic/query'
import { traceKey } from './logic/sortTraces'
import { ServiceName } from './ServiceName'
import { StatsTable } from './StatsTable'
import { useTraceData } from './useTraceData'
import { SpanDetailCache } from './waterfall/detailCache'
import { type SpanChoice, Waterfall } from './waterfall/Waterfall'
import type { OpenLinked } from './waterfall/SpanDetails'

type Tab = 'waterfall' | 'stats' | 'compare'

interface TraceViewProps {
  item: TraceListItem
  items: readonly TraceListItem[]
  /** The trace files holding the trace's spans, the one it opens on first (item.artifactIds). */
  files: readonly TraceArtifact[]
  onBack: () => void
  cursorMs?: number | null
  /** A service picked elsewhere (a diagram node): the waterfall searches for its spans. */
  service: string | null
}

const TABS: Array<[Tab, string]> = [
  ['waterfall', 'Waterfall'],
  ['stats', 'Statistics'],
  ['compare', 'Compare'],
]

/** One trace: its header, and the waterfall, statistics or comparison. */
export function TraceView({ item, items, files, onBack, cursorMs, service }: TraceViewProps) {
  const artifact = files.find((file) => file.id === item.artifactId)
  // A trace joined from several files is worked out again when one of their clock offsets changes.
  const key = `${traceKey(item)}@${files.map((file) => file.clockOffsetMs).join(',')}`
  const api = useApi()
  const load = useTraceData(item.artifactId, item.traceId, key)
  useReportLoading('traces', load.status !== 'loading')
  const [tab, setTab] = useState<Tab>('waterfall')
  const [details] = useState(() => new SpanDetailCache(api, item.artifactId))
  const clock = useMemo(() => (load.status === 'ready' ? traceClock(load.loaded.trace.baseNs, artifact?.clockOffsetMs ?? 0) : null), [load, artifact])
  const startClock = traceClock(item.startNs)
  // Spans moved to correct clock skew make the trace as long as its corrected spans span.
  const layout = load.status === 'ready' ? load.loaded.layout : null
  const skewedDurationNs = layout && layout.adjustedCount > 0 ? layout.skewMax - layout.skewMin : null
  const services = load.status === 'ready' ? load.loaded.trace.services.length : null
  const [searchRequest, setSearchRequest] = useState<{ text: string } | null>(null)
  const navigation = useNavigation()
  const spanTarget = useFocus((state) => state.span)
  // A span link into a trace the incident holds opens it there, the replay at the span (Alt+← comes back).
  const openLinked = useCallback<OpenLinked>(
    (traceId, spanId) => {
      const linked = items.find((other) => other.traceId === traceId)
      return linked ? () => navigation.go({ trace: { artifactId: linked.artifactId, traceId }, span: { spanId, zoom: true, seek: true }, timeMs: null }) : null
    },
    [items, navigation],
  )
  // A span chosen in the waterfall becomes the focus; picked (not stepped to, not landed on) it also moves the replay.
  const onSelectSpan = useCallback(
    (trace: TraceData, span: number, how: SpanChoice) => {
      const target = { spanId: trace.spanId[span] }
      if (how === 'land' || !clock) navigation.go({ span: target }, { replace: true })
      else navigation.go({ span: target, timeMs: epochMsAt(clock, trace.start[span]) }, { replace: how === 'step' })
    },
    [navigation, clock],
  )
  useEffect(() => {
    if (service === null) return
    setSearchRequest({ text: exactTerms(service) })
    setTab('waterfall')
  }, [service])

  return (
    <div className="trace-view" data-testid="trace-view" data-trace-id={item.traceId}>
      <header className="tv-header">
        <button type="button" className="wf-tool wf-tool-icon tv-back" onClick={onBack} aria-label="Back to the traces" title="Back to the traces" data-testid="trace-back">
          <BackIcon />
        </button>
        <div className="tv-title">
          <div className="tv-title-line">
            <span className="tv-name" title={item.rootName} data-testid="trace-title">
              {item.rootName || '(unnamed)'}
            </span>
            <ServiceName name={item.rootService || 'unknown'} className="tv-root-service" />
          </div>
          <div className="tv-facts">
            <span title={`${dateLabel(startClock, 0)} ${clockLabel(startClock, 0, 9)}`} data-testid="trace-start">
              {clockLabel(startClock, 0)}
            </span>
            {skewedDurationNs === null ? (
              <span data-testid="trace-duration">{formatNs(item.durationNs)}</span>
            ) : (
              <span data-testid="trace-duration" title="With clock skew corrected, and as the recorded times have it">
                {formatNs(skewedDurationNs)} ({formatNs(item.durationNs)} as recorded)
              </span>
            )}
            <span>{plural(item.spans, 'span')}</span>
            {item.pieces > 1 && (
              <button
                type="button"
                className="link-button tv-pieces"
                data-testid="trace-pieces"
                title={`${piecesExplained(item.pieces)} Search where each starts (is:root).`}
                onClick={() => {
                  setSearchRequest({ text: 'is:root' })
                  setTab('waterfall')
                }}
              >
                in {item.pieces} pieces
              </button>
            )}
            {files.length > 1 && (
              <span title={`Joined from ${files.map((file) => fileLabel(file.summary.file)).join(', ')}`} data-testid="trace-files">
                from {plural(files.length, 'file')}
              </span>
            )}
            {services !== null && <span>{plural(services, 'service')}</span>}
            <span data-tone={item.errors > 0 ? 'danger' : undefined}>{item.errors > 0 ? plural(item.errors, 'error') : 'no errors'}</span>
            <code className="tv-trace-id" title="Trace ID">
              {item.traceId}
            </code>
          </div>
        </div>
        <div className="tv-tabs" role="tablist" aria-label="Trace views">
          {TABS.map(([id, label]) => (
            <button key={id} type="button" role="tab" className="tv-tab" aria-selected={tab === id} data-testid={`tab-${id}`} onClick={() => setTab(id)}>
              {label}
            </button>
          ))}
        </div>
      </header>
      <div className="tv-body">
        {load.status === 'loading' && (
          <div className="traces-loading" data-testid="trace-loading">
            <span className="spinner" />
            {load.phase === 'fetch' ? `Loading ${formatCount(item.spans)} spans…` : `Laying out ${formatCount(item.spans)} spans…`}
          </div>
        )}
        {load.status === 'failed' && <p className="traces-message traces-message-error">Could not open the trace: {errorMessage(load.error)}</p>}
        {load.status === 'ready' && clock && (
          <>
            <div className="tv-panel" hidden={tab !== 'waterfall'}>
              {spanTarget && 'spanId' in spanTarget && !load.loaded.trace.spanId.includes(spanTarget.spanId) && (
                <p className="traces-missing" role="status" data-testid="span-missing">
                  <span>
                    Span <code>{spanTarget.spanId.slice(0, 8)}</code> is not in this trace's spans as imported: its service's spans may be in a file not imported yet.
                  </span>
                </p>
              )}
              <Waterfall
                trace={load.loaded.trace}
                layout={load.loaded.layout}
                clock={clock}
                details={details}
                cursorMs={cursorMs}
                searchRequest={searchRequest}
                target={spanTarget}
                onSelectSpan={onSelectSpan}
                openLinked={openLinked}
              />
            </div>
            {tab === 'stats' && (
              <div className="tv-panel">
                <StatsTable
                  traceKey={key}
                  trace={load.loaded.trace}
                  onShow={(query) => {
                    setSearchRequest({ text: query })
                    setTab('waterfall')
                  }}
                />
              </div>
            )}
            {tab === 'compare' && (
              <div className="tv-panel">
                <CompareView item={item} items={items} trace={load.loaded.trace} />
              </div>
            )}
          </>
        )}
      </div>
    </div>
  )
}

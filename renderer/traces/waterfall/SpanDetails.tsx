import { type CSSProperties, type ReactNode, useEffect, useState } from 'react'
import type { SpanDetail } from '../../../shared/domain/model'
import { selfTime } from '../../../shared/traces/stats'
import { SPAN_KINDS, type TraceData } from '../../../shared/traces/trace-data'
import { errorMessage } from '../../api/errors'
import { CloseIcon } from '../../app/icons'
import { formatCount } from '../../format/numbers'
import { CopyIcon, UpIcon } from '../icons'
import { childrenOf, type TraceLayout, treeAround } from '../layout/layout'
import { clockLabel, dateLabel, formatNs, nsBetween, traceClock } from '../logic/clock'
import { attributeText } from '../logic/query'
import { serviceHue } from '../../../shared/graph/serviceColor'
import type { SpanDetailCache } from './detailCache'
import { copyText } from '../../app/copyText'

interface SpanDetailsProps {
  trace: TraceData
  layout: TraceLayout
  span: number
  details: SpanDetailCache
  /** Where the waterfall shows the span (skew-corrected), ns from the trace's base. */
  shownStart: number
  onJump: (span: number) => void
  onClose: () => void
  /** Opens a linked span's trace, when the incident holds it (null: it does not). */
  openLinked?: OpenLinked
}

/** For a span link (trace and span ids), what opens it in the incident, or null when the incident does not hold its trace. */
export type OpenLinked = (traceId: string, spanId: string) => (() => void) | null

const CHILDREN_SHOWN = 12

function useDetail(details: SpanDetailCache, rowId: number) {
  const [state, setState] = useState<{ rowId: number; detail?: SpanDetail; error?: unknown } | null>(null)
  useEffect(() => {
    let live = true
    details.detail(rowId).then(
      (detail) => live && setState({ rowId, detail }),
      (error: unknown) => live && setState({ rowId, error }),
    )
    return () => {
      live = false
    }
  }, [details, rowId])
  return state?.rowId === rowId ? state : null
}

function Section({ title, count, children, open = true, testId }: { title: string; count?: number; children: ReactNode; open?: boolean; testId?: string }) {
  return (
    <details className="sd-section" open={open} data-testid={testId}>
      <summary className="sd-section-title">
        {title}
        {count !== undefined && <span className="sd-count">{count}</span>}
      </summary>
      <div className="sd-section-body">{children}</div>
    </details>
  )
}

function AttributeTable({ attributes, testId }: { attributes: Record<string, unknown>; testId?: string }) {
  const entries = Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b))
  if (entries.length === 0) return <p className="sd-empty">None</p>
  return (
    <table className="sd-attributes" data-testid={testId}>
      <tbody>
        {entries.map(([key, value]) => (
          <tr key={key} data-key={key}>
            <th scope="row">{key}</th>
            <td data-type={typeof value}>{attributeText(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), 1200)
    return () => clearTimeout(timer)
  }, [copied])
  return (
    <button
      type="button"
      className="icon-button sd-copy"
      data-testid="copy-span-id"
      aria-label={label}
      title={copied ? 'Copied' : label}
      data-copied={copied ? '' : undefined}
      onClick={() => {
        copyText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }}
    >
      {copied ? <span className="sd-copied">Copied</span> : <CopyIcon />}
    </button>
  )
}

function SpanLink({ trace, span, onJump, testId }: { trace: TraceData; span: number; onJump: (span: number) => void; testId: string }) {
  const service = trace.services[trace.service[span]]
  return (
    <button type="button" className="sd-span-link" data-testid={testId} onClick={() => onJump(span)} style={{ '--hue': serviceHue(service) } as CSSProperties}>
      <span className="wf-swatch" aria-hidden="true" />
      <span className="sd-span-link-service">{service}</span>
      <span className="sd-span-link-name">{trace.names[trace.name[span]]}</span>
      <span className="sd-span-link-duration">{formatNs(trace.duration[span])}</span>
      {trace.error[span] === 1 && <span className="wf-error-icon">!</span>}
    </button>
  )
}

/** Everything about one span: timing, status, exceptions, attributes, resource, events, links. */
export function SpanDetails({ trace, layout, span, details, shownStart, onJump, onClose, openLinked }: SpanDetailsProps) {
  const rowId = trace.rowId[span]
  const loaded = useDetail(details, rowId)
  const detail = loaded?.detail
  const service = trace.services[trace.service[span]]
  const name = trace.names[trace.name[span]]
  const self = selfTime(trace, treeAround(layout, span), span)
  const parent = trace.parent[span]
  const kids = childrenOf(layout, span)
  // A parent named but not imported (a root lost by its exporter, a service's file missing).
  const missingParent = parent < 0 ? (detail?.parentSpanId ?? null) : null
  const shift = shownStart - trace.start[span]
  const exceptions = detail?.events.filter((event) => event.name === 'exception') ?? []
  const otherEvents = detail?.events.filter((event) => event.name !== 'exception') ?? []
  const rawStart = detail ? traceClock(detail.startUnixNano) : null
  const rawEnd = detail ? traceClock(detail.endUnixNano) : null

  return (
    <aside className="span-details" data-testid="span-details" data-span-id={trace.spanId[span]} aria-label="Span details" style={{ '--hue': serviceHue(service) } as CSSProperties}>
      <header className="sd-header">
        <span className="wf-swatch" aria-hidden="true" />
        <div className="sd-title">
          <span className="sd-service">{service}</span>
          <span className="sd-name" title={name}>
            {name}
          </span>
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close details" data-testid="close-details" title="Close (Esc)">
          <CloseIcon />
        </button>
      </header>

      <div className="sd-scroll">
        <dl className="sd-facts">
          <dt>Duration</dt>
          <dd data-testid="detail-duration">{formatNs(trace.duration[span])}</dd>
          <dt>Self time</dt>
          <dd data-testid="detail-self">
            {formatNs(self)}
            {trace.duration[span] > 0 && <span className="sd-muted"> · {Math.round((self / trace.duration[span]) * 100)}%</span>}
          </dd>
          <dt>Status</dt>
          <dd>
            <span className="sd-status" data-status={detail?.status ?? (trace.error[span] ? 'error' : 'unset')} data-testid="detail-status">
              {detail?.status ?? (trace.error[span] ? 'error' : '…')}
            </span>
          </dd>
          <dt>Kind</dt>
          <dd>{SPAN_KINDS[trace.kind[span]] ?? 'unspecified'}</dd>
          <dt>Start</dt>
          <dd className="sd-mono" title="Raw start, as recorded (ns)">
            {rawStart ? (
              <>
                {dateLabel(rawStart, 0)} {clockLabel(rawStart, 0, 9)}
              </>
            ) : (
              '…'
            )}
          </dd>
          <dt>End</dt>
          <dd className="sd-mono">{rawEnd ? clockLabel(rawEnd, 0, 9) : '…'}</dd>
          <dt>Span ID</dt>
          <dd className="sd-id">
            <code data-testid="detail-span-id">{trace.spanId[span]}</code>
            <CopyButton text={trace.spanId[span]} label="Copy span ID" />
          </dd>
          {detail?.scope && (
            <>
              <dt>Scope</dt>
              <dd className="sd-mono">
                {detail.scope.name}
                {detail.scope.version && <span className="sd-muted"> {detail.scope.version}</span>}
              </dd>
            </>
          )}
        </dl>

        {layout.adjusted[span] === 1 && shift !== 0 && (
          <p className="sd-note" data-testid="detail-skew">
            Shown {formatNs(Math.abs(shift))} {shift > 0 ? 'later' : 'earlier'} than recorded, to correct clock skew against its parent on another host. Start and end above are
            the recorded times.
          </p>
        )}

        {detail?.statusMessage && (
          <p className="sd-status-message" data-status={detail.status} data-testid="detail-status-message">
            {detail.statusMessage}
          </p>
        )}

        {exceptions.map((event, index) => {
          const type = attributeText(event.attributes['exception.type'] ?? '')
          const message = attributeText(event.attributes['exception.message'] ?? '')
          const stack = event.attributes['exception.stacktrace']
          return (
            <section key={index} className="sd-exception" data-testid="detail-exception">
              <header className="sd-exception-head">
                <span className="sd-exception-label">Exception</span>
                {type && <span className="sd-exception-type">{type}</span>}
                <span className="sd-muted sd-event-time">+{formatNs(nsBetween(detail!.startUnixNano, event.timeUnixNano))}</span>
              </header>
              {message && (
                <p className="sd-exception-message" data-testid="exception-message">
                  {message}
                </p>
              )}
              {stack !== undefined && <pre className="sd-stack">{attributeText(stack)}</pre>}
            </section>
          )
        })}

        {(parent >= 0 || missingParent || kids.length > 0) && (
          <Section title="Related spans" count={kids.length + (parent >= 0 || missingParent ? 1 : 0)} testId="detail-related">
            {parent >= 0 && (
              <div className="sd-related">
                <span className="sd-related-label">
                  <UpIcon /> Parent
                </span>
                <SpanLink trace={trace} span={parent} onJump={onJump} testId="jump-parent" />
              </div>
            )}
            {missingParent && (
              <div className="sd-related">
                <span className="sd-related-label">
                  <UpIcon /> Parent
                </span>
                <p className="sd-muted sd-missing-parent" data-testid="missing-parent">
                  <code>{missingParent}</code> is not among the trace’s spans as imported: the trace is incomplete here (a span dropped, or in a file not imported).
                </p>
              </div>
            )}
            {kids.length > 0 && (
              <div className="sd-related">
                <span className="sd-related-label">Children · {formatCount(kids.length)}</span>
                {Array.from(kids.subarray(0, CHILDREN_SHOWN), (child) => (
                  <SpanLink key={child} trace={trace} span={child} onJump={onJump} testId="jump-child" />
                ))}
                {kids.length > CHILDREN_SHOWN && <p className="sd-muted sd-more">and {formatCount(kids.length - CHILDREN_SHOWN)} more</p>}
              </div>
            )}
          </Section>
        )}

        {loaded?.error !== undefined && <p className="sd-error">Could not load the span’s details: {errorMessage(loaded.error)}</p>}
        {!loaded && <p className="sd-loading">Loading details…</p>}

        {detail && (
          <>
            <Section title="Attributes" count={Object.keys(detail.attributes).length} testId="detail-attributes">
              <AttributeTable attributes={detail.attributes} testId="attribute-table" />
            </Section>
            {otherEvents.length > 0 && (
              <Section title="Events" count={otherEvents.length} testId="detail-events">
                <ol className="sd-events">
                  {otherEvents.map((event, index) => (
                    <li key={index}>
                      <div className="sd-event-head">
                        <span className="sd-event-name">{event.name}</span>
                        <span className="sd-muted sd-event-time">+{formatNs(nsBetween(detail.startUnixNano, event.timeUnixNano))}</span>
                      </div>
                      {Object.keys(event.attributes).length > 0 && <AttributeTable attributes={event.attributes} />}
                    </li>
                  ))}
                </ol>
              </Section>
            )}
            {detail.links.length > 0 && (
              <Section title="Links" count={detail.links.length} testId="detail-links">
                <ul className="sd-links">
                  {detail.links.map((link, index) => {
                    const open = openLinked?.(link.traceId, link.spanId) ?? null
                    return (
                      <li key={index} data-testid="span-link">
                        <code>{link.traceId}</code> / <code>{link.spanId}</code>{' '}
                        {open ? (
                          <button type="button" className="link-button" data-testid="open-span-link" title="Open the linked span in its trace (Alt+← comes back)" onClick={open}>
                            Open
                          </button>
                        ) : (
                          <span className="sd-muted">(its trace is not in this incident)</span>
                        )}
                        {Object.keys(link.attributes).length > 0 && <AttributeTable attributes={link.attributes} />}
                      </li>
                    )
                  })}
                </ul>
              </Section>
            )}
            <Section title="Resource" count={Object.keys(detail.resource).length} open={false} testId="detail-resource">
              <AttributeTable attributes={detail.resource} />
            </Section>
          </>
        )}
      </div>
    </aside>
  )
}

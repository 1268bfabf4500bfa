import { type CSSProperties, useEffect, useMemo, useState } from 'react'
import type { TraceListItem } from '../../shared/domain/model'
import type { ComparedNode } from '../../shared/traces/compare'
import type { TraceData } from '../../shared/traces/trace-data'
import { errorMessage } from '../api/errors'
import { formatCount, plural } from '../format/numbers'
import { compareWith } from './layout/layoutClient'
import { clockLabel, formatNs, traceClock } from './logic/clock'
import { isEmptyQuery, matchesTrace, parseQuery } from './logic/query'
import { suggestComparison, traceKey } from './logic/sortTraces'
import { serviceHue } from '../../shared/graph/serviceColor'
import { useTraceColumns } from './useTraceData'

interface CompareViewProps {
  item: TraceListItem
  items: readonly TraceListItem[]
  trace: TraceData
}

const describe = (item: TraceListItem) =>
  `${item.rootService}: ${item.rootName} · ${clockLabel(traceClock(item.startNs), 0)} · ${formatNs(item.durationNs)}${item.errors ? ` · ${plural(item.errors, 'error')}` : ''}`

function Side({ side }: { side: ComparedNode['left'] }) {
  if (!side) return <td colSpan={2} className="cmp-missing" data-numeric>—</td>
  return (
    <>
      <td data-numeric>
        {formatCount(side.count)}
        {side.errors > 0 && (
          <span className="cmp-errors" title={`${formatCount(side.errors)} in error`}>
            {formatCount(side.errors)} err
          </span>
        )}
      </td>
      <td data-numeric>{formatNs(side.totalNs)}</td>
    </>
  )
}

/** The trace beside another one, merged by service+operation path: counts and durations side by side. */
export function CompareView({ item, items, trace }: CompareViewProps) {
  const [chosen, setChosen] = useState<string | null>(() => {
    const suggestion = suggestComparison(item, items)
    return suggestion ? traceKey(suggestion) : null
  })
  const other = items.find((candidate) => traceKey(candidate) === chosen) ?? null
  const loaded = useTraceColumns(other?.artifactId ?? null, other?.traceId ?? null)
  const [result, setResult] = useState<{ key: string; rows?: ComparedNode[]; error?: unknown } | null>(null)

  useEffect(() => {
    if (!other || !loaded?.trace) return
    let live = true
    const key = traceKey(other)
    compareWith(traceKey(item), trace, key, loaded.trace).then(
      (rows) => live && setResult({ key, rows }),
      (error: unknown) => live && setResult({ key, error }),
    )
    return () => {
      live = false
    }
  }, [item, trace, other, loaded])

  const rows = other && result?.key === traceKey(other) ? result.rows : undefined
  const summary = useMemo(() => {
    if (!rows) return null
    return { leftOnly: rows.filter((row) => !row.right).length, rightOnly: rows.filter((row) => !row.left).length }
  }, [rows])

  // Of many traces, the list's own search words narrow the choice (the one chosen stays in it).
  const [filter, setFilter] = useState('')
  const query = useMemo(() => parseQuery(filter), [filter])
  const others = useMemo(() => items.filter((candidate) => traceKey(candidate) !== traceKey(item)), [items, item])
  const matches = useMemo(() => (isEmptyQuery(query) ? null : others.filter((candidate) => matchesTrace(candidate, query))), [others, query])
  const choices = useMemo(() => {
    if (matches === null) return others
    const matching = new Set(matches)
    return others.filter((candidate) => matching.has(candidate) || traceKey(candidate) === chosen)
  }, [others, matches, chosen])
  return (
    <div className="cmp">
      <div className="cmp-picker">
        <label className="cmp-label" htmlFor="compare-with">
          Compare with
        </label>
        <select id="compare-with" className="cmp-select" data-testid="compare-select" value={chosen ?? ''} onChange={(event) => setChosen(event.target.value || null)}>
          {choices.length === 0 && <option value="">No other trace in this incident</option>}
          {choices.map((candidate) => (
            <option key={traceKey(candidate)} value={traceKey(candidate)}>
              {describe(candidate)}
            </option>
          ))}
        </select>
        {others.length > 1 && (
          <input
            type="search"
            className="cmp-filter"
            data-testid="compare-filter"
            placeholder="Narrow: name, service:x, >1s, error"
            aria-label="Narrow the traces to compare with"
            title="The trace list's search words"
            spellCheck={false}
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
        )}
        {matches !== null && (
          <span className="cmp-count" data-testid="compare-count" aria-live="polite">
            {matches.length === 0 ? 'No match' : `${formatCount(matches.length)} of ${formatCount(others.length)}`}
          </span>
        )}
      </div>
      {summary && (
        <p className="cmp-summary" data-testid="compare-summary">
          <span className="cmp-key" data-side="left" /> {formatCount(summary.leftOnly)} only in this trace · <span className="cmp-key" data-side="right" />{' '}
          {formatCount(summary.rightOnly)} only in the other
        </p>
      )}
      {loaded?.error !== undefined && <p className="traces-message traces-message-error">Could not load the other trace: {errorMessage(loaded.error)}</p>}
      {result?.error !== undefined && <p className="traces-message traces-message-error">Could not compare: {errorMessage(result.error)}</p>}
      {other && !rows && loaded?.error === undefined && result?.error === undefined && <p className="traces-message">Comparing…</p>}
      {rows && (
        <div className="tv-table-wrap">
          <table className="tv-table cmp-table" data-testid="compare-table">
            <thead>
              <tr>
                <th rowSpan={2}>Service · operation path</th>
                <th colSpan={2} className="cmp-group" data-side="left">
                  This trace
                </th>
                <th colSpan={2} className="cmp-group" data-side="right">
                  Other
                </th>
                <th rowSpan={2} data-numeric title="This trace's total minus the other's: positive where this trace spent longer">
                  Δ total
                </th>
              </tr>
              <tr>
                <th data-numeric>Spans</th>
                <th data-numeric>Total</th>
                <th data-numeric>Spans</th>
                <th data-numeric>Total</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const side = !row.left ? 'right' : !row.right ? 'left' : undefined
                const delta = row.left && row.right ? row.left.totalNs - row.right.totalNs : null
                return (
                  <tr key={row.path} data-testid="compare-row" data-side={side} data-path={row.path} style={{ '--hue': serviceHue(row.service) } as CSSProperties}>
                    <td className="cmp-path" title={row.path}>
                      <span className="cmp-path-inner">
                        <span className="cmp-indent" style={{ width: Math.min(row.depth, 12) * 12 }} />
                        <span className="wf-swatch" aria-hidden="true" />
                        <span className="cmp-service">{row.service}</span>
                        <span className="cmp-name">{row.name}</span>
                        {side && <span className="cmp-only">{side === 'left' ? 'only here' : 'only other'}</span>}
                      </span>
                    </td>
                    <Side side={row.left} />
                    <Side side={row.right} />
                    <td data-numeric className="cmp-delta" data-sign={delta === null ? undefined : delta > 0 ? 'up' : delta < 0 ? 'down' : 'same'}>
                      {delta === null ? '' : `${delta > 0 ? '+' : ''}${formatNs(delta)}`}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}

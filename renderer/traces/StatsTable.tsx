import { type CSSProperties, useEffect, useMemo, useState } from 'react'
import type { OperationStats } from '../../shared/traces/stats'
import type { TraceData } from '../../shared/traces/trace-data'
import { errorMessage } from '../api/errors'
import { formatCount } from '../format/numbers'
import { traceStats } from './layout/layoutClient'
import { formatNs } from './logic/clock'
import { exactTerms } from './logic/query'
import { serviceHue } from '../../shared/graph/serviceColor'

type StatKey = 'service' | 'name' | 'count' | 'errors' | 'totalNs' | 'avgNs' | 'selfNs'

const COLUMNS: Array<{ key: StatKey; label: string; numeric: boolean; title?: string }> = [
  { key: 'service', label: 'Service', numeric: false },
  { key: 'name', label: 'Operation', numeric: false },
  { key: 'count', label: 'Count', numeric: true },
  { key: 'errors', label: 'Errors', numeric: true },
  { key: 'totalNs', label: 'Total', numeric: true, title: 'Sum of durations' },
  { key: 'avgNs', label: 'Avg', numeric: true, title: 'Mean duration' },
  { key: 'selfNs', label: 'Self', numeric: true, title: 'Sum of self times (not covered by children)' },
]

const valueOf = (row: OperationStats, key: StatKey): number | string => (key === 'avgNs' ? row.totalNs / Math.max(1, row.count) : row[key])

/** Per service and operation: count, errors, total, mean and self time (computed off the main thread). */
export function StatsTable({ traceKey, trace, onShow }: { traceKey: string; trace: TraceData; onShow: (query: string) => void }) {
  const [state, setState] = useState<{ rows?: OperationStats[]; error?: unknown } | null>(null)
  const [sort, setSort] = useState<{ key: StatKey; descending: boolean }>({ key: 'totalNs', descending: true })
  useEffect(() => {
    let live = true
    traceStats(traceKey, trace).then(
      (rows) => live && setState({ rows }),
      (error: unknown) => live && setState({ error }),
    )
    return () => {
      live = false
    }
  }, [traceKey, trace])

  const rows = state?.rows
  const sorted = useMemo(() => {
    if (!rows) return []
    const direction = sort.descending ? -1 : 1
    return [...rows].sort((a, b) => {
      const x = valueOf(a, sort.key)
      const y = valueOf(b, sort.key)
      return direction * (typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number))
    })
  }, [rows, sort])
  const selfTotal = useMemo(() => Math.max(1, ...(rows ?? []).map((row) => row.selfNs)), [rows])

  if (state?.error !== undefined) return <p className="traces-message traces-message-error">Could not compute statistics: {errorMessage(state.error)}</p>
  if (!rows) return <p className="traces-message">Computing statistics…</p>

  return (
    <div className="tv-table-wrap">
      <table className="tv-table" data-testid="stats-table">
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th key={column.key} data-numeric={column.numeric || undefined} aria-sort={sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : 'none'} title={column.title}>
                <button
                  type="button"
                  className="trace-sort"
                  data-active={sort.key === column.key || undefined}
                  onClick={() => setSort((current) => (current.key === column.key ? { key: column.key, descending: !current.descending } : { key: column.key, descending: column.numeric }))}
                >
                  {column.label}
                  <span className="trace-sort-arrow" aria-hidden="true">
                    {sort.key === column.key ? (sort.descending ? '↓' : '↑') : ''}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr
              key={`${row.service}\u0000${row.name}`}
              data-testid="stats-row"
              onClick={() => onShow(exactTerms(row.service, row.name))}
              title="Show these spans in the waterfall"
              style={{ '--hue': serviceHue(row.service) } as CSSProperties}
            >
              <td className="tv-service">
                <span className="wf-swatch" aria-hidden="true" />
                {row.service}
              </td>
              <td className="tv-op" title={row.name}>
                {row.name}
              </td>
              <td data-numeric>{formatCount(row.count)}</td>
              <td data-numeric data-tone={row.errors > 0 ? 'danger' : undefined}>
                {row.errors > 0 ? formatCount(row.errors) : '–'}
              </td>
              <td data-numeric>{formatNs(row.totalNs)}</td>
              <td data-numeric>{formatNs(row.totalNs / Math.max(1, row.count))}</td>
              <td data-numeric className="tv-self">
                <span className="tv-self-bar" style={{ width: `${(row.selfNs / selfTotal) * 100}%` }} aria-hidden="true" />
                <span className="tv-self-text">{formatNs(row.selfNs)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

import type { MarkerCounts as Counts } from '../../shared/domain/model'
import { formatCount } from '../format/numbers'

const KINDS: { key: keyof Counts; label: string }[] = [
  { key: 'clicks', label: 'Clicks' },
  { key: 'navigations', label: 'Navigations' },
  { key: 'consoleErrors', label: 'Console errors' },
  { key: 'custom', label: 'Custom' },
]

/** The session's markers by kind, as a compact row of counters. */
export function MarkerCounts({ markers }: { markers: Counts }) {
  return (
    <ul className="marker-counts" aria-label="Markers">
      {KINDS.map(({ key, label }) => (
        <li
          key={key}
          className="marker-count"
          data-kind={key}
          data-testid={`markers-${key}`}
          data-tone={key === 'consoleErrors' && markers[key] > 0 ? 'danger' : undefined}
        >
          <span className="marker-count-value">{formatCount(markers[key])}</span>
          <span className="marker-count-label">{label}</span>
        </li>
      ))}
    </ul>
  )
}

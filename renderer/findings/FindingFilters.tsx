import type { Finding } from '../../shared/findings/model'
import { type Severity, SEVERITIES, SEVERITY_LABELS } from './severity'
import { type FindingFilter, isFiltering, NO_FILTER, tagCounts } from './timeline'

interface FindingFiltersProps {
  findings: readonly Finding[]
  filter: FindingFilter
  onChange: (filter: FindingFilter) => void
}

const toggled = <T,>(set: ReadonlySet<T>, value: T): Set<T> => {
  const next = new Set(set)
  if (!next.delete(value)) next.add(value)
  return next
}

/** Severity and tag toggles over the list; only severities and tags in use are offered. */
export function FindingFilters({ findings, filter, onChange }: FindingFiltersProps) {
  const severities = SEVERITIES.filter((severity) => findings.some((finding) => finding.severity === severity) || filter.severities.has(severity))
  const tags = tagCounts(findings)
  return (
    <div className="finding-filters" data-testid="finding-filters">
      <div className="finding-filter-group" role="group" aria-label="Filter by severity">
        {severities.map((severity: Severity) => (
          <button
            key={severity}
            type="button"
            className="filter-chip"
            data-severity={severity}
            aria-pressed={filter.severities.has(severity)}
            data-testid={`finding-filter-severity-${severity}`}
            onClick={() => onChange({ ...filter, severities: toggled(filter.severities, severity) })}
          >
            <span className="severity-dot" data-severity={severity} aria-hidden="true" />
            {SEVERITY_LABELS[severity]}
          </button>
        ))}
      </div>
      {tags.length > 0 && (
        <div className="finding-filter-group" role="group" aria-label="Filter by tag">
          {tags.map(({ tag, count }) => (
            <button
              key={tag}
              type="button"
              className="filter-chip"
              aria-pressed={filter.tags.has(tag)}
              data-testid="finding-filter-tag"
              data-tag={tag}
              onClick={() => onChange({ ...filter, tags: toggled(filter.tags, tag) })}
            >
              #{tag}
              <span className="filter-chip-count">{count}</span>
            </button>
          ))}
        </div>
      )}
      {isFiltering(filter) && (
        <button type="button" className="link-button finding-filter-clear" data-testid="finding-filter-clear" onClick={() => onChange(NO_FILTER)}>
          Clear filters
        </button>
      )}
    </div>
  )
}

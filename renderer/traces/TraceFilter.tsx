import { formatCount } from '../format/numbers'
import { SearchIcon } from './icons'

interface TraceFilterProps {
  text: string
  onText: (text: string) => void
  /** Traces left, of how many (null: not listed yet). */
  shown: number | null
  of: number
  /** Terms typed that the list cannot read or apply. */
  invalid: readonly string[]
  unused: readonly string[]
}

/** Narrows the trace list with the waterfall's search syntax, read of each trace as a whole. */
export function TraceFilter({ text, onText, shown, of, invalid, unused }: TraceFilterProps) {
  return (
    <div className="trace-filter">
      <label className="wf-search">
        <SearchIcon />
        <input
          type="search"
          className="wf-search-input"
          value={text}
          placeholder="Filter traces: name, service:x, op:x, >1s, error"
          aria-label="Filter traces"
          spellCheck={false}
          data-testid="trace-filter"
          onChange={(event) => onText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && text) {
              event.preventDefault()
              event.stopPropagation()
              onText('')
            }
          }}
        />
        {invalid.length > 0 ? (
          <span className="wf-search-count" data-none>
            Not understood: {invalid.join(' ')}
          </span>
        ) : unused.length > 0 ? (
          <span className="wf-search-count" title="Attributes and is:root are searched in a trace's waterfall" data-testid="trace-filter-unused">
            Not in the list: {unused.join(' ')}
          </span>
        ) : (
          text.trim() &&
          shown !== null && (
            <span className="wf-search-count" data-testid="trace-filter-count">
              {formatCount(shown)} of {formatCount(of)}
            </span>
          )
        )}
      </label>
    </div>
  )
}

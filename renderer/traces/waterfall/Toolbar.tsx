import { type RefObject, memo } from 'react'
import { formatCount } from '../../format/numbers'
import { CriticalPathIcon, DownIcon, FilterIcon, KeyboardIcon, SearchIcon, SkewIcon, UpIcon } from '../icons'
import type { SpanSearch } from './useSpanSearch'

interface ToolbarProps {
  text: string
  onText: (text: string) => void
  search: SpanSearch
  /** Position of the current match in the matches, or -1. */
  current: number
  onStep: (step: 1 | -1) => void
  onlyMatches: boolean
  onOnlyMatches: (on: boolean) => void
  showCritical: boolean
  onShowCritical: (on: boolean) => void
  showSkew: boolean
  adjustedCount: number
  onShowSkew: (on: boolean) => void
  onShortcuts: () => void
  inputRef: RefObject<HTMLInputElement | null>
  onLeaveSearch: () => void
}

const SEARCH_SYNTAX = 'Words match service and operation names; service:NAME, op:NAME; key=value for attributes; >50ms, <=2s for durations; error; is:root for where the trace (and each piece of a trace in pieces) starts'

const ERROR_WORD = /(^|\s)(error|errors|is:error|status:error)(?=\s|$)/i

/** Search with match navigation, and the view toggles. */
export const Toolbar = memo(function Toolbar(props: ToolbarProps) {
  const { text, onText, search, current, onStep, onlyMatches, onOnlyMatches, showCritical, onShowCritical, showSkew, adjustedCount, onShowSkew, onShortcuts, inputRef, onLeaveSearch } = props
  const errorsOn = ERROR_WORD.test(text)
  const count = search.matches.length
  // A term typed wrong is said so, not quietly left out of the search.
  const invalid = search.query.invalid
  return (
    <div className="wf-toolbar">
      <div className="wf-search" data-active={search.active || undefined}>
        <SearchIcon />
        <input
          ref={inputRef}
          type="search"
          className="wf-search-input"
          data-testid="span-search"
          placeholder="Search spans: name, key=value, >50ms, error"
          aria-label="Search spans"
          spellCheck={false}
          aria-invalid={invalid.length > 0 || undefined}
          title={SEARCH_SYNTAX}
          value={text}
          onChange={(event) => onText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault()
              onStep(event.shiftKey ? -1 : 1)
            } else if (event.key === 'Escape') {
              event.preventDefault()
              if (text) onText('')
              else onLeaveSearch()
            } else if (event.key === 'ArrowDown' && !event.altKey) {
              event.preventDefault()
              onLeaveSearch()
            }
            event.stopPropagation()
          }}
        />
        {invalid.length > 0 ? (
          <span className="wf-search-count" data-testid="search-count" aria-live="polite" data-none title={SEARCH_SYNTAX}>
            Not understood: {invalid.join(' ')}
          </span>
        ) : search.active && (
          <span className="wf-search-count" data-testid="search-count" aria-live="polite" data-none={(count === 0 && !search.pending) || undefined}>
            {search.progress
              ? // Not "n / total", which reads as the nth match of total.
                `Searching ${Math.floor((100 * search.progress.done) / Math.max(1, search.progress.total))}%…`
              : search.pending
                ? 'Searching…'
                : count === 0
                ? 'No match'
                : `${current >= 0 ? formatCount(current + 1) : '–'} / ${formatCount(count)}`}
          </span>
        )}
        <button type="button" className="wf-tool wf-tool-icon" onClick={() => onStep(-1)} disabled={count === 0} aria-label="Previous match (Shift+Enter)" title="Previous match (Shift+Enter)" data-testid="search-prev">
          <UpIcon />
        </button>
        <button type="button" className="wf-tool wf-tool-icon" onClick={() => onStep(1)} disabled={count === 0} aria-label="Next match (Enter)" title="Next match (Enter)" data-testid="search-next">
          <DownIcon />
        </button>
        <button
          type="button"
          className="wf-tool wf-tool-icon"
          aria-pressed={onlyMatches}
          onClick={() => onOnlyMatches(!onlyMatches)}
          title="Show only matching spans (and their parents)"
          aria-label="Show only matches"
          data-testid="filter-matches"
        >
          <FilterIcon />
        </button>
      </div>
      <div className="wf-toggles">
        <button
          type="button"
          className="wf-tool"
          aria-pressed={errorsOn}
          data-tone="danger"
          data-testid="toggle-errors"
          title="Search error spans"
          onClick={() => onText(errorsOn ? text.replace(ERROR_WORD, ' ').trim() : `${text.trim()} error`.trim())}
        >
          <span className="wf-tool-dot" aria-hidden="true" />
          Errors
        </button>
        <button type="button" className="wf-tool" aria-pressed={showCritical} onClick={() => onShowCritical(!showCritical)} data-testid="toggle-critical" title="Highlight the critical path (C)">
          <CriticalPathIcon />
          Critical path
        </button>
        <button
          type="button"
          className="wf-tool"
          aria-pressed={adjustedCount > 0 ? showSkew : undefined}
          disabled={adjustedCount === 0}
          onClick={() => onShowSkew(!showSkew)}
          data-testid="toggle-skew"
          title={adjustedCount > 0 ? `${formatCount(adjustedCount)} spans moved to correct clock skew; off shows raw times (R)` : 'No clock skew found; raw times shown (R)'}
        >
          <SkewIcon />
          {adjustedCount === 0 ? 'No skew' : showSkew ? 'Skew fixed' : 'Raw times'}
          {adjustedCount > 0 && <span className="wf-tool-count">{formatCount(adjustedCount)}</span>}
        </button>
        <button type="button" className="wf-tool wf-tool-icon" onClick={onShortcuts} aria-label="Keyboard shortcuts (?)" title="Keyboard shortcuts (?)" data-testid="shortcuts-button">
          <KeyboardIcon />
        </button>
      </div>
    </div>
  )
})

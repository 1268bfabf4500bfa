import { useState } from 'react'
import type { RunbookSummary } from '../../shared/runbooks/model'
import { useIsGuest } from '../app/guest'
import { PlusIcon } from '../app/icons'
import { plural } from '../format/numbers'
import { formatDateTime, formatRelative } from '../format/time'
import { useNow } from '../format/useNow'
import { matchesRunbook } from './filterRunbooks'

interface RunbookListProps {
  runbooks: readonly RunbookSummary[] | undefined
  selection: number | 'new' | null
  /** Runbooks with edits not saved yet. */
  unsaved: ReadonlySet<number | 'new'>
  /** The title typed so far into a new runbook (null: none yet). */
  newTitle: string | null
  onSelect: (selection: number | 'new') => void
}

/** Runbooks past which the list offers its filter. */
const FILTER_FROM = 6

/** Every runbook of the workspace, most recently saved first; past a few, filtered by title, owner or tag. */
export function RunbookList({ runbooks, selection, unsaved, newTitle, onSelect }: RunbookListProps) {
  const now = useNow()
  const guest = useIsGuest()
  const [filter, setFilter] = useState('')
  const filtering = (runbooks?.length ?? 0) >= FILTER_FROM
  const shown = filtering && filter.trim() ? runbooks?.filter((runbook) => matchesRunbook(runbook, filter)) : runbooks
  return (
    <nav className="rb-list" aria-label="Runbooks" data-testid="runbook-list">
      <header className="sidebar-header">
        <h2 className="sidebar-title">
          Runbooks
          {runbooks && runbooks.length > 0 && <span className="sidebar-count">{runbooks.length}</span>}
        </h2>
        {!guest && (
          <button type="button" className="icon-button" aria-label="New runbook" title="New runbook" data-testid="new-runbook" onClick={() => onSelect('new')}>
            <PlusIcon />
          </button>
        )}
      </header>
      {filtering && (
        <div className="rb-list-filter">
          <input
            type="search"
            className="input"
            placeholder="Filter: title, owner, #tag"
            aria-label="Filter the runbooks"
            data-testid="runbook-filter"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            onKeyDown={(event) => {
              // Esc clears the words first (an empty filter lets it through).
              if (event.key !== 'Escape' || !filter) return
              event.preventDefault()
              setFilter('')
            }}
          />
        </div>
      )}
      {shown?.length === 0 && runbooks?.length !== 0 && (
        <p className="sidebar-empty" data-testid="runbook-filter-empty">
          No runbook matches.{' '}
          <button type="button" className="link-button" onClick={() => setFilter('')}>
            Clear the filter
          </button>
        </p>
      )}
      {runbooks?.length === 0 && selection !== 'new' && (
        <p className="sidebar-empty">
          {guest
            ? 'A guest sees only the runbooks the shared incident’s findings cite, and none cites one yet.'
            : 'No runbooks yet. Write one, or drop markdown files (.md) anywhere on the window.'}
        </p>
      )}
      <ul className="rb-list-items">
        {selection === 'new' && (
          <li className="rb-list-item" data-selected>
            <button type="button" className="rb-list-open" aria-current="true">
              <span className="rb-list-title" data-testid="new-runbook-title">
                {newTitle ?? 'New runbook'}
              </span>
              <span className="rb-list-meta">not saved yet</span>
            </button>
          </li>
        )}
        {shown?.map((runbook) => (
          <li key={runbook.id} className="rb-list-item" data-testid="runbook-item" data-runbook-id={runbook.id} data-selected={runbook.id === selection || undefined}>
            <button type="button" className="rb-list-open" aria-current={runbook.id === selection ? 'true' : undefined} onClick={() => onSelect(runbook.id)}>
              <span className="rb-list-title" data-testid="runbook-item-title">
                {unsaved.has(runbook.id) && <span className="rb-list-unsaved" title="Unsaved changes" aria-label="Unsaved changes" />}
                {runbook.title}
              </span>
              <span className="rb-list-meta">
                {[runbook.owner, plural(runbook.steps, 'step')].filter(Boolean).join(' · ')} · <span title={formatDateTime(runbook.updatedAt)}>{formatRelative(runbook.updatedAt, now)}</span>
              </span>
              {runbook.tags.length > 0 && (
                <span className="rb-list-tags">
                  {runbook.tags.map((tag) => (
                    <span key={tag} className="rb-tag">
                      #{tag}
                    </span>
                  ))}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}

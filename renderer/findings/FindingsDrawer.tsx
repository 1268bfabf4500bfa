import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { focusWhenReady } from '../app/focusWhenReady'
import { type FocusState, useFocusStore } from '../focus/focus'
import type { Finding } from '../../shared/findings/model'
import { errorMessage } from '../api/errors'
import { plural } from '../format/numbers'
import { FindingFilters } from './FindingFilters'
import { FindingItem } from './FindingItem'
import { openFindingEditor, useFindings, useFindingsUi, useFindingsUiStore } from './FindingsProvider'
import { type FindingFilter, isFiltering, matchesFilter, NO_FILTER } from './timeline'
import { useRestoreFinding } from './useRestoreFinding'

const shownSpan = ({ trace, span }: FocusState) => ({ traceId: trace?.traceId ?? null, spanId: span && 'spanId' in span ? span.spanId : null })

/** The incident's findings as a timeline beside the panes: filter, show one as written, edit, delete. */
export function FindingsDrawer() {
  const open = useFindingsUi((state) => state.drawerOpen)
  if (!open) return null
  return <Drawer />
}

function Drawer() {
  const { findings, loadError, remove, unlink, canDelete } = useFindings()
  const ui = useFindingsUiStore()
  const restore = useRestoreFinding()
  const [filter, setFilter] = useState<FindingFilter>(NO_FILTER)
  /** The finding last shown, as long as the panes still show it: with the trace and span it left them at. */
  const [active, setActive] = useState<{ id: number; traceId: string | null; spanId: string | null } | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const all = useMemo(() => findings ?? [], [findings])
  const shown = useMemo(() => all.filter((finding) => matchesFilter(finding, filter)), [all, filter])

  const focus = useFocusStore()
  const onRestore = useCallback(
    (finding: Finding) => {
      restore(finding)
      setActive({ id: finding.id, ...shownSpan(focus.get()) })
    },
    [restore, focus],
  )
  // Once the panes move on (another span, Alt+←), the finding is no longer what they show.
  useEffect(() => {
    if (!active) return
    return focus.subscribe(() => {
      const { traceId, spanId } = shownSpan(focus.get())
      if (traceId !== active.traceId || spanId !== active.spanId) setActive(null)
    })
  }, [active, focus])
  const onEdit = useCallback((finding: Finding) => openFindingEditor(ui, { mode: 'edit', finding }), [ui])
  const drawer = useRef<HTMLElement>(null)
  // Opened from its toggle, the drawer takes the keyboard: its first finding, or itself.
  useEffect(() => {
    if (document.activeElement?.getAttribute('aria-controls') !== 'findings-drawer') return
    const root = drawer.current
    ;(root?.querySelector<HTMLElement>('.finding-open') ?? root)?.focus()
  }, [])
  const onDelete = useCallback(
    (finding: Finding) => {
      setFailure(null)
      // The keyboard goes on to the next finding (the one before, at the end; else Undo).
      const at = shown.indexOf(finding)
      const neighbour = shown[at + 1] ?? shown[at - 1]
      focusWhenReady(() =>
        neighbour ? drawer.current?.querySelector<HTMLElement>(`[data-finding-id="${neighbour.id}"] .finding-open`) : document.querySelector<HTMLElement>('.findings-toast-undo'),
      )
      remove(finding).catch((error: unknown) => setFailure(errorMessage(error)))
    },
    [remove, shown],
  )

  const onUnlink = useCallback(
    (finding: Finding, link: Finding['links'][number]) => {
      setFailure(null)
      // The keyboard goes on to the finding's title.
      focusWhenReady(() => drawer.current?.querySelector<HTMLElement>(`[data-finding-id="${finding.id}"] .finding-open`))
      unlink(finding, link).catch((error: unknown) => setFailure(errorMessage(error)))
    },
    [unlink],
  )

  // Escape hides it, as it closes the app's other panels, and the keyboard goes back to its toggle.
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return
    event.preventDefault()
    ui.set({ drawerOpen: false })
    document.querySelector<HTMLElement>('[aria-controls="findings-drawer"]')?.focus()
  }

  return (
    <aside ref={drawer} id="findings-drawer" className="findings-drawer" tabIndex={-1} aria-label="Findings" data-testid="findings-drawer" onKeyDown={onKeyDown}>
      <header className="findings-drawer-header">
        <h2 className="pane-title">Findings</h2>
        <span className="pane-summary" data-testid="findings-shown-count">
          {isFiltering(filter) ? `${shown.length} of ${all.length}` : plural(all.length, 'finding')}
        </span>
        <button type="button" className="icon-button findings-drawer-close" aria-label="Hide the findings" title="Hide the findings" onClick={() => ui.set({ drawerOpen: false })}>
          <svg width="10" height="10" viewBox="0 0 10 10" aria-hidden="true">
            <path d="M1.5 1.5l7 7M8.5 1.5l-7 7" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
          </svg>
        </button>
      </header>
      {all.length > 0 && <FindingFilters findings={all} filter={filter} onChange={setFilter} />}
      {failure && (
        <p className="findings-failure" role="alert">
          {failure}
        </p>
      )}
      {loadError !== undefined && findings === null ? (
        <p className="findings-failure" role="alert">
          Could not load the findings: {errorMessage(loadError)}
        </p>
      ) : findings === null ? (
        <div className="findings-empty">
          <span className="spinner" role="status" aria-label="Loading the findings" />
        </div>
      ) : all.length === 0 ? (
        <p className="findings-empty" data-testid="findings-empty">
          No findings yet. Press <kbd>F</kbd> to write down what you see, anchored to the replay's moment, the selected span and the picked service or call.
        </p>
      ) : shown.length === 0 ? (
        <p className="findings-empty" data-testid="findings-empty">
          No findings match.{' '}
          <button type="button" className="link-button" onClick={() => setFilter(NO_FILTER)}>
            Clear filters
          </button>
        </p>
      ) : (
        <ol className="findings-list" data-testid="findings-list">
          {shown.map((finding) => (
            <FindingItem key={finding.id} finding={finding} active={finding.id === active?.id} onRestore={onRestore} onEdit={onEdit} onUnlink={onUnlink} onDelete={canDelete(finding) ? onDelete : undefined} />
          ))}
        </ol>
      )}
    </aside>
  )
}

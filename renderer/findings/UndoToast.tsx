import { useCallback, useEffect, useState } from 'react'
import type { Finding } from '../../shared/findings/model'
import { useApi } from '../api/ApiProvider'
import { errorMessage } from '../api/errors'
import { focusWhenReady } from '../app/focusWhenReady'
import { isTyping, withModifier } from '../app/typing'
import { deletedFinding } from './deletedFinding'

/** The runbook steps a finding was evidence for, in a few words. */
function citedSteps(links: Finding['links']): string {
  if (links.length > 1) return `${links.length} runbook steps`
  const [{ step, runbookTitle }] = links
  return step ? `step ${step.ordinal} of “${runbookTitle}”` : `a removed step of “${runbookTitle}”`
}

/** How long Undo is offered after a deletion. */
const UNDO_MS = 10_000

/** "Deleted …  Undo" after a finding is deleted, for a while; Ctrl/⌘+Z undoes too. */
export function UndoToast() {
  const api = useApi()
  const deleted = deletedFinding.useSelect((state) => state.deleted)
  const store = deletedFinding.useStore()
  const [failure, setFailure] = useState<string | null>(null)
  // Whichever incident is open now: the finding's own list hears of it (findings.changed).
  const restore = useCallback(
    async (id: number) => {
      await api.call('findings.restore', { id })
      if (store.get().deleted?.id === id) store.set({ deleted: null })
    },
    [api, store],
  )

  useEffect(() => {
    setFailure(null)
    if (!deleted) return
    const timer = setTimeout(() => store.get().deleted === deleted && store.set({ deleted: null }), UNDO_MS)
    return () => clearTimeout(timer)
  }, [deleted, store])

  // Ctrl/⌘+Z while it shows, outside a text field (where it undoes typing).
  useEffect(() => {
    if (!deleted) return
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'z' || !(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey || event.defaultPrevented) return
      if (isTyping(event.target)) return
      event.preventDefault()
      restore(deleted.id).catch((error: unknown) => setFailure(errorMessage(error)))
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [deleted, restore])

  if (!deleted) return null
  return (
    <div className="findings-toast" role="status" data-testid="finding-undo-toast">
      <span className="findings-toast-text">
        <span className="findings-toast-title">
          Deleted <strong>{deleted.title}</strong>
        </span>
        {deleted.links.length > 0 && (
          <span className="findings-toast-detail" data-testid="finding-undo-citations">
            No longer evidence for {citedSteps(deleted.links)}
          </span>
        )}
      </span>
      {failure && <span className="findings-toast-failure">{failure}</span>}
      <button
        type="button"
        className="link-button findings-toast-undo"
        data-testid="finding-undo"
        onClick={() => {
          // The button goes with the toast: the keyboard goes on at the finding brought back, once
          // the drawer lists it again (or at the drawer's toggle, the drawer closed).
          focusWhenReady(() =>
            document.getElementById('findings-drawer')
              ? document.querySelector<HTMLElement>(`#findings-drawer [data-finding-id="${deleted.id}"] .finding-open`)
              : document.querySelector<HTMLElement>('[aria-controls="findings-drawer"]'),
          )
          restore(deleted.id).catch((error: unknown) => setFailure(errorMessage(error)))
        }}
      >
        Undo <kbd>{withModifier('Z')}</kbd>
      </button>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => store.set({ deleted: null })}>
        <svg width="10" height="10" viewBox="0 0 10 10" aria-hidden="true">
          <path d="M1.5 1.5l7 7M8.5 1.5l-7 7" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
      </button>
    </div>
  )
}

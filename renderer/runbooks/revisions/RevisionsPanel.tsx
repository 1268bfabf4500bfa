import { useState } from 'react'
import { errorMessage } from '../../api/errors'
import { useQuery } from '../../api/useQuery'
import { formatDateTime } from '../../format/time'
import { RevisionDiff } from './RevisionDiff'

interface RevisionsPanelProps {
  runbookId: number
  /** Changes after each save, to list again. */
  version: number
  /** The editor's text, the other side of the diff. */
  current: string
  /** Restoring would throw away unsaved edits: ask first. */
  dirty: boolean
  onRestore: (revisionId: number) => Promise<void>
  onClose: () => void
}

/** Every save of the runbook, newest first; the picked one diffed against the editor, and restored on demand. */
export function RevisionsPanel({ runbookId, version, current, dirty, onRestore, onClose }: RevisionsPanelProps) {
  const revisions = useQuery((api) => api.call('runbooks.revisions', { id: runbookId }), [runbookId, version])
  const [picked, setPicked] = useState<number | null>(null)
  const pickedId = picked ?? revisions.data?.[0]?.id ?? null
  const revision = useQuery((api) => (pickedId === null ? Promise.resolve(null) : api.call('runbooks.revision', { id: runbookId, revisionId: pickedId })), [runbookId, pickedId])
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const shown = revision.data?.id === pickedId ? revision.data : null

  const restore = async () => {
    if (!shown) return
    if (dirty && !confirming) return setConfirming(true)
    setBusy(true)
    try {
      await onRestore(shown.id)
      setPicked(null)
    } finally {
      setBusy(false)
      setConfirming(false)
    }
  }

  return (
    <section className="rb-revisions" aria-label="Revisions" data-testid="runbook-revisions">
      <header className="rb-pane-header">
        <span>Revisions</span>
        <button type="button" className="icon-button" aria-label="Close revisions" onClick={onClose}>
          ×
        </button>
      </header>
      {revisions.error ? (
        <p className="rb-message rb-message-error">{errorMessage(revisions.error)}</p>
      ) : revisions.data?.length === 0 ? (
        <p className="rb-revisions-empty" data-testid="runbook-revisions-empty">
          No saved revisions here: the next save starts its history.
        </p>
      ) : (
        <ul className="rb-revision-list">
          {(revisions.data ?? []).map((item, i) => (
            <li key={item.id}>
              <button
                type="button"
                className="rb-revision"
                data-testid="runbook-revision"
                aria-pressed={item.id === pickedId}
                onClick={() => {
                  setPicked(item.id)
                  setConfirming(false)
                }}
              >
                <span className="rb-revision-when">{formatDateTime(item.savedAt)}</span>
                <span className="rb-revision-what">{i === 0 ? 'Latest save' : item.title || 'Untitled'}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {shown && (
        <>
          <div className="rb-revision-actions">
            {confirming && <span className="rb-revision-warning">Your unsaved edits will be lost.</span>}
            <button
              type="button"
              className={confirming ? 'button button-danger' : 'button'}
              data-testid="runbook-restore"
              disabled={busy || (!dirty && shown.markdown === current)}
              onClick={() => void restore()}
            >
              {confirming ? 'Discard edits and restore' : 'Restore this revision'}
            </button>
          </div>
          <RevisionDiff before={shown.markdown} after={current} />
        </>
      )}
    </section>
  )
}

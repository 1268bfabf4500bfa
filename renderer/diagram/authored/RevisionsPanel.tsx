import { errorMessage } from '../../api/errors'
import { useQuery } from '../../api/useQuery'
import { formatDateTime } from '../../format/time'

interface RevisionsPanelProps {
  diagramId: number
  /** The revision shown in the editor (marked). */
  currentRevisionId: number | null
  /** Changes after each save, to list again. */
  version: number
  onRestore: (revisionId: number) => void
  onClose: () => void
}

/** Every save of the diagram, newest first; restoring one saves it again as the newest. */
export function RevisionsPanel({ diagramId, currentRevisionId, version, onRestore, onClose }: RevisionsPanelProps) {
  const revisions = useQuery((api) => api.call('diagrams.revisions', { id: diagramId }), [diagramId, version])
  return (
    <section className="dg-side" aria-label="Revisions" data-testid="diagram-revisions">
      <header className="dg-side-header">
        <span>Revisions</span>
        <button type="button" className="icon-button" aria-label="Close revisions" onClick={onClose}>
          ×
        </button>
      </header>
      {revisions.error ? (
        <p className="dg-message dg-message-error">{errorMessage(revisions.error)}</p>
      ) : (
        <ul className="dg-revisions">
          {(revisions.data ?? []).map((revision, i) => (
            <li key={revision.id} className="dg-revision" data-testid="diagram-revision" data-current={revision.id === currentRevisionId || undefined}>
              <span className="dg-revision-when">{formatDateTime(revision.savedAt)}</span>
              <span className="dg-revision-what">
                {revision.nodes} nodes · {revision.edges} edges{revision.note ? ` · ${revision.note}` : ''}
              </span>
              {i > 0 && (
                <button type="button" className="link-button" data-testid="diagram-revision-restore" onClick={() => onRestore(revision.id)}>
                  Restore
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

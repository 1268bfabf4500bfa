import type { DiagramSummary } from '../../../shared/diagrams/model'
import { useQuery } from '../../api/useQuery'
import { embeddersText } from './logic/embeddersText'

/** Asks before deleting a diagram, saying which runbooks and findings embed it. */
export function DeleteDiagramConfirm({ summary, onKeep, onDelete }: { summary: DiagramSummary; onKeep: () => void; onDelete: () => void }) {
  const embedders = useQuery((client) => client.call('diagrams.embedders', { id: summary.id }), [summary.id])
  return (
    <li className="dg-library-confirm" role="alertdialog" aria-label={`Delete ${summary.title}`} data-testid="diagram-delete-confirm">
      <span>
        Delete “{summary.title}” and its revisions?{' '}
        {embedders.data ? embeddersText(embedders.data) : embedders.error ? 'Runbooks and notes that embed it will show it as missing.' : ''}
      </span>
      <button type="button" className="button dg-button" onClick={onKeep}>
        Keep it
      </button>
      <button type="button" className="button button-danger dg-button" data-testid="diagram-delete-yes" onClick={onDelete}>
        Delete
      </button>
    </li>
  )
}

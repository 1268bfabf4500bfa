import { useState } from 'react'
import type { Artifact } from '../../shared/domain/model'
import { useApi } from '../api/ApiProvider'
import { errorMessage } from '../api/errors'
import { useIsGuest } from '../app/guest'
import { TrashIcon } from '../app/icons'
import { useMenu } from '../app/useMenu'
import { fileLabel } from '../../shared/domain/file-name'

/** What leaves the incident with a file, as its owner sees it. */
const CONSEQUENCE = {
  session: 'Its recording leaves the replay.',
  trace: 'Its spans leave the traces (those joined with another file’s too) and the service graph.',
} as const

/**
 * Takes an imported file (a wrong one, a duplicate) out of the incident, after asking. Findings
 * stay; the host's alone (a guest sees no button).
 */
export function RemoveFile({ artifact }: { artifact: Artifact }) {
  const api = useApi()
  const guest = useIsGuest()
  const { open, setOpen, root } = useMenu()
  const [error, setError] = useState<string | null>(null)
  const [removing, setRemoving] = useState(false)
  if (guest) return null
  const name = fileLabel(artifact.summary.file)

  const remove = async () => {
    setRemoving(true)
    setError(null)
    try {
      await api.call('artifacts.remove', { artifactId: artifact.id })
      // The file's line goes (or shows another file): the keyboard stays in its pane, on the pane's own control.
      root.current?.closest('.pane')?.querySelector<HTMLElement>('.pane-maximize')?.focus()
      setOpen(false)
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      setRemoving(false)
    }
  }

  return (
    <div className="remove-file" ref={root}>
      <button
        type="button"
        className="icon-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-label={`Remove ${name} from the incident`}
        title="Remove from the incident"
        data-testid="artifact-remove"
        onClick={() => {
          setError(null)
          setOpen(!open)
        }}
      >
        <TrashIcon />
      </button>
      {open && (
        <div className="menu remove-file-menu" role="dialog" aria-label={`Remove ${name}`} data-testid="artifact-remove-confirm">
          <p className="remove-file-text">
            Remove <strong>{name}</strong> from this incident? {CONSEQUENCE[artifact.summary.kind]} Findings stay. To bring it back, import the file again.
          </p>
          {error && (
            <p className="remove-file-error" role="alert">
              {error}
            </p>
          )}
          <div className="button-row">
            <button type="button" className="button button-danger" data-testid="artifact-remove-yes" disabled={removing} onClick={() => void remove()}>
              Remove
            </button>
            {/* Cancel has the focus: opening this and pressing Enter must not remove a file. */}
            <button type="button" className="button" autoFocus onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  )
}

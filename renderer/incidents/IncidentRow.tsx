import { useEffect, useRef, useState } from 'react'
import type { Incident } from '../../shared/domain/model'
import { PencilIcon, TrashIcon } from '../app/icons'
import { plural } from '../format/numbers'
import { formatDateTime, formatRelative } from '../format/time'
import { TitleInput } from './TitleInput'

interface IncidentRowProps {
  incident: Incident
  selected: boolean
  /** For relative times. */
  now: number
  onOpen: (id: number) => void
  onRename: (id: number, title: string) => void
  onDelete: (id: number) => void
  /** Why a new title cannot be taken (see TitleInput), or null. */
  refuseTitle: (title: string) => string | null
  /** Renaming and deleting are offered (not to a pairing guest). */
  editable: boolean
}

type Mode = 'view' | 'rename' | 'confirm-delete'

/** One incident in the sidebar: open it, rename it inline, or delete it after confirming. */
export function IncidentRow({ incident, selected, now, onOpen, onRename, onDelete, refuseTitle, editable }: IncidentRowProps) {
  const [mode, setMode] = useState<Mode>('view')
  // Back from renaming or a delete not confirmed, the keyboard is on the row again.
  const openButton = useRef<HTMLButtonElement>(null)
  // A delete asked for with the row's bin button goes back to that button, not the row.
  const deleteButton = useRef<HTMLButtonElement>(null)
  const askedFromBin = useRef(false)
  const [left, setLeft] = useState(0)
  const backToView = () => {
    setMode('view')
    setLeft((count) => count + 1)
  }
  useEffect(() => {
    // Unless the user went elsewhere (the rename ends when its field is left, by a click too).
    if (left === 0 || (document.activeElement !== null && document.activeElement !== document.body)) return
    ;(askedFromBin.current ? deleteButton.current : openButton.current)?.focus()
    askedFromBin.current = false
  }, [left])

  return (
    <li
      className="incident-row"
      data-testid="incident-item"
      data-incident-id={incident.id}
      data-selected={selected || undefined}
      data-mode={mode}
    >
      {mode === 'rename' ? (
        <TitleInput
          initial={incident.title}
          label={`Rename “${incident.title}”`}
          testId="incident-rename-input"
          refuse={refuseTitle}
          onSubmit={(title) => {
            backToView()
            onRename(incident.id, title)
          }}
          onCancel={backToView}
        />
      ) : (
        <>
          <button
            ref={openButton}
            type="button"
            className="incident-open"
            aria-current={selected ? 'true' : undefined}
            onClick={(event) => {
              onOpen(incident.id)
              // Opened with the pointer, the keyboard goes to the incident (Space plays its replay);
              // opened with the keyboard, it stays in the list to go on from there.
              if (event.detail > 0) event.currentTarget.blur()
            }}
            onDoubleClick={() => editable && setMode('rename')}
            onKeyDown={(event) => {
              if (event.key === 'F2' && editable) setMode('rename')
              if (event.key === 'Delete' && editable) setMode('confirm-delete')
            }}
          >
            <span className="incident-row-title" data-testid="incident-item-title" title={incident.title}>
              {incident.title}
            </span>
            <span className="incident-row-meta">
              <span data-testid="incident-item-artifacts">{plural(incident.artifactCount, 'artifact')}</span>
              <span aria-hidden="true"> · </span>
              <time dateTime={new Date(incident.updatedAt).toISOString()} title={`Updated ${formatDateTime(incident.updatedAt)}`}>
                {formatRelative(incident.updatedAt, now)}
              </time>
            </span>
          </button>
          {mode === 'view' && editable && (
            <span className="incident-row-actions">
              <button
                type="button"
                className="icon-button"
                aria-label={`Rename “${incident.title}”`}
                title="Rename (F2)"
                data-testid="incident-rename"
                onClick={() => setMode('rename')}
              >
                <PencilIcon />
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Delete “${incident.title}”`}
                title="Delete"
                data-testid="incident-delete"
                ref={deleteButton}
                onClick={() => {
                  askedFromBin.current = true
                  setMode('confirm-delete')
                }}
              >
                <TrashIcon />
              </button>
            </span>
          )}
        </>
      )}
      {mode === 'confirm-delete' && (
        <div
          className="confirm-delete"
          role="group"
          aria-label="Confirm delete"
          data-testid="confirm-delete"
          onKeyDown={(event) => {
            if (event.key === 'Escape') backToView()
          }}
        >
          <p className="confirm-delete-text">
            Delete this incident{incident.artifactCount > 0 ? ` and its ${plural(incident.artifactCount, 'artifact')}` : ''}? This
            cannot be undone.
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button button-danger"
              data-testid="confirm-delete-yes"
              onClick={() => {
                setMode('view')
                onDelete(incident.id)
              }}
            >
              Delete
            </button>
            {/* Cancel has the focus: Delete then Enter must not destroy an incident. */}
            <button type="button" className="button" data-testid="confirm-delete-no" autoFocus onClick={backToView}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </li>
  )
}

import '../styles/runbooks.css'
import { useCallback, useEffect, useReducer, useState } from 'react'
import type { Runbook } from '../../shared/runbooks/model'
import { useApi } from '../api/ApiProvider'
import { useQuery } from '../api/useQuery'
import { useIsGuest } from '../app/guest'
import { useOpenIncident } from '../app/IncidentOpener'
import { GuestSessionNotice } from '../pairing/PairingNotice'
import { RunbookEditor } from './editor/RunbookEditor'
import type { DraftStore } from './editor/useRunbookEditor'
import { runbookTitle } from '../../shared/runbooks/steps'
import { RunbookList } from './RunbookList'

/** A step to bring into view once its runbook shows (a new `serial` asks again). */
export interface RevealedStep {
  id: string
  serial: number
}

interface RunbooksScreenProps {
  selection: number | 'new' | null
  revealedStep?: RevealedStep | null
  onSelect: (selection: number | 'new' | null) => void
  /** Unsaved edits, kept while the user is elsewhere in the app. */
  drafts: DraftStore
  /** Where embedded diagrams open (the incident last open); null: nowhere. */
  diagramIncidentId: number | null
}

/** The runbooks of the workspace: the list, and the one picked in the editor. */
export function RunbooksScreen({ selection, revealedStep = null, onSelect, drafts, diagramIncidentId }: RunbooksScreenProps) {
  useRevealStep(revealedStep)
  const [listVersion, relist] = useReducer((count: number) => count + 1, 0)
  const runbooks = useQuery((api) => api.call('runbooks.list', {}), [listVersion])
  // Saved, restored or deleted in another window or by a pair, or brought by a bundle: the list shows it.
  const api = useApi()
  useEffect(() => {
    const stops = [api.on('runbooks.changed', relist), api.on('workspace.changed', ({ incidentId }) => incidentId === null && relist())]
    return () => stops.forEach((stop) => stop())
  }, [api])
  const openIncident = useOpenIncident()
  const onSaved = useCallback(
    (runbook: Runbook) => {
      relist()
      if (selection === 'new') onSelect(runbook.id)
    },
    [selection, onSelect],
  )
  // The drafts live outside React state; the list re-reads them when an editor's draft turns (un)saved or is retitled.
  const [, draftsChanged] = useReducer((count: number) => count + 1, 0)
  // With nothing picked, the first of the list (not one just deleted, while the list reloads).
  const [deleted, setDeleted] = useState<number | null>(null)
  const shown = selection ?? runbooks.data?.find((runbook) => runbook.id !== deleted)?.id ?? null
  const guest = useIsGuest()
  return (
    <>
      {guest && <GuestSessionNotice />}
      <div className="rb-screen" data-testid="runbooks-screen">
        <RunbookList runbooks={runbooks.data} selection={shown} unsaved={new Set(drafts.keys())} newTitle={runbookTitle(drafts.get('new')?.markdown ?? '')} onSelect={onSelect} />
        {shown === null ? (
          <div className="rb-empty">
            <p>Runbooks are markdown: a title, then steps as ## sections or a numbered list. Findings cite their steps as evidence.</p>
            <button type="button" className="button button-primary" onClick={() => onSelect('new')}>
              Write a runbook
            </button>
          </div>
        ) : (
          <RunbookEditor
            key={shown}
            selection={shown}
            drafts={drafts}
            onSaved={onSaved}
            onDraftChange={draftsChanged}
            onDeleted={(id) => {
              setDeleted(id)
              relist()
              onSelect(null)
            }}
            onOpenDiagram={diagramIncidentId === null ? undefined : (diagramId) => openIncident(diagramIncidentId, { diagramId })}
          />
        )}
      </div>
    </>
  )
}

/** How long a revealed step stays marked. */
const REVEAL_MS = 2500

/** Scrolls the preview to `step` once the runbook has rendered it, marks it a moment, and gives it the keyboard unless something else has it. */
function useRevealStep(step: RevealedStep | null) {
  useEffect(() => {
    if (!step) return
    let frame = 0
    let tries = 0
    let unmark: ReturnType<typeof setTimeout> | undefined
    const look = () => {
      const found = document.querySelector<HTMLElement>(`.rb-step[data-step-id="${CSS.escape(step.id)}"]`)
      if (!found) {
        // The runbook is still loading: a couple of seconds at most.
        if (++tries < 120) frame = requestAnimationFrame(look)
        return
      }
      found.scrollIntoView({ block: 'center' })
      found.dataset.revealed = 'true'
      if (!document.activeElement || document.activeElement === document.body) {
        found.tabIndex = -1
        found.focus({ preventScroll: true })
      }
      unmark = setTimeout(() => delete found.dataset.revealed, REVEAL_MS)
    }
    frame = requestAnimationFrame(look)
    return () => {
      cancelAnimationFrame(frame)
      clearTimeout(unmark)
    }
  }, [step])
}

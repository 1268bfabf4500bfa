import '../../styles/runbooks.css'
import { useEffect, useRef, useState } from 'react'
import type { Finding } from '../../../shared/findings/model'
import { useApi } from '../../api/ApiProvider'
import { errorMessage } from '../../api/errors'
import { useQuery } from '../../api/useQuery'
import { plural } from '../../format/numbers'
import { useIsGuest } from '../../app/guest'
import { useModal } from '../../app/useModal'
import { plainTitle } from '../../../shared/runbooks/steps'
import { useOpenRunbook } from '../RunbookOpener'
import { addStepFromFinding, createRunbookFromFinding, type LinkedStep, linkFindingToStep } from './linkFinding'

interface LinkToRunbookDialogProps {
  finding: Finding
  onClose: () => void
  /** After the finding is linked (to an existing step, a new step, or a new runbook's first step). */
  onLinked?: (linked: LinkedStep) => void
}

/**
 * "Evidence for step 3": pick a runbook, then a step, to cite `finding` there; or write a new
 * step (or a new runbook) from the finding and cite it there.
 */
export function LinkToRunbookDialog({ finding, onClose, onLinked }: LinkToRunbookDialogProps) {
  const api = useApi()
  const guest = useIsGuest()
  const openRunbook = useOpenRunbook()
  const runbooks = useQuery((client) => client.call('runbooks.list', {}), [])
  const [runbookId, setRunbookId] = useState<number | null>(null)
  const runbook = useQuery((client) => (runbookId === null ? Promise.resolve(null) : client.call('runbooks.get', { id: runbookId })), [runbookId])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [done, setDone] = useState<LinkedStep | null>(null)
  const dialog = useRef<HTMLDivElement>(null)
  useModal(dialog)
  const linked = new Set(finding.links.filter((link) => link.runbookId === runbookId).map((link) => link.stepId))

  useEffect(() => dialog.current?.focus(), [])

  const run = async (action: () => Promise<LinkedStep>) => {
    setBusy(true)
    setError(null)
    try {
      const result = await action()
      setDone(result)
      onLinked?.(result)
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }

  const current = runbook.data?.id === runbookId ? runbook.data : null
  const doneStep = done?.runbook.steps.find((step) => step.id === done.stepId)
  return (
    <div className="rb-dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={dialog}
        className="rb-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Link to a runbook step"
        tabIndex={-1}
        data-testid="link-runbook-dialog"
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return
          event.preventDefault()
          onClose()
        }}
      >
        <header className="rb-dialog-header">
          <span className="rb-dialog-title">
            Link “{finding.title}” to a runbook step
          </span>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        {done ? (
          <div className="rb-dialog-done" data-testid="link-runbook-done">
            <p>
              {withFullStop(`Evidence for step ${doneStep?.ordinal} of “${done.runbook.title}”${doneStep ? `: ${plainTitle(doneStep.title)}` : ''}`)}
            </p>
            <div className="button-row">
              <button
                ref={(button) => button?.focus()}
                type="button"
                className="button button-primary"
                data-testid="link-runbook-open"
                onClick={() => {
                  onClose()
                  // At the step the finding now cites.
                  openRunbook(done.runbook.id, done.stepId)
                }}
              >
                Open the runbook
              </button>
              <button type="button" className="button" onClick={onClose}>
                Done
              </button>
            </div>
          </div>
        ) : (
          <div className="rb-dialog-body">
            <div className="rb-dialog-column">
              <div className="rb-dialog-label">Runbook</div>
              <ul className="rb-dialog-list">
                {runbooks.data?.map((item) => (
                  <li key={item.id}>
                    <button type="button" className="rb-dialog-choice" aria-pressed={item.id === runbookId} data-testid="link-runbook-choice" onClick={() => setRunbookId(item.id)}>
                      <span className="rb-dialog-choice-title">{item.title}</span>
                      <span className="rb-dialog-choice-detail">{[item.owner, plural(item.steps, 'step')].filter(Boolean).join(' · ')}</span>
                    </button>
                  </li>
                ))}
                {runbooks.data?.length === 0 && (
                  <li className="rb-dialog-empty" data-testid="link-runbook-empty">
                    {guest ? 'A guest sees only the runbooks this incident’s findings cite, and none cites one yet: ask the host to link a finding first.' : 'No runbooks yet.'}
                  </li>
                )}
              </ul>
              {!guest && (
                <button type="button" className="button" disabled={busy} data-testid="link-runbook-new-runbook" onClick={() => void run(() => createRunbookFromFinding(api, finding, finding.author))}>
                  New runbook from this finding
                </button>
              )}
            </div>
            <div className="rb-dialog-column">
              <div className="rb-dialog-label">Step</div>
              {current ? (
                <>
                  <ul className="rb-dialog-list">
                    {current.steps.map((step) => (
                      <li key={step.id}>
                        <button
                          type="button"
                          className="rb-dialog-choice"
                          disabled={busy || linked.has(step.id)}
                          data-testid="link-runbook-step"
                          onClick={() => void run(() => linkFindingToStep(api, finding.id, current, step.id))}
                        >
                          <span className="rb-dialog-choice-title">
                            {step.ordinal}. {plainTitle(step.title)}
                          </span>
                          <span className="rb-dialog-choice-detail">{linked.has(step.id) ? 'already cites this finding' : step.id}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                  <button type="button" className="button" disabled={busy} data-testid="link-runbook-new-step" onClick={() => void run(() => addStepFromFinding(api, current.id, finding))}>
                    Add a step from this finding
                  </button>
                </>
              ) : (
                <p className="rb-dialog-empty">{runbookId === null ? 'Pick a runbook.' : ''}</p>
              )}
            </div>
          </div>
        )}
        {error !== null && (
          <p className="rb-message rb-message-error" role="alert">
            {errorMessage(error)}
          </p>
        )}
      </div>
    </div>
  )
}

/** A step title often ends its own sentence already. */
const withFullStop = (sentence: string) => (/[.!?…]$/.test(sentence) ? sentence : `${sentence}.`)

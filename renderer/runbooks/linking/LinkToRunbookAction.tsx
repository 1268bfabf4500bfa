import { useState } from 'react'
import { createPortal } from 'react-dom'
import type { Finding } from '../../../shared/findings/model'
import { LinkToRunbookDialog } from './LinkToRunbookDialog'
import type { LinkedStep } from './linkFinding'

/** A finding's "Link to runbook step…" button; the dialog it opens is laid over the whole window. */
export function LinkToRunbookAction({ finding, onLinked }: { finding: Finding; onLinked?: (linked: LinkedStep) => void }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button
        type="button"
        className="icon-button"
        aria-label={`Link “${finding.title}” to a runbook step`}
        title="Link to runbook step…"
        data-testid="finding-link-runbook"
        onClick={() => setOpen(true)}
      >
        <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
          <path d="M5 7a2.2 2.2 0 0 0 3.1 0l1.8-1.8a2.2 2.2 0 0 0-3.1-3.1l-.6.6M7 5a2.2 2.2 0 0 0-3.1 0L2.1 6.8a2.2 2.2 0 0 0 3.1 3.1l.6-.6" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" />
        </svg>
      </button>
      {open && createPortal(<LinkToRunbookDialog finding={finding} onClose={() => setOpen(false)} onLinked={onLinked} />, document.body)}
    </>
  )
}

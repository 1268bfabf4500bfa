import { memo } from 'react'
import type { Finding } from '../../shared/findings/model'
import { plainTitle } from '../../shared/runbooks/steps'
import { formatClockMs } from '../format/time'
import { LinkToRunbookAction } from '../runbooks/linking/LinkToRunbookAction'
import { useOpenRunbook } from '../runbooks/RunbookOpener'
import { AnchorChips } from './AnchorChips'
import { showsWhat } from './anchors'
import { FindingNotes } from './FindingNotes'
import { SEVERITY_LABELS } from './severity'

interface FindingItemProps {
  finding: Finding
  active: boolean
  onRestore: (finding: Finding) => void
  onEdit: (finding: Finding) => void
  /** The finding no longer cites a runbook step (one cited by mistake). */
  onUnlink: (finding: Finding, link: Finding['links'][number]) => void
  /** Left out where this window may not delete it (a pairing guest, a finding it did not add). */
  onDelete?: (finding: Finding) => void
}

/** The time anchor is the list's left column. */
const TIME_COLUMN = ['time'] as const

/** One finding on the timeline: a click on its title shows it as written (and its notes whole); edit and delete beside it. */
export const FindingItem = memo(function FindingItem({ finding, active, onRestore, onEdit, onUnlink, onDelete }: FindingItemProps) {
  const { title, severity, tags, author, notes, anchors, links } = finding
  const openRunbook = useOpenRunbook()
  return (
    <li className="finding-item" data-testid="finding-item" data-finding-id={finding.id} data-severity={severity} data-active={active || undefined}>
      <span className="finding-time" data-testid="finding-time" data-untimed={anchors.timeMs === null || undefined}>
        {anchors.timeMs === null ? '—' : formatClockMs(anchors.timeMs)}
      </span>
      <button type="button" className="finding-open" data-testid="finding-open" title={showsWhat(anchors)} onClick={() => onRestore(finding)}>
        <span className="finding-title-line">
          <span className="severity-badge" data-severity={severity} data-testid="finding-severity">
            {SEVERITY_LABELS[severity]}
          </span>
          <span className="finding-title" data-testid="finding-title-text">
            {title}
          </span>
        </span>
      </button>
      {notes.trim() && <FindingNotes notes={notes} />}
      {links.length > 0 && (
        <ul className="finding-steps" aria-label="Evidence for">
          {links.map((link) => (
            <li key={`${link.runbookId}:${link.stepId}`}>
              <button
                type="button"
                className="finding-step"
                data-testid="finding-step"
                title={link.step ? `Open the runbook: step ${link.step.ordinal}, ${plainTitle(link.step.title)}` : 'Open the runbook (the step is no longer in it)'}
                onClick={() => openRunbook(link.runbookId, link.stepId)}
              >
                {link.runbookTitle} · {link.step ? `step ${link.step.ordinal}` : 'step removed'}
              </button>
              <button
                type="button"
                className="anchor-chip-remove finding-step-remove"
                aria-label={`Stop citing “${title}” as evidence for ${link.step ? `step ${link.step.ordinal}` : 'a removed step'} of “${link.runbookTitle}”`}
                title="No longer evidence for this step"
                data-testid="finding-step-remove"
                onClick={() => onUnlink(finding, link)}
              >
                <svg width="8" height="8" viewBox="0 0 8 8" aria-hidden="true">
                  <path d="M1 1l6 6M7 1l-6 6" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
                </svg>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="finding-meta">
        <AnchorChips anchors={anchors} omit={TIME_COLUMN} spanMissing={finding.spanMissing} />
        {tags.map((tag) => (
          <span key={tag} className="finding-tag" data-testid="finding-tag">
            #{tag}
          </span>
        ))}
        {author && <span className="finding-author">{author}</span>}
        <div className="finding-actions">
          <LinkToRunbookAction finding={finding} />
          <button type="button" className="icon-button" aria-label={`Edit “${title}”`} title="Edit" data-testid="finding-edit" onClick={() => onEdit(finding)}>
            <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
              <path d="M8.2 1.8l2 2L4 10H2V8z" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinejoin="round" />
            </svg>
          </button>
          {onDelete && (
            <button type="button" className="icon-button" aria-label={`Delete “${title}”`} title="Delete" data-testid="finding-delete" onClick={() => onDelete(finding)}>
              <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
                <path d="M2 3.2h8M4.8 3.2V2h2.4v1.2M3.2 3.2l.5 6.8h4.6l.5-6.8" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" strokeLinejoin="round" />
              </svg>
            </button>
          )}
        </div>
      </div>
    </li>
  )
})

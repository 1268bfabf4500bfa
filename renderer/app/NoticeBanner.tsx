import { AlertIcon, CloseIcon, InfoIcon } from './icons'

/** What a banner says: an error (the message comes from the host and names what failed), or news about what the user just did. */
export interface Notice {
  message: string
  tone: 'error' | 'info'
  /** About this incident only (an import into it failed): it goes when another is opened. */
  incidentId?: number | null
}

/** A dismissible notice under the top bar. */
export function NoticeBanner({ notice, onDismiss }: { notice: Notice; onDismiss: () => void }) {
  const error = notice.tone === 'error'
  return (
    <div className="notice-banner" data-tone={notice.tone} role={error ? 'alert' : 'status'} data-testid={error ? 'error-banner' : 'info-banner'}>
      {error ? <AlertIcon /> : <InfoIcon />}
      <span className="notice-banner-message">{notice.message}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" data-testid="error-dismiss" onClick={onDismiss}>
        <CloseIcon />
      </button>
    </div>
  )
}

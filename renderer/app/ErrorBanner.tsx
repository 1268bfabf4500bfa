import { AlertIcon, CloseIcon } from './icons'

/** A dismissible error under the top bar; the message comes from the host and names what failed. */
export function ErrorBanner({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <AlertIcon />
      <span className="error-banner-message">{message}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" data-testid="error-dismiss" onClick={onDismiss}>
        <CloseIcon />
      </button>
    </div>
  )
}

import { SessionEndedError } from '../../shared/api/client'
import { TOKEN_PARAM } from '../../shared/api/wire'
import { errorMessage } from '../api/errors'

interface ConnectionErrorProps {
  /** The page was opened without an access token, so the host refused it. */
  unauthorized: boolean
  error: unknown
  onRetry: () => void
}

/** Shown instead of the workbench when the host cannot be reached (or refused this page). */
export function ConnectionError({ unauthorized, error, onRetry }: ConnectionErrorProps) {
  return (
    <div className="connection-error" data-testid="connection-error" data-reason={unauthorized ? 'unauthorized' : error instanceof SessionEndedError ? 'ended' : 'unreachable'}>
      <div className="connection-error-box" role="alert">
        {unauthorized ? (
          <>
            <h1 className="connection-error-title">Not authorized</h1>
            <p>
              This page has no access token. Open the link that <code>casefile serve</code> printed; it ends with{' '}
              <code>?{TOKEN_PARAM}=…</code>.
            </p>
          </>
        ) : error instanceof SessionEndedError ? (
          <>
            <h1 className="connection-error-title">Cannot join the session</h1>
            <p>{error.reason ?? 'The host ended the session.'} Ask the host, then try again.</p>
            {/* This page's connection is over for good: a new one needs the page anew. */}
            <button type="button" className="button" onClick={() => window.location.reload()}>
              Try again
            </button>
          </>
        ) : (
          <>
            <h1 className="connection-error-title">Cannot reach Casefile</h1>
            <p>{errorMessage(error)}. Check that the Casefile host is still running and that this link is current.</p>
            <button type="button" className="button" onClick={onRetry}>
              Try again
            </button>
          </>
        )}
      </div>
    </div>
  )
}

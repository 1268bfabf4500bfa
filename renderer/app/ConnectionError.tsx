import { useEffect, useState } from 'react'
import { SessionEndedError } from '../../shared/api/client'
import { TOKEN_PARAM } from '../../shared/api/wire'
import { errorMessage } from '../api/errors'

interface ConnectionErrorProps {
  /** The page was opened without an access token, so the host refused it. */
  unauthorized: boolean
  error: unknown
  onRetry: () => void
}

/**
 * Whether the host that served this page answers http: the connection failed, but the host is up,
 * so it refused this link's secret (a WebSocket does not say why it failed).
 */
function useHostAnswers(asking: boolean): boolean {
  const [answers, setAnswers] = useState(false)
  useEffect(() => {
    if (!asking) return
    const controller = new AbortController()
    fetch('/', { method: 'HEAD', cache: 'no-store', signal: controller.signal }).then(
      (response) => setAnswers(response.ok),
      () => setAnswers(false),
    )
    return () => controller.abort()
  }, [asking])
  return answers
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** Shown instead of the workbench when the host cannot be reached (or refused this page). */
export function ConnectionError({ unauthorized, error, onRetry }: ConnectionErrorProps) {
  const failed = !unauthorized && !(error instanceof SessionEndedError)
  const refused = useHostAnswers(failed)
  const reason = unauthorized ? 'unauthorized' : error instanceof SessionEndedError ? 'ended' : refused ? 'refused' : 'unreachable'
  return (
    <div className="connection-error" data-testid="connection-error" data-reason={reason}>
      <div className="connection-error-box" role="alert">
        {unauthorized ? (
          <>
            <h1 className="connection-error-title">Not authorized</h1>
            <p>
              This page has no access token. Open the link that <code>casefile serve</code> printed; it ends with{' '}
              <code>?{TOKEN_PARAM}=…</code>. To join someone else's session, use Join session in your own Casefile, with the invitation they gave you.
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
        ) : refused ? (
          <>
            <h1 className="connection-error-title">This link was refused</h1>
            <p>
              Casefile at {window.location.host} is running but refuses this link: its secret is old or mistyped. Each share has an invitation of its own, and a
              guest removed from a session cannot come back with theirs: ask the host for the current one.
            </p>
            <button type="button" className="button" onClick={onRetry}>
              Try again
            </button>
          </>
        ) : (
          <>
            <h1 className="connection-error-title">Cannot reach Casefile</h1>
            <p>{sentence(errorMessage(error))}. Check that the Casefile host is still running and that this link is current.</p>
            <button type="button" className="button" onClick={onRetry}>
              Try again
            </button>
          </>
        )}
      </div>
    </div>
  )
}

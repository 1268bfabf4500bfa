import { useState } from 'react'
import { invitationPageUrl, parseInvitation } from '../../shared/pairing/invitation'
import { useMenu } from '../app/useMenu'
import { useApi } from '../api/ApiProvider'
import { errorMessage } from '../api/errors'

/** Join a partner's shared session: paste their link or code, and the session opens in a new window. */
export function JoinMenu() {
  const { open, setOpen, root } = useMenu()
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [checking, setChecking] = useState(false)
  const api = useApi()
  return (
    <div className="share-menu" ref={root}>
      <button type="button" className="header-button" data-testid="join-button" aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen((value) => !value)}>
        Join session
      </button>
      {open && (
        <form
          className="menu share-panel share-start"
          role="dialog"
          aria-label="Join a shared session"
          onSubmit={async (event) => {
            event.preventDefault()
            const target = parseInvitation(text)
            if (!target) return setError('That is not a Casefile invitation: paste the casefile://join link, the code (address:port#secret) or the http link.')
            setError(null)
            setChecking(true)
            try {
              // A stale invitation names a port nobody listens on any more: said here, not on the browser's error page.
              const { answers } = await api.call('pairing.check', { host: target.host, port: target.port })
              if (!answers) {
                return setError(
                  `Nothing answers at ${target.host}:${target.port}: the invitation is old (each share has its own) or the host stopped sharing. Ask the host for the current one.`,
                )
              }
            } catch (failure) {
              return setError(errorMessage(failure))
            } finally {
              setChecking(false)
            }
            setOpen(false)
            setText('')
            // The host serves the session's page; it opens beside this workspace, which stays as it is.
            window.open(invitationPageUrl(target), '_blank', 'noopener')
          }}
        >
          <label className="menu-label" htmlFor="join-invitation">
            Invitation link or code
          </label>
          <input
            id="join-invitation"
            className="input copy-field-value"
            data-testid="join-invitation"
            placeholder="casefile://join?… or 192.168.1.20:40123#…"
            value={text}
            autoFocus
            onChange={(event) => setText(event.target.value)}
          />
          {error && (
            <p className="menu-note pairing-error-note" role="alert" data-testid="join-error">
              {error}
            </p>
          )}
          <button type="submit" className="button button-primary" data-testid="join-open" disabled={!text.trim() || checking}>
            {checking ? 'Checking…' : 'Join'}
          </button>
        </form>
      )}
    </div>
  )
}

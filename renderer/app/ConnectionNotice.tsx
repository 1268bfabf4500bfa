import { useEffect, useState } from 'react'
import type { ConnectionStatus } from '../../shared/api/contract'
import { useApi } from '../api/ApiProvider'

/**
 * A strip across the window while a browser window's connection to `casefile serve` is down (the
 * server stopped, the machine slept): what is on screen stays, and calls made meanwhile wait for it.
 * A pairing guest's window says this of its host instead (PairingNotice); a desktop window's
 * connection never drops.
 */
export function ConnectionNotice() {
  const api = useApi()
  const [connection, setConnection] = useState<ConnectionStatus>('open')
  useEffect(() => api.watchStatus(setConnection), [api])
  if (connection === 'open') return null
  return (
    <div className="connection-notice" role="status" data-testid="connection-notice" data-state={connection}>
      {connection === 'reconnecting'
        ? 'Lost the connection to Casefile (did casefile serve stop?). Reconnecting… What is on screen stays, and what you save is saved once it is back.'
        : 'The connection to Casefile is closed. Start casefile serve again and reload this page.'}
    </div>
  )
}

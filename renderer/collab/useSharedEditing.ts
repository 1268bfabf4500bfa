import { useEffect, useState } from 'react'
import { useApi } from '../api/ApiProvider'

/**
 * Whether texts are edited live with a pairing partner in this window: a guest's window always, the
 * host's while it shares (the room's events reach only those in it).
 */
export function useSharedEditing(): boolean {
  const api = useApi()
  const [shared, setShared] = useState(false)
  useEffect(() => {
    let live = true
    void (async () => {
      const info = await api.call('workspace.info', {})
      const sharing = info.sharedIncidentId !== undefined || (await api.call('pairing.status', {})) !== null
      if (live && sharing) setShared(true)
    })().catch(() => {})
    const stops = [api.on('pairing.room', () => setShared(true)), api.on('pairing.ended', () => setShared(false))]
    return () => {
      live = false
      stops.forEach((stop) => stop())
    }
  }, [api])
  return shared
}

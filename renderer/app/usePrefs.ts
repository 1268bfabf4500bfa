import { useCallback, useEffect, useRef, useState } from 'react'
import type { Prefs } from '../../shared/domain/model'
import { useApi } from '../api/ApiProvider'

const SAVE_DELAY_MS = 400

export interface PrefsState {
  /** The prefs as loaded for the current workspace; null until then. Saves do not change it. */
  prefs: Prefs | null
  /** Merges `patch` into the prefs and saves them, debounced. */
  save: (patch: Prefs) => void
}

/** Loads prefs for the open workspace (again whenever `workspaceKey` changes) and saves changes. */
export function usePrefs(workspaceKey: string | undefined): PrefsState {
  const api = useApi()
  const [loaded, setLoaded] = useState<{ key: string; prefs: Prefs } | null>(null)
  const current = useRef<Prefs | null>(null)
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null)
  const dirty = useRef(false)

  const flush = useCallback(() => {
    if (pending.current !== null) clearTimeout(pending.current)
    pending.current = null
    if (!dirty.current || current.current === null) return
    dirty.current = false
    // Always send the whole record, so a save never drops a field.
    api.call('prefs.set', current.current).catch((error: unknown) => console.warn('[casefile] saving prefs failed', error))
  }, [api])

  useEffect(() => {
    if (workspaceKey === undefined) return
    let live = true
    // Unsaved changes belonged to the previous workspace; the host has already switched.
    if (pending.current !== null) clearTimeout(pending.current)
    pending.current = null
    dirty.current = false
    current.current = null
    api.call('prefs.get', {}).then(
      (prefs) => {
        if (!live) return
        current.current = prefs
        setLoaded({ key: workspaceKey, prefs })
      },
      (error: unknown) => {
        console.warn('[casefile] loading prefs failed', error)
        if (!live) return
        current.current = {}
        setLoaded({ key: workspaceKey, prefs: {} })
      },
    )
    return () => {
      live = false
    }
  }, [api, workspaceKey])

  useEffect(() => {
    window.addEventListener('pagehide', flush)
    return () => {
      window.removeEventListener('pagehide', flush)
      flush()
    }
  }, [flush])

  const save = useCallback(
    (patch: Prefs) => {
      if (current.current === null) return
      current.current = { ...current.current, ...patch }
      dirty.current = true
      if (pending.current !== null) clearTimeout(pending.current)
      pending.current = setTimeout(flush, SAVE_DELAY_MS)
    },
    [flush],
  )

  // Prefs loaded for a previous workspace are not this one's.
  return { prefs: loaded && loaded.key === workspaceKey ? loaded.prefs : null, save }
}

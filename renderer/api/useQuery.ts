import { type DependencyList, useEffect, useState } from 'react'
import type { ApiClient } from '../../shared/api/contract'
import { useApi } from './ApiProvider'

export interface Query<T> {
  /** The latest result; kept while a reload is in flight so the UI does not flicker. */
  data: T | undefined
  error: unknown
  loading: boolean
}

/** Runs `load` whenever `deps` change; results of superseded runs are dropped. */
export function useQuery<T>(load: (api: ApiClient) => Promise<T>, deps: DependencyList): Query<T> {
  const api = useApi()
  const [state, setState] = useState<Query<T>>({ data: undefined, error: undefined, loading: true })

  useEffect(() => {
    let live = true
    setState((previous) => ({ ...previous, loading: true }))
    load(api).then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (error: unknown) => live && setState((previous) => ({ data: previous.data, error, loading: false })),
    )
    return () => {
      live = false
    }
    // `load` is recreated every render; `deps` says when it means something new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, ...deps])

  return state
}

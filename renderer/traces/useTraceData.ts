import { useEffect, useState } from 'react'
import type { TraceData } from '../../shared/traces/trace-data'
import { useApi } from '../api/ApiProvider'
import type { TraceLayout } from './layout/layout'
import { layoutTrace } from './layout/layoutClient'

export interface LoadedTrace {
  trace: TraceData
  layout: TraceLayout
}

export type TraceLoad = { status: 'loading'; phase: 'fetch' | 'layout' } | { status: 'ready'; loaded: LoadedTrace } | { status: 'failed'; error: unknown }

/** Fetches one trace's columns and works out its layout (off the main thread). */
export function useTraceData(artifactId: number, traceId: string, key: string): TraceLoad {
  const api = useApi()
  const [state, setState] = useState<TraceLoad>({ status: 'loading', phase: 'fetch' })
  useEffect(() => {
    let live = true
    setState({ status: 'loading', phase: 'fetch' })
    api
      .call('traces.get', { artifactId, traceId })
      .then((trace) => {
        if (!live) return null
        setState({ status: 'loading', phase: 'layout' })
        return layoutTrace(key, trace).then((layout) => live && setState({ status: 'ready', loaded: { trace, layout } }))
      })
      .catch((error: unknown) => live && setState({ status: 'failed', error }))
    return () => {
      live = false
    }
  }, [api, artifactId, traceId, key])
  return state
}

/** Just the columns of a trace (for comparing against). */
export function useTraceColumns(artifactId: number | null, traceId: string | null) {
  const api = useApi()
  const [state, setState] = useState<{ key: string; trace?: TraceData; error?: unknown } | null>(null)
  const key = artifactId === null || traceId === null ? null : `${artifactId}:${traceId}`
  useEffect(() => {
    if (key === null || artifactId === null || traceId === null) return
    let live = true
    api.call('traces.get', { artifactId, traceId }).then(
      (trace) => live && setState({ key, trace }),
      (error: unknown) => live && setState({ key, error }),
    )
    return () => {
      live = false
    }
  }, [api, artifactId, traceId, key])
  return state?.key === key ? state : null
}

import { useMemo } from 'react'
import { useFindingsData } from './FindingsProvider'
import { anchoredSpans } from './timeline'

const NONE: ReadonlyMap<string, string> = new Map()

/** The spans of `traceId` that findings anchor, with their titles; one lookup per drawn row, whatever the trace's size. */
export function useAnchoredSpans(traceId: string): ReadonlyMap<string, string> {
  const findings = useFindingsData()?.findings
  return useMemo(() => (findings ? anchoredSpans(findings, traceId) : NONE), [findings, traceId])
}

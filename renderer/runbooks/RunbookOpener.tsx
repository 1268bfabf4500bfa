import { createContext, useContext } from 'react'

/** Shows the runbooks screen at one runbook (scrolled to one of its steps); available anywhere in the workbench. */
export type OpenRunbook = (runbookId: number, stepId?: string) => void

export const RunbookOpenerContext = createContext<OpenRunbook | null>(null)

export function useOpenRunbook(): OpenRunbook {
  const open = useContext(RunbookOpenerContext)
  if (!open) throw new Error('useOpenRunbook must be used inside the workbench')
  return open
}

import { createContext, type ReactNode, useContext, useState, useSyncExternalStore } from 'react'
import { type ClockState, type ClockStore, createClockStore } from './clock'

const ClockContext = createContext<ClockStore | null>(null)

/** One clock for the panes inside (an incident's). */
export function ClockProvider({ children }: { children: ReactNode }) {
  const [store] = useState(createClockStore)
  return <ClockContext.Provider value={store}>{children}</ClockContext.Provider>
}

export function useClockStore(): ClockStore {
  const store = useContext(ClockContext)
  if (!store) throw new Error('useClockStore must be used inside <ClockProvider>')
  return store
}

/** The clock, or the part `select` picks (re-rendering only when that part changes). */
export function useClock<T = ClockState>(select: (state: ClockState) => T = (state) => state as T): T {
  const store = useClockStore()
  return useSyncExternalStore(store.subscribe, () => select(store.get()))
}

import { useEffect, useState, useSyncExternalStore } from 'react'

// The rows' scroll position, for what follows it without re-rendering the waterfall on every
// scroll event: the rows' canvas, the minimap's window, and (once it rests) the row elements.

export interface ScrollState {
  top: number
  height: number
}

export interface ScrollStore {
  get(): ScrollState
  set(state: ScrollState): void
  subscribe(listener: () => void): () => void
}

export function createScrollStore(): ScrollStore {
  let state: ScrollState = { top: 0, height: 0 }
  const listeners = new Set<() => void>()
  return {
    get: () => state,
    set(next) {
      if (next.top === state.top && next.height === state.height) return
      state = next
      for (const listener of [...listeners]) listener()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

export const useScroll = (store: ScrollStore) => useSyncExternalStore(store.subscribe, store.get)

/** The scroll position once it has rested `delayMs`: for what need not move with every frame of a scroll. */
export function useSettledScroll(store: ScrollStore, delayMs: number): ScrollState {
  const [settled, setSettled] = useState(store.get)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const unsubscribe = store.subscribe(() => {
      clearTimeout(timer)
      timer = setTimeout(() => setSettled(store.get()), delayMs)
    })
    setSettled(store.get())
    return () => {
      clearTimeout(timer)
      unsubscribe()
    }
  }, [store, delayMs])
  return settled
}

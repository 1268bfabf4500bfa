import { createContext, type ReactNode, createElement, useContext, useState, useSyncExternalStore } from 'react'

/** A small observable state object that panes share; each reader re-renders only for the part it picks. */
export interface Store<T extends object> {
  get(): T
  /** Merges `patch`; listeners hear of it only when some field really changed. */
  set(patch: Partial<T>): void
  subscribe(listener: () => void): () => void
}

export function createStore<T extends object>(initial: T): Store<T> {
  let state = initial
  const listeners = new Set<() => void>()
  return {
    get: () => state,
    set(patch) {
      const next = { ...state, ...patch }
      if ((Object.keys(next) as Array<keyof T>).every((key) => next[key] === state[key])) return
      state = next
      for (const listener of [...listeners]) listener()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/**
 * A React context holding one store per provider (e.g. per open incident), with hooks to reach the
 * store and to read a selected part of its state.
 */
export function storeContext<T extends object>(name: string, initial: () => T) {
  const Context = createContext<Store<T> | null>(null)

  function Provider({ children }: { children: ReactNode }) {
    const [store] = useState(() => createStore(initial()))
    return createElement(Context.Provider, { value: store }, children)
  }

  function useStore(): Store<T> {
    const store = useContext(Context)
    if (!store) throw new Error(`${name} is used outside its provider`)
    return store
  }

  /** The state, or the part `select` picks (re-rendering only when that part changes). */
  function useSelect<S = T>(select: (state: T) => S = (state) => state as unknown as S): S {
    const store = useStore()
    return useSyncExternalStore(store.subscribe, () => select(store.get()))
  }

  return { Provider, useStore, useSelect }
}

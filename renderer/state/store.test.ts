import { describe, expect, it } from 'vitest'
import { createStore } from './store'

describe('store', () => {
  it('tells its listeners of real changes only', () => {
    const store = createStore({ timeMs: 0 as number | null, playing: false })
    const heard: Array<number | null> = []
    const stop = store.subscribe(() => heard.push(store.get().timeMs))
    store.set({ timeMs: 5 })
    store.set({ timeMs: 5, playing: false })
    store.set({ playing: true })
    stop()
    store.set({ timeMs: 9 })
    expect(heard).toEqual([5, 5])
    expect(store.get()).toEqual({ timeMs: 9, playing: true })
  })
})

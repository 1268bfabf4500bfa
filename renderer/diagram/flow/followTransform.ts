import type { useStoreApi } from '@xyflow/react'

type FlowStore = ReturnType<typeof useStoreApi>
export type Transform = [number, number, number]

/**
 * Calls `listener` with the flow's pan and zoom now and on each change, outside React: for layers
 * that follow the view without re-rendering. Returns the unsubscribe.
 */
export function followTransform(store: FlowStore, listener: (transform: Transform) => void): () => void {
  listener(store.getState().transform)
  return store.subscribe((state, previous) => {
    if (state.transform !== previous.transform) listener(state.transform)
  })
}

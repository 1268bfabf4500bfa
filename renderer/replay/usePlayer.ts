import { useSyncExternalStore } from 'react'
import type { PlayerState, ReplayController } from './ReplayController'

const noop = () => () => {}

/**
 * The part of a player's state `select` picks; components re-render only when it changes, so
 * `select` must return a primitive or a value kept by the state (not a new object).
 */
export function usePlayer<T>(controller: ReplayController | null, select: (state: PlayerState) => T, fallback: T): T {
  return useSyncExternalStore(controller ? controller.subscribe : noop, () => (controller ? select(controller.getState()) : fallback))
}

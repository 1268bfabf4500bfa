// Undo and redo over whole snapshots: diagrams are small enough that keeping copies is simpler
// and safer than inverting each edit.

export interface History<T> {
  past: readonly T[]
  present: T
  future: readonly T[]
}

const LIMIT = 200

export const startHistory = <T>(present: T): History<T> => ({ past: [], present, future: [] })

/** Records `next` as a new step (nothing when it equals the present); clears what was undone. */
export function record<T>(history: History<T>, next: T, same: (a: T, b: T) => boolean = Object.is): History<T> {
  if (same(history.present, next)) return history
  return { past: [...history.past, history.present].slice(-LIMIT), present: next, future: [] }
}

export function undo<T>(history: History<T>): History<T> {
  if (history.past.length === 0) return history
  return { past: history.past.slice(0, -1), present: history.past[history.past.length - 1], future: [history.present, ...history.future] }
}

export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history
  return { past: [...history.past, history.present], present: history.future[0], future: history.future.slice(1) }
}

export const canUndo = (history: History<unknown>) => history.past.length > 0
export const canRedo = (history: History<unknown>) => history.future.length > 0

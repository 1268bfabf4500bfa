import type { ComparedNode } from '../../../shared/traces/compare'
import type { OperationStats } from '../../../shared/traces/stats'
import type { TraceData } from '../../../shared/traces/trace-data'
import { columnBuffers, columnsOf, type Job, type JobResults, runJob } from './jobs'
import type { TraceLayout } from './layout'

// Runs layout jobs in a Web Worker, or on the main thread when no worker can start (then after a
// macrotask, so a spinner gets painted first).

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
  /** Makes the job again (a posted job's buffers are gone with the worker). */
  make: () => Job
}

let worker: Worker | null | undefined
let nextId = 1
const pending = new Map<number, Pending>()

function runHere(job: Job): Promise<unknown> {
  return new Promise((resolve, reject) =>
    setTimeout(() => {
      try {
        resolve(runJob(job))
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)))
      }
    }, 0),
  )
}

/** Gives up on the worker: what it still owed is done here. */
function abandonWorker() {
  worker?.terminate()
  worker = null
  const owed = [...pending.values()]
  pending.clear()
  for (const entry of owed) runHere(entry.make()).then(entry.resolve, entry.reject)
}

function getWorker(): Worker | null {
  if (worker !== undefined) return worker
  try {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'trace-layout' })
    worker.onmessage = (event: MessageEvent<{ id: number; result?: unknown; error?: string }>) => {
      const entry = pending.get(event.data.id)
      if (!entry) return
      pending.delete(event.data.id)
      if (event.data.error !== undefined) entry.reject(new Error(event.data.error))
      else entry.resolve(event.data.result)
    }
    worker.onerror = (event) => {
      event.preventDefault()
      console.warn('[casefile] trace layout worker failed; computing on the main thread', event.message)
      abandonWorker()
    }
  } catch (error) {
    console.warn('[casefile] no trace layout worker; computing on the main thread', error)
    worker = null
  }
  return worker
}

function run<T extends Job['type']>(make: () => { job: Job & { type: T }; transfer: ArrayBuffer[] }): Promise<JobResults[T]> {
  const target = getWorker()
  if (!target) return runHere(make().job) as Promise<JobResults[T]>
  const id = nextId++
  const { job, transfer } = make()
  return new Promise<JobResults[T]>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject, make: () => make().job })
    target.postMessage({ id, job }, transfer)
  })
}

/** Tree, display order, skew correction and critical path of a trace. */
export function layoutTrace(key: string, trace: TraceData): Promise<TraceLayout> {
  return run(() => {
    const columns = columnsOf(key, trace)
    return { job: { type: 'layout', trace: columns }, transfer: columnBuffers(columns) }
  })
}

/** Count, errors, total and self time per service and operation. */
export function traceStats(key: string, trace: TraceData): Promise<OperationStats[]> {
  return run(() => {
    const columns = columnsOf(key, trace)
    return { job: { type: 'stats', trace: columns }, transfer: columnBuffers(columns) }
  })
}

/** Two traces merged by service+operation path. */
export function compareWith(leftKey: string, left: TraceData, rightKey: string, right: TraceData): Promise<ComparedNode[]> {
  return run(() => {
    const a = columnsOf(leftKey, left)
    const b = columnsOf(rightKey, right)
    return { job: { type: 'compare', left: a, right: b }, transfer: [...columnBuffers(a), ...columnBuffers(b)] }
  })
}

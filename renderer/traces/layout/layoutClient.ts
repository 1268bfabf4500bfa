import type { ComparedNode } from '../../../shared/traces/compare'
import type { OperationStats } from '../../../shared/traces/stats'
import type { TraceData } from '../../../shared/traces/trace-data'
import { workerClient } from '../../workers/workerClient'
import { columnBuffers, columnsOf, type Job, type JobResults, runJob } from './jobs'
import type { TraceLayout } from './layout'

const runJobs = workerClient<Job, unknown>({
  name: 'trace layout',
  start: () => new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'trace-layout' }),
  runHere: runJob,
})

function run<T extends Job['type']>(make: () => { job: Job & { type: T }; transfer: ArrayBuffer[] }): Promise<JobResults[T]> {
  return runJobs(() => {
    const { job, transfer } = make()
    return { request: job, transfer }
  }) as Promise<JobResults[T]>
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

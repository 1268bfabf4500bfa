import { Worker } from 'node:worker_threads'
import { type FileProgress, ImportCancelled, ImportError } from '../import/import-files'
import type { JobResults, WorkerData, WorkerJob, WorkerReport } from './jobs'

/** The worker's script: the built bundle (out/main/workspace-worker.js), or the source under tsx in tests. */
export interface WorkerEntry {
  script: string | URL
  execArgv?: string[]
}

/**
 * Runs `job` in a worker thread; an import reports its progress through `onProgress`, and `signal`
 * stops it (rejecting with ImportCancelled) at its next progress report.
 */
export function runInWorker<J extends WorkerJob>(
  entry: WorkerEntry,
  job: J,
  onProgress: (progress: FileProgress) => void = () => {},
  signal?: AbortSignal,
): Promise<JobResults[J['kind']]> {
  return new Promise((resolve, reject) => {
    const cancel = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)
    const askToStop = () => Atomics.store(new Int32Array(cancel), 0, 1)
    if (signal?.aborted) askToStop()
    signal?.addEventListener('abort', askToStop, { once: true })
    const worker = new Worker(entry.script, {
      workerData: { job, cancel } satisfies WorkerData,
      execArgv: entry.execArgv,
      // Import makes short-lived garbage at a high rate (one parsed object per span); a small
      // young generation collects it sooner, which lowers peak memory and is no slower.
      resourceLimits: { maxYoungGenerationSizeMb: 4 },
    })
    let settled = false
    const settle = (action: () => void) => {
      if (!settled) {
        settled = true
        signal?.removeEventListener('abort', askToStop)
        action()
      }
    }
    worker.on('message', (message: WorkerReport) => {
      if (message.type === 'progress') onProgress(message.progress)
      else if (message.type === 'done') settle(() => resolve(message.result as JobResults[J['kind']]))
      else if (message.type === 'cancelled') settle(() => reject(new ImportCancelled()))
      else settle(() => reject('failures' in message ? new ImportError(message.failures) : new Error(message.reason)))
    })
    worker.on('error', (error) => settle(() => reject(error)))
    worker.on('exit', (code) => settle(() => reject(new Error(`the ${job.kind} worker stopped (exit code ${code})`))))
  })
}

import { Worker } from 'node:worker_threads'
import type { ImportResult } from '../../shared/domain/model'
import { type FileProgress, ImportError } from './import-files'
import type { ImportJob, WorkerReport } from './worker-protocol'

/** The worker's script: the built bundle (out/main/import-worker.js), or the source under tsx in tests. */
export interface WorkerEntry {
  script: string | URL
  execArgv?: string[]
}

/** Imports in a worker thread so the process serving the UI stays responsive. */
export function importInWorker(entry: WorkerEntry, job: ImportJob, onProgress: (progress: FileProgress) => void): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry.script, {
      workerData: job,
      execArgv: entry.execArgv,
      // Import makes short-lived garbage at a high rate (one parsed object per span); a small
      // young generation collects it sooner, which lowers peak memory and is no slower.
      resourceLimits: { maxYoungGenerationSizeMb: 4 },
    })
    let settled = false
    const settle = (action: () => void) => {
      if (!settled) {
        settled = true
        action()
      }
    }
    worker.on('message', (message: WorkerReport) => {
      if (message.type === 'progress') onProgress(message.progress)
      else if (message.type === 'done') settle(() => resolve(message.result))
      else settle(() => reject(message.file ? new ImportError(message.file, message.reason) : new Error(message.reason)))
    })
    worker.on('error', (error) => settle(() => reject(error)))
    worker.on('exit', (code) => settle(() => reject(new Error(`the import worker stopped (exit code ${code})`))))
  })
}

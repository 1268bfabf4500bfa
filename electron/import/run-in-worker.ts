import { Worker } from 'node:worker_threads'
import type { ImportResult } from '../../shared/domain/model'
import { type FileProgress, ImportError } from './import-files'
import type { ImportJob, WorkerReport } from './worker-protocol'

/**
 * Imports in a worker thread so the process serving the UI stays responsive. `workerScript` is
 * the built worker bundle (out/main/import-worker.js).
 */
export function importInWorker(workerScript: string | URL, job: ImportJob, onProgress: (progress: FileProgress) => void): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript, { workerData: job })
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

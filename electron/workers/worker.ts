import { parentPort, workerData } from 'node:worker_threads'
import { exportBundle } from '../bundle/bundle'
import { type FileProgress, ImportCancelled, ImportError, importFiles } from '../import/import-files'
import { Workspace } from '../store/workspace'
import type { WorkerData, WorkerReport } from './jobs'

// Runs one job off the main thread, on its own connection to the workspace file.

const { job, cancel } = workerData as WorkerData
const cancelFlag = new Int32Array(cancel)
const report = (message: WorkerReport) => parentPort!.postMessage(message)

/** Reports an import's progress; once asked to stop, throws instead (inside the import's transaction, which then rolls back). */
function progressed(progress: FileProgress): void {
  if (Atomics.load(cancelFlag, 0) === 1) throw new ImportCancelled()
  report({ type: 'progress', progress })
}

/** Runs the job; the outcome to report once the workspace is closed (its caller may remove a workspace the job made). */
function run(): WorkerReport {
  let workspace: Workspace | null = null
  try {
    workspace = Workspace.open(job.dbPath, job.kind === 'import' && job.busyTimeoutMs !== undefined ? { busyTimeoutMs: job.busyTimeoutMs } : {})
    const result =
      job.kind === 'import'
        ? importFiles(workspace, job.target, job.files, progressed)
        : exportBundle(workspace, job.incidentId, job.outPath, { diagrams: job.diagrams })
    return { type: 'done', result }
  } catch (error) {
    if (error instanceof ImportCancelled) return { type: 'cancelled' }
    if (error instanceof ImportError) return { type: 'failed', failures: error.failures }
    // The reason reaches the user; where in the code it happened is for the log.
    console.error(error)
    return { type: 'failed', reason: (error as Error)?.message ?? String(error) }
  } finally {
    workspace?.close()
  }
}

report(run())

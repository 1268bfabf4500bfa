import { parentPort, workerData } from 'node:worker_threads'
import { exportBundle } from '../bundle/bundle'
import { ImportError, importFiles } from '../import/import-files'
import { Workspace } from '../store/workspace'
import type { WorkerJob, WorkerReport } from './jobs'

// Runs one job off the main thread, on its own connection to the workspace file.

const job = workerData as WorkerJob
const report = (message: WorkerReport) => parentPort!.postMessage(message)

let workspace: Workspace | null = null
try {
  workspace = Workspace.open(job.dbPath)
  const result =
    job.kind === 'import'
      ? importFiles(workspace, job.target, job.files, (progress) => report({ type: 'progress', progress }))
      : exportBundle(workspace, job.incidentId, job.outPath, { diagrams: job.diagrams })
  report({ type: 'done', result })
} catch (error) {
  if (error instanceof ImportError) report({ type: 'failed', file: error.file, reason: error.reason })
  else {
    // The reason reaches the user; where in the code it happened is for the log.
    console.error(error)
    report({ type: 'failed', file: null, reason: (error as Error)?.message ?? String(error) })
  }
} finally {
  workspace?.close()
}

import { parentPort, workerData } from 'node:worker_threads'
import { Workspace } from '../store/workspace'
import { ImportError, importFiles } from './import-files'
import type { ImportJob, WorkerReport } from './worker-protocol'

// Runs one import off the main thread, on its own connection to the workspace file.

const job = workerData as ImportJob
const report = (message: WorkerReport) => parentPort!.postMessage(message)

let workspace: Workspace | null = null
try {
  workspace = Workspace.open(job.dbPath)
  const result = importFiles(workspace, job.target, job.files, (progress) => report({ type: 'progress', progress }))
  report({ type: 'done', result })
} catch (error) {
  if (error instanceof ImportError) report({ type: 'failed', file: error.file, reason: error.reason })
  else report({ type: 'failed', file: null, reason: (error as Error)?.stack ?? String(error) })
} finally {
  workspace?.close()
}

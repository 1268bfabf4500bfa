import type { ImportResult } from '../../shared/domain/model'
import type { FileFailure, FileProgress, ImportFile, ImportTarget } from '../import/import-files'

// The heavy work the host hands to a worker thread, so the process serving the UI (and pairing
// guests) stays responsive. Each job opens its own connection to the workspace file.

export type WorkerJob =
  /** `busyTimeoutMs`: how long to wait for another's write to the workspace (the CLI's parallel imports take turns). */
  | { kind: 'import'; dbPath: string; target: ImportTarget; files: ImportFile[]; busyTimeoutMs?: number }
  /** An incident written to a .casefile bundle at `outPath`. */
  | { kind: 'export'; dbPath: string; incidentId: number; outPath: string; diagrams: boolean }

/** What a worker is started with: its job, and a flag its starter sets to 1 to stop an import. */
export interface WorkerData {
  job: WorkerJob
  /** One Int32 over shared memory: the worker runs synchronously, so it reads the flag as it goes rather than taking a message. */
  cancel: SharedArrayBuffer
}

export interface JobResults {
  import: ImportResult
  export: { bytes: number }
}

export type WorkerReport =
  | { type: 'progress'; progress: FileProgress }
  | { type: 'done'; result: JobResults[WorkerJob['kind']] }
  /** Files the user gave could not be read, or the job failed for a reason of its own. */
  | { type: 'failed'; failures: readonly [FileFailure, ...FileFailure[]] }
  | { type: 'failed'; reason: string }
  | { type: 'cancelled' }

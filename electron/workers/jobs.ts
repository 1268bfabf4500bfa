import type { ImportResult } from '../../shared/domain/model'
import type { FileProgress, ImportFile, ImportTarget } from '../import/import-files'

// The heavy work the host hands to a worker thread, so the process serving the UI (and pairing
// guests) stays responsive. Each job opens its own connection to the workspace file.

export type WorkerJob =
  | { kind: 'import'; dbPath: string; target: ImportTarget; files: ImportFile[] }
  /** An incident written to a .casefile bundle at `outPath`. */
  | { kind: 'export'; dbPath: string; incidentId: number; outPath: string; diagrams: boolean }

export interface JobResults {
  import: ImportResult
  export: { bytes: number }
}

export type WorkerReport =
  | { type: 'progress'; progress: FileProgress }
  | { type: 'done'; result: JobResults[WorkerJob['kind']] }
  | { type: 'failed'; file: string | null; reason: string }

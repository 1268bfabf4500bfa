import type { ImportResult } from '../../shared/domain/model'
import type { FileProgress, ImportFile, ImportTarget } from './import-files'

export interface ImportJob {
  dbPath: string
  target: ImportTarget
  files: ImportFile[]
}

export type WorkerReport =
  | { type: 'progress'; progress: FileProgress }
  | { type: 'done'; result: ImportResult }
  | { type: 'failed'; file: string | null; reason: string }

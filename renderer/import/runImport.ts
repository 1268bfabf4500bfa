import type { ApiClient } from '../../shared/api/contract'
import type { ImportResult } from '../../shared/domain/model'
import type { MethodInput } from '../../shared/api/contract'
import { uploadFile } from './upload'

/** The most files one `imports.run` accepts (see the contract). */
export const MAX_FILES_PER_IMPORT = 100

export interface ImportStatus {
  phase: 'uploading' | 'importing'
  /** Run from another window (or before this one was reloaded): shown, not this window's to follow. */
  elsewhere?: true
  file: string
  /** 1-based position of `file` among `fileCount`. */
  fileNumber: number
  fileCount: number
  doneBytes: number
  totalBytes: number
}

export function randomImportId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** What a cancelled import rejects with: nothing was imported. */
export class ImportCancelledError extends Error {
  constructor() {
    super('Import cancelled: nothing was imported.')
    this.name = 'ImportCancelledError'
  }
}

/**
 * Uploads `files` then imports them into the target incident, reporting progress: upload bytes first,
 * then the host's `import.progress` events for this import. Rejects with the host's error, or with
 * ImportCancelledError once `signal` stops it (the host drops what was sent, or rolls the import back).
 */
export async function runImport(
  api: ApiClient,
  target: MethodInput<'imports.run'>['target'],
  files: readonly File[],
  onStatus: (status: ImportStatus) => void,
  signal?: AbortSignal,
): Promise<ImportResult> {
  if (files.length > MAX_FILES_PER_IMPORT) {
    throw new Error(`Import at most ${MAX_FILES_PER_IMPORT} files at a time (${files.length} were chosen)`)
  }
  // Once cancelled, the run says no more (chunks still in flight would report after it is over).
  const report = (status: ImportStatus) => signal?.aborted || onStatus(status)
  const run: Run = { api, files, totalBytes: files.reduce((total, file) => total + file.size, 0), importId: randomImportId(), uploadIds: [], onStatus: report }
  const cancel = () => void api.call('imports.cancel', { importId: run.importId, uploadIds: run.uploadIds }).catch(() => {})
  signal?.addEventListener('abort', cancel, { once: true })
  try {
    await upload(run, signal)
    return await importUploads(run, target)
  } catch (error) {
    if (!signal?.aborted) throw error
    // Again, for a file whose upload started as the cancel went out.
    cancel()
    throw new ImportCancelledError()
  } finally {
    signal?.removeEventListener('abort', cancel)
  }
}

/** One import as it goes: the files, and what the host gave for them. */
interface Run {
  api: ApiClient
  files: readonly File[]
  totalBytes: number
  importId: string
  /** Filled as each file's upload starts. */
  uploadIds: string[]
  onStatus: (status: ImportStatus) => void
}

/** Sends the files to the host; stops between chunks once `signal` says so. */
async function upload({ api, files, totalBytes, uploadIds, onStatus }: Run, signal?: AbortSignal): Promise<void> {
  let uploadedBefore = 0
  for (const [index, file] of files.entries()) {
    const status = { phase: 'uploading', file: file.name, fileNumber: index + 1, fileCount: files.length, totalBytes } as const
    onStatus({ ...status, doneBytes: uploadedBefore })
    await uploadFile(api, file, (sent) => onStatus({ ...status, doneBytes: uploadedBefore + sent }), (uploadId) => uploadIds.push(uploadId), signal)
    uploadedBefore += file.size
  }
}

/** Has the host import the uploaded files, following its progress reports. */
async function importUploads({ api, files, totalBytes, importId, uploadIds, onStatus }: Run, target: MethodInput<'imports.run'>['target']): Promise<ImportResult> {
  onStatus({ phase: 'importing', file: files[0].name, fileNumber: 1, fileCount: files.length, doneBytes: 0, totalBytes })
  const stop = api.on('import.progress', (progress) => {
    if (progress.importId !== importId) return
    onStatus({
      phase: 'importing',
      file: progress.file,
      fileNumber: Math.min(progress.fileIndex + 1, progress.fileCount),
      fileCount: progress.fileCount,
      doneBytes: progress.bytesRead,
      totalBytes: progress.totalBytes,
    })
  })
  try {
    return await api.call('imports.run', { target, uploadIds, importId })
  } finally {
    stop()
  }
}

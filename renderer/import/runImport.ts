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

/**
 * Uploads `files` then imports them into the target incident, reporting progress: upload bytes first,
 * then the host's `import.progress` events for this import. Rejects with the host's error.
 */
export async function runImport(
  api: ApiClient,
  target: MethodInput<'imports.run'>['target'],
  files: readonly File[],
  onStatus: (status: ImportStatus) => void,
): Promise<ImportResult> {
  if (files.length > MAX_FILES_PER_IMPORT) {
    throw new Error(`Import at most ${MAX_FILES_PER_IMPORT} files at a time (${files.length} were chosen)`)
  }
  const totalBytes = files.reduce((total, file) => total + file.size, 0)
  const uploadIds: string[] = []
  let uploadedBefore = 0
  for (const [index, file] of files.entries()) {
    const status = { phase: 'uploading', file: file.name, fileNumber: index + 1, fileCount: files.length, totalBytes } as const
    onStatus({ ...status, doneBytes: uploadedBefore })
    uploadIds.push(await uploadFile(api, file, (sent) => onStatus({ ...status, doneBytes: uploadedBefore + sent })))
    uploadedBefore += file.size
  }

  const importId = randomImportId()
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

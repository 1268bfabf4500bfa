import { randomUUID } from 'node:crypto'
import { appendFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { ApiError } from '../../shared/api/contract'
import type { ImportFile } from '../import/import-files'

/** Largest file a renderer may upload for import. */
export const MAX_UPLOAD_BYTES = 4 * 1024 ** 3

interface Upload {
  name: string
  size: number
  path: string
  received: number
}

/**
 * Files the renderer sends in chunks (browser mode and drag and drop have no file paths), kept
 * in a private temporary folder until they are imported.
 */
export class Uploads {
  private readonly folder = mkdtempSync(join(tmpdir(), 'casefile-uploads-'))
  private readonly pending = new Map<string, Upload>()

  begin(name: string, size: number): string {
    if (size > MAX_UPLOAD_BYTES) throw new ApiError('invalid_input', `${name}: larger than the ${MAX_UPLOAD_BYTES / 1024 ** 3} GiB import limit`)
    const uploadId = randomUUID()
    const path = join(this.folder, uploadId)
    writeFileSync(path, '')
    this.pending.set(uploadId, { name: basename(name), size, path, received: 0 })
    return uploadId
  }

  chunk(uploadId: string, offset: number, base64: string): number {
    const upload = this.get(uploadId)
    if (offset !== upload.received) throw new ApiError('invalid_input', `${upload.name}: chunk at ${offset}, expected ${upload.received}`)
    const bytes = Buffer.from(base64, 'base64')
    if (upload.received + bytes.length > upload.size) throw new ApiError('invalid_input', `${upload.name}: more data than its declared size`)
    appendFileSync(upload.path, bytes)
    upload.received += bytes.length
    return upload.received
  }

  /** The completed uploads as files to import; they are removed by {@link release}. */
  files(uploadIds: string[]): ImportFile[] {
    return uploadIds.map((uploadId) => {
      const upload = this.get(uploadId)
      if (upload.received !== upload.size || statSync(upload.path).size !== upload.size) {
        throw new ApiError('invalid_input', `${upload.name}: upload incomplete (${upload.received} of ${upload.size} bytes)`)
      }
      return { path: upload.path, name: upload.name }
    })
  }

  /** Removes the uploads (received or in part); returns how many there were. */
  release(uploadIds: string[]): number {
    let released = 0
    for (const uploadId of uploadIds) {
      const upload = this.pending.get(uploadId)
      if (!upload) continue
      rmSync(upload.path, { force: true })
      this.pending.delete(uploadId)
      released++
    }
    return released
  }

  dispose(): void {
    rmSync(this.folder, { recursive: true, force: true })
    this.pending.clear()
  }

  private get(uploadId: string): Upload {
    const upload = this.pending.get(uploadId)
    if (!upload) throw new ApiError('not_found', `upload ${uploadId} does not exist`)
    return upload
  }
}

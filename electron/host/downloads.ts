import { randomUUID } from 'node:crypto'
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ApiError, UPLOAD_CHUNK_BYTES } from '../../shared/api/contract'

interface Download {
  name: string
  path: string
  size: number
  /** When it was made or last read from (ms since the epoch). */
  touchedAt: number
}

/** A download nobody has read from for this long is removed (a caller that asked and went away). */
export const DOWNLOAD_IDLE_MS = 2 * 60_000

/**
 * Files the host makes for the renderer to save (an incident bundle): written to a private
 * temporary folder, then fetched in chunks over the API like uploads, and removed once read (or
 * left unread for DOWNLOAD_IDLE_MS).
 */
export class Downloads {
  private readonly folder = mkdtempSync(join(tmpdir(), 'casefile-downloads-'))
  private readonly ready = new Map<string, Download>()

  constructor(private readonly now: () => number = Date.now) {}

  /** Lets `write` make the file at the path given, and offers it as `name`. */
  async create(name: string, write: (path: string) => Promise<unknown>): Promise<{ downloadId: string; name: string; size: number }> {
    this.dropIdle()
    const downloadId = randomUUID()
    const path = join(this.folder, downloadId)
    try {
      await write(path)
    } catch (error) {
      rmSync(path, { force: true })
      throw error
    }
    const size = statSync(path).size
    this.ready.set(downloadId, { name, path, size, touchedAt: this.now() })
    return { downloadId, name, size }
  }

  /** The bytes at `offset` (base64, at most UPLOAD_CHUNK_BYTES); the file is dropped after its last chunk. */
  chunk(downloadId: string, offset: number): { data: string; done: boolean } {
    const download = this.ready.get(downloadId)
    if (!download) throw new ApiError('not_found', `download ${downloadId} does not exist`)
    if (offset > download.size) throw new ApiError('invalid_input', `${download.name}: offset ${offset} is past its ${download.size} bytes`)
    const bytes = Buffer.alloc(Math.min(UPLOAD_CHUNK_BYTES, download.size - offset))
    const file = openSync(download.path, 'r')
    try {
      readSync(file, bytes, 0, bytes.length, offset)
    } finally {
      closeSync(file)
    }
    const done = offset + bytes.length >= download.size
    if (done) this.drop(downloadId)
    else download.touchedAt = this.now()
    return { data: bytes.toString('base64'), done }
  }

  private dropIdle(): void {
    for (const [downloadId, download] of this.ready) if (this.now() - download.touchedAt >= DOWNLOAD_IDLE_MS) this.drop(downloadId)
  }

  private drop(downloadId: string): void {
    const download = this.ready.get(downloadId)
    if (download) rmSync(download.path, { force: true })
    this.ready.delete(downloadId)
  }

  dispose(): void {
    rmSync(this.folder, { recursive: true, force: true })
    this.ready.clear()
  }
}

import { basename } from 'node:path'
import type { FileProgress } from '../import/import-files'

/**
 * A progress line on `stream` (stderr) while a big import runs, redrawn in place, when it is a
 * terminal (not in scripts and pipes, whose output stays the JSON alone); gone once it is done.
 */
export function terminalProgress(stream: Pick<NodeJS.WriteStream, 'isTTY' | 'write'>): { report: (progress: FileProgress) => void; done: () => void } {
  if (!stream.isTTY) return { report: () => {}, done: () => {} }
  let shownAt = 0
  let shown = false
  const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(bytes < 10 * 1024 ** 2 ? 1 : 0)
  return {
    report: ({ file, fileIndex, fileCount, bytesRead, totalBytes }) => {
      const now = Date.now()
      if (now - shownAt < 200 || totalBytes < 4 * 1024 ** 2) return
      shownAt = now
      shown = true
      const which = fileCount > 1 ? ` (${fileIndex + 1} of ${fileCount})` : ''
      stream.write(`\r\x1b[Kimporting ${basename(file)}${which}: ${Math.floor((100 * bytesRead) / totalBytes)}% of ${mb(totalBytes)} MB`)
    },
    done: () => {
      if (shown) stream.write('\r\x1b[K')
    },
  }
}

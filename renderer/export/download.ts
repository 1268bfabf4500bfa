import type { ApiClient } from '../../shared/api/contract'
import { fromBase64 } from '../../shared/domain/base64'

/** Has the host write the incident's bundle and fetches it in chunks, telling how far it got (0 to 1). */
export async function downloadBundle(api: ApiClient, incidentId: number, onProgress?: (fraction: number) => void): Promise<{ name: string; blob: Blob }> {
  const { downloadId, name, size } = await api.call('exports.bundle', { incidentId })
  const parts: Uint8Array<ArrayBuffer>[] = []
  let offset = 0
  for (let done = false; !done; ) {
    const chunk = await api.call('downloads.chunk', { downloadId, offset })
    const bytes = fromBase64(chunk.data)
    parts.push(bytes)
    offset += bytes.length
    done = chunk.done
    onProgress?.(size > 0 ? Math.min(1, offset / size) : 1)
  }
  return { name, blob: new Blob(parts, { type: 'application/octet-stream' }) }
}

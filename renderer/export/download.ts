import type { ApiClient } from '../../shared/api/contract'
import { fromBase64 } from './saveFile'

/** Has the host write the incident's bundle and fetches it in chunks. */
export async function downloadBundle(api: ApiClient, incidentId: number): Promise<{ name: string; blob: Blob }> {
  const { downloadId, name } = await api.call('exports.bundle', { incidentId })
  const parts: Uint8Array<ArrayBuffer>[] = []
  let offset = 0
  for (let done = false; !done; ) {
    const chunk = await api.call('downloads.chunk', { downloadId, offset })
    const bytes = fromBase64(chunk.data)
    parts.push(bytes)
    offset += bytes.length
    done = chunk.done
  }
  return { name, blob: new Blob(parts, { type: 'application/octet-stream' }) }
}

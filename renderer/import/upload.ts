import { type ApiClient, UPLOAD_CHUNK_BYTES } from '../../shared/api/contract'

const MAX_NAME_LENGTH = 255

/** Base64 of a blob, without the data-URL prefix. */
export function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = String(reader.result)
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.onerror = () => reject(reader.error ?? new Error('cannot read the file'))
    reader.readAsDataURL(blob)
  })
}

/** The file name as the host accepts it (at most 255 characters, extension kept). */
export function uploadName(name: string): string {
  if (name.length <= MAX_NAME_LENGTH) return name || 'unnamed'
  const dot = name.lastIndexOf('.')
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : ''
  return `${name.slice(0, MAX_NAME_LENGTH - extension.length - 1)}…${extension}`
}

/** Chunks sent before waiting for the host to acknowledge the oldest: hides the round trip. */
const CHUNKS_IN_FLIGHT = 3

/**
 * Sends one file to the host in chunks; reports bytes acknowledged so far, and the upload id as
 * soon as the host gives it. Chunks are sent in order on one connection, and the host takes them
 * in the order they arrive. Stops (rejecting) before the next chunk once `signal` is aborted.
 */
export async function uploadFile(
  api: ApiClient,
  file: File,
  onSent: (sentBytes: number) => void,
  onStarted: (uploadId: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  const { uploadId } = await api.call('uploads.begin', { name: uploadName(file.name), size: file.size })
  onStarted(uploadId)
  const inFlight: Promise<void>[] = []
  for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
    signal?.throwIfAborted()
    const chunk = file.slice(offset, offset + UPLOAD_CHUNK_BYTES)
    let data: string
    try {
      data = await blobToBase64(chunk)
    } catch (error) {
      throw new Error(`${file.name}: cannot read the file (${(error as Error).message})`)
    }
    const end = offset + chunk.size
    const sent = api.call('uploads.chunk', { uploadId, offset, data }).then(() => onSent(end))
    sent.catch(() => undefined) // observed below; this only keeps an early failure from going unhandled
    inFlight.push(sent)
    if (inFlight.length >= CHUNKS_IN_FLIGHT) await inFlight.shift()
  }
  await Promise.all(inFlight)
}

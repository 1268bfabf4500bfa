import { EventType, IncrementalSource } from '@rrweb/types'
import { gunzipSync, strFromU8, strToU8 } from 'fflate'
import { FormatError } from './errors'

/** How PostHog's recorder marks an event whose bulky parts it gzipped. */
const POSTHOG_COMPRESSED = '2024-10'

/**
 * Whether `event` comes from PostHog's recorder with parts gzipped: a full snapshot's data, a
 * mutation's texts, attributes, removes and adds, a style sheet rule's adds and removes.
 */
export const isPosthogCompressed = (event: unknown): event is { cv: string; type: number; data: unknown } =>
  typeof event === 'object' && event !== null && (event as { cv?: unknown }).cv === POSTHOG_COMPRESSED

const COMPRESSED_PARTS: Partial<Record<number, readonly string[]>> = {
  [IncrementalSource.Mutation]: ['texts', 'attributes', 'removes', 'adds'],
  [IncrementalSource.StyleSheetRule]: ['adds', 'removes'],
}

/** The event as rrweb writes it: each gzipped part (JSON, gzipped, as a binary string) read back. */
export function decompressPosthogEvent(event: { cv: string; type: number; data: unknown }, where: string): Record<string, unknown> {
  const inflate = (part: unknown, name: string): unknown => {
    if (typeof part !== 'string') return part
    try {
      return JSON.parse(strFromU8(gunzipSync(strToU8(part, true))))
    } catch {
      throw new FormatError(`${where}: its ${name} is not gzipped JSON, as PostHog's recorder writes it`)
    }
  }
  const { cv: _cv, ...plain } = event
  if (event.type === EventType.FullSnapshot) return { ...plain, data: inflate(event.data, 'data') }
  const data = event.data as Record<string, unknown> | null
  const parts = event.type === EventType.IncrementalSnapshot && data ? COMPRESSED_PARTS[Number(data.source)] : undefined
  if (!data || !parts) return plain
  return { ...plain, data: { ...data, ...Object.fromEntries(parts.map((name) => [name, inflate(data[name], name)])) } }
}

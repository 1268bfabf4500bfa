import type { NormalizedSpan, SpanStatus } from '../domain/span'

// OpenTelemetry's way of carrying a span's status and instrumentation scope in the tags of
// formats that have no field for them (Jaeger, Zipkin).

/** Tags that become the span's status and scope rather than its attributes. */
export const OTEL_STATUS_AND_SCOPE_TAGS: ReadonlySet<string> = new Set([
  'error',
  'otel.status_code',
  'otel.status_description',
  'otel.scope.name',
  'otel.scope.version',
  'otel.library.name',
  'otel.library.version',
])

type Tags = Record<string, unknown>

/** The span's status: `failed` as the format tells it, else OK only when the tags say so. */
export const statusFromTags = (tags: Tags, failed: boolean): SpanStatus => (failed ? 'error' : tags['otel.status_code'] === 'OK' ? 'ok' : 'unset')

/** The instrumentation scope the tags name (older exporters call it the library). */
export function scopeFromTags(tags: Tags): NormalizedSpan['scope'] {
  const name = tags['otel.scope.name'] ?? tags['otel.library.name']
  const version = tags['otel.scope.version'] ?? tags['otel.library.version']
  return typeof name === 'string' ? { name, ...(typeof version === 'string' ? { version } : {}) } : null
}

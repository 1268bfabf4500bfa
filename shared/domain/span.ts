// The one shape every trace format normalizes to before it is stored.

export type SpanKind = 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer'
export type SpanStatus = 'unset' | 'ok' | 'error'

export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue }
export type Attributes = Record<string, AttributeValue>

export interface SpanEvent {
  /** Epoch nanoseconds, decimal. */
  timeUnixNano: string
  name: string
  attributes: Attributes
}

export interface SpanLink {
  traceId: string
  spanId: string
  attributes: Attributes
}

export interface NormalizedSpan {
  /** 32 lowercase hex digits. */
  traceId: string
  /** 16 lowercase hex digits. */
  spanId: string
  parentSpanId: string | null
  service: string
  name: string
  kind: SpanKind
  startNs: bigint
  endNs: bigint
  status: SpanStatus
  statusMessage: string
  attributes: Attributes
  resource: Attributes
  scope: { name: string; version?: string } | null
  events: SpanEvent[]
  links: SpanLink[]
}

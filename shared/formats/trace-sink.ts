import type { NormalizedSpan } from '../domain/span'
import type { SplitterHandlers } from './json-stream'

/** Where readers put normalized spans; the store in the app, an array in tests. */
export interface TraceSink {
  span(span: NormalizedSpan): void
  /**
   * Moves the children of `fromParentId` that belong to `service` under `toParentId`, once all
   * spans are in (Zipkin's shared client/server spans).
   */
  reparent(traceId: string, fromParentId: string, toParentId: string, service: string): void
}

/** A format reader: splitter handlers plus a check once the input has ended. */
export interface TraceReader extends SplitterHandlers {
  finish(): void
}

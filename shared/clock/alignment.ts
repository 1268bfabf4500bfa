// Putting a session recording on the traces' clock. A request the page recorded (with its W3C
// trace context) caused a trace: the server's spans for it ran while the browser waited, so with
// the right offset each linked trace lies inside its request's window. Browser and server clocks
// often disagree by seconds; this finds the offset that fits every linked request.

export interface RequestWindow {
  traceId: string
  /** When the response arrived, in session time (ms). */
  endMs: number
  /** How long the request took, when recorded; without it only the end constrains. */
  durationMs: number | null
}

export interface TraceWindow {
  traceId: string
  /** The server side of the request (spans under the browser's span), in trace time (ms). */
  startMs: number
  endMs: number
}

export interface OffsetSuggestion {
  /** Add to session times. */
  offsetMs: number
  /** Requests that named a trace present in the incident. */
  linked: number
  /** Whether one offset fits every linked request (otherwise a best compromise). */
  consistent: boolean
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/**
 * The offset closest to zero under which every linked trace fits inside its request: for each,
 * requestStart + offset <= traceStart and traceEnd <= requestEnd + offset. Null when no request
 * names a trace we have.
 */
export function suggestSessionOffset(requests: readonly RequestWindow[], traces: readonly TraceWindow[]): OffsetSuggestion | null {
  const byId = new Map(traces.map((trace) => [trace.traceId, trace]))
  let low = -Infinity
  let high = Infinity
  const guesses: number[] = []
  let linked = 0
  for (const request of requests) {
    const trace = byId.get(request.traceId)
    if (!trace) continue
    linked++
    const atLeast = trace.endMs - request.endMs
    low = Math.max(low, atLeast)
    if (request.durationMs !== null) {
      const atMost = trace.startMs - (request.endMs - request.durationMs)
      high = Math.min(high, atMost)
      guesses.push((atLeast + atMost) / 2)
    } else guesses.push(atLeast)
  }
  if (linked === 0) return null
  if (low <= high) return { offsetMs: Math.min(Math.max(0, low), high), linked, consistent: true }
  return { offsetMs: median(guesses), linked, consistent: false }
}

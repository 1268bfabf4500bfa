/** Covers the window while files are dragged over it: where they will go, or (to a pairing guest) that importing is the host's. */
export function DropOverlay({ target, hostOnly }: { target: string; hostOnly: boolean }) {
  return (
    <div className="drop-overlay" data-testid="drop-overlay" data-host-only={hostOnly || undefined} aria-hidden="true">
      <div className="drop-overlay-box">
        {hostOnly ? (
          <>
            <p className="drop-overlay-title">Only the host imports files</p>
            <p className="drop-overlay-text">Ask the host to import them {target}.</p>
          </>
        ) : (
          <>
            <p className="drop-overlay-title">Drop to import</p>
            <p className="drop-overlay-text">{target}</p>
            <p className="drop-overlay-hint">rrweb session recordings · OTLP, Jaeger or Zipkin JSON traces</p>
          </>
        )}
      </div>
    </div>
  )
}

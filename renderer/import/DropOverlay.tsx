/** Covers the window while files are dragged over it. */
export function DropOverlay({ target }: { target: string }) {
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
      <div className="drop-overlay-box">
        <p className="drop-overlay-title">Drop to import</p>
        <p className="drop-overlay-text">{target}</p>
        <p className="drop-overlay-hint">rrweb session recordings · OTLP, Jaeger or Zipkin JSON traces</p>
      </div>
    </div>
  )
}

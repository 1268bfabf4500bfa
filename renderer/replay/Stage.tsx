import { type CSSProperties, type Ref, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useReportLoading } from '../incidents/loading'
import { formatDuration } from '../format/time'
import type { ReplayController } from './ReplayController'
import { usePlayer } from './usePlayer'

/** Recorded viewport assumed until the recording's Meta event says otherwise. */
const FALLBACK = { width: 1280, height: 800 }

interface StageProps {
  controller: ReplayController | null
  /** The element the replayer renders into (sized to the recorded viewport, then scaled). */
  hostRef: Ref<HTMLDivElement>
  /** Said over the replay until it moves again (a moment asked of it that the recording does not hold). */
  note?: string | null
}

/**
 * The replayed page, scaled to fit the space it has while keeping the recorded aspect ratio.
 * Resizing only rescales (a ResizeObserver), so the replay carries on where it is.
 */
export function Stage({ controller, hostRef, note = null }: StageProps) {
  const stageRef = useRef<HTMLDivElement>(null)
  const [box, setBox] = useState({ width: 0, height: 0 })
  const width = usePlayer(controller, (state) => state.viewport?.width ?? 0, 0) || FALLBACK.width
  const height = usePlayer(controller, (state) => state.viewport?.height ?? 0, 0) || FALLBACK.height
  const status = usePlayer(controller, (state) => state.status, 'loading')
  const error = usePlayer(controller, (state) => state.error, null)
  const buffering = usePlayer(controller, (state) => state.buffering, true)
  const shownMs = usePlayer(controller, (state) => state.shownMs, null)
  const skipped = usePlayer(controller, (state) => state.skipped, null)
  useReportLoading('recording', status !== 'loading')

  useLayoutEffect(() => {
    const stage = stageRef.current
    if (!stage) return
    const measure = () => {
      const style = getComputedStyle(stage)
      const padX = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight)
      const padY = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom)
      setBox({ width: Math.max(0, stage.clientWidth - padX), height: Math.max(0, stage.clientHeight - padY) })
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(stage)
    return () => observer.disconnect()
  }, [])

  // The stage keeps the shape of the first viewport shown: a recording that later changes size
  // (a resize, a phone-sized page then a desktop one) scales inside it, and the scrubber and
  // controls under it stay where they are.
  const [shape, setShape] = useState<string | null>(null)
  useEffect(() => {
    if (shape === null && status === 'ready') setShape(`${width} / ${height}`)
  }, [shape, status, width, height])

  const scale = box.width > 0 && box.height > 0 ? Math.min(box.width / width, box.height / height) : 0
  return (
    <div
      ref={stageRef}
      className="replay-stage"
      data-testid="replay-stage"
      data-status={status}
      data-shown-ms={shownMs ?? undefined}
      data-scale={scale.toFixed(4)}
      style={{ '--replay-ratio': shape ?? `${width} / ${height}` } as CSSProperties}
      onClick={() => controller?.toggle()}
    >
      <div
        className="replay-frame"
        data-status={status}
        style={{ width: Math.floor(width * scale), height: Math.floor(height * scale) }}
      >
        <div
          ref={hostRef}
          className="replay-host"
          data-testid="replay-host"
          style={{ width, height, transform: `scale(${scale})` }}
        />
      </div>
      {(status === 'error' || status === 'unplayable') && (
        <div className="replay-message" role="alert" data-testid="replay-error" onClick={(event) => event.stopPropagation()}>
          {status === 'unplayable' ? error : `The recording could not be replayed: ${error}`}
          {status === 'error' && (
            <button type="button" className="link-button replay-retry" onClick={() => controller?.retry()}>
              Try again
            </button>
          )}
        </div>
      )}
      {status !== 'error' && status !== 'unplayable' && buffering && <span className="spinner replay-spinner" role="status" aria-label="Loading the recording" />}
      {note && (
        <span className="replay-note" role="status" data-testid="replay-note">
          {note}
        </span>
      )}
      {skipped && (
        <span className="replay-skipped" role="status" data-testid="replay-skipped">
          Skipped {formatDuration(skipped.toMs - skipped.fromMs)} of inactivity
        </span>
      )}
    </div>
  )
}

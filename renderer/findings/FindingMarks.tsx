import { useState } from 'react'
import type { Finding } from '../../shared/findings/model'
import { formatClockMs } from '../format/time'
import { useFindingsData } from './FindingsProvider'
import { SEVERITY_LABELS } from './severity'
import { useRestoreFinding } from './useRestoreFinding'

interface FindingMarksProps {
  /** The recording's span, in its own times. */
  startMs: number
  endMs: number
  /** Added to recording times to put them on the incident's clock (findings' times are on it). */
  clockOffsetMs: number
}

/** Findings on the replay's scrubber: a flag at each one's moment; hover for its title, click to show it as written. */
export function FindingMarks({ startMs, endMs, clockOffsetMs }: FindingMarksProps) {
  const findings = useFindingsData()?.findings
  const restore = useRestoreFinding()
  const [hovered, setHovered] = useState<Finding | null>(null)
  if (!findings || endMs <= startMs) return null
  const position = (finding: Finding) => ((finding.anchors.timeMs! - clockOffsetMs - startMs) / (endMs - startMs)) * 100
  const shown = findings.filter((finding) => {
    if (finding.anchors.timeMs === null) return false
    const at = position(finding)
    return at >= 0 && at <= 100
  })
  return (
    <div className="finding-marks">
      {shown.map((finding) => (
        <button
          key={finding.id}
          type="button"
          tabIndex={-1}
          className="finding-mark"
          data-testid="scrubber-finding"
          data-finding-id={finding.id}
          data-severity={finding.severity}
          aria-label={`Finding: ${finding.title}`}
          style={{ left: `${position(finding)}%` }}
          onPointerDown={(event) => event.stopPropagation()}
          onPointerEnter={() => setHovered(finding)}
          onPointerLeave={() => setHovered(null)}
          onClick={(event) => {
            event.stopPropagation()
            restore(finding)
          }}
        />
      ))}
      {hovered && shown.includes(hovered) && (
        <div
          className="finding-mark-tip"
          role="tooltip"
          data-testid="scrubber-finding-tip"
          style={{ left: `${position(hovered)}%` }}
          ref={(tip) => {
            // Keep the tip inside the track.
            const track = tip?.parentElement
            if (!tip || !track) return
            const half = tip.offsetWidth / 2
            const x = (position(hovered) / 100) * track.clientWidth
            tip.style.left = `${Math.min(track.clientWidth - half, Math.max(half, x))}px`
          }}
        >
          <span className="finding-mark-tip-kind">Finding · {SEVERITY_LABELS[hovered.severity]}</span>
          <span className="finding-mark-tip-title">{hovered.title}</span>
          <span className="finding-mark-tip-time">{formatClockMs(hovered.anchors.timeMs!)}</span>
        </div>
      )}
    </div>
  )
}

import type { CSSProperties, ReactNode } from 'react'
import type { DiagramNode } from '../../../shared/diagrams/model'
import { serviceHue } from '../../../shared/graph/serviceColor'

interface ServiceShapeProps {
  label: string
  /** Colors the shape like the trace pane colors this service; null draws it neutral. */
  service: string | null
  shape: DiagramNode['shape']
  /** Seen only as a callee (no spans of its own): drawn dashed. */
  dashed?: boolean
  /** Second line: counts, or "uninstrumented". */
  detail?: ReactNode
  errors?: number
  highlighted?: boolean
  dimmed?: boolean
  picked?: boolean
  testId?: string
}

/** A service box, a database cylinder or an external service, colored by its service's hue. */
export function ServiceShape({ label, service, shape, dashed, detail, errors = 0, highlighted, dimmed, picked, testId }: ServiceShapeProps) {
  const style = (service === null ? {} : { '--hue': serviceHue(service) }) as CSSProperties
  return (
    <div
      className="dg-shape"
      style={style}
      data-shape={shape}
      data-hued={service !== null || undefined}
      data-dashed={dashed || undefined}
      data-errors={errors > 0 || undefined}
      data-highlighted={highlighted || undefined}
      data-dimmed={dimmed || undefined}
      data-picked={picked || undefined}
      data-testid={testId}
      data-service={service ?? undefined}
      title={label}
    >
      {shape === 'database' && (
        <svg className="dg-cylinder" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">
          <path d="M1 12 A49 11 0 0 1 99 12 V88 A49 11 0 0 1 1 88 Z" vectorEffect="non-scaling-stroke" />
          <path d="M1 12 A49 11 0 0 0 99 12" vectorEffect="non-scaling-stroke" fill="none" />
        </svg>
      )}
      <span className="dg-shape-label">{label}</span>
      {detail !== undefined && <span className="dg-shape-detail">{detail}</span>}
    </div>
  )
}

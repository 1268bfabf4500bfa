import type { CSSProperties } from 'react'
import { serviceHue } from '../../shared/graph/serviceColor'

export function ServiceChip({ name, detail }: { name: string; detail?: string }) {
  const style = { '--hue': serviceHue(name) } as CSSProperties
  return (
    <span className="service-chip" style={style} data-testid="service-chip" data-service={name} title={name}>
      <span className="service-chip-dot" aria-hidden="true" />
      <span className="service-chip-name">{name}</span>
      {detail && <span className="service-chip-detail">{detail}</span>}
    </span>
  )
}

import type { CSSProperties } from 'react'
import { serviceHue } from '../../shared/graph/serviceColor'

/** A service's name after a dot of its color (the same hue as its chips and waterfall bars). */
export function ServiceName({ name, className }: { name: string; className?: string }) {
  return (
    <span className={`service-name${className ? ` ${className}` : ''}`} style={{ '--hue': serviceHue(name) } as CSSProperties} title={name}>
      <span className="service-name-dot" aria-hidden="true" />
      <span className="service-name-text">{name}</span>
    </span>
  )
}

import type { ReactNode } from 'react'

interface StatProps {
  label: string
  value: ReactNode
  testId?: string
  /** Draws attention (e.g. error counts above zero). */
  tone?: 'danger'
}

/** A label/value pair in an artifact card's fact grid. */
export function Stat({ label, value, testId, tone }: StatProps) {
  return (
    <div className="stat" data-tone={tone}>
      <dt className="stat-label">{label}</dt>
      <dd className="stat-value" data-testid={testId}>
        {value}
      </dd>
    </div>
  )
}

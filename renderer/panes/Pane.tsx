import { type ReactNode, useId } from 'react'

interface PaneProps {
  title: string
  /** Short totals shown in the header, e.g. "2 sessions · 1,204 events". */
  summary?: ReactNode
  testId: string
  children: ReactNode
}

/** One titled column of the incident view. */
export function Pane({ title, summary, testId, children }: PaneProps) {
  const headingId = useId()
  return (
    <section className="pane" aria-labelledby={headingId} data-testid={testId}>
      <header className="pane-header">
        <h2 id={headingId} className="pane-title">
          {title}
        </h2>
        {summary && (
          <span className="pane-summary" data-testid={`${testId}-summary`}>
            {summary}
          </span>
        )}
      </header>
      <div className="pane-body">{children}</div>
    </section>
  )
}

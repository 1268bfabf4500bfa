import { type ReactNode, type Ref, useId } from 'react'

interface PaneProps {
  title: string
  /** Short totals shown in the header, e.g. "2 sessions · 1,204 events". */
  summary?: ReactNode
  testId: string
  children: ReactNode
  ref?: Ref<HTMLElement>
}

/** One titled column of the incident view. */
export function Pane({ title, summary, testId, children, ref }: PaneProps) {
  const headingId = useId()
  return (
    <section ref={ref} className="pane" aria-labelledby={headingId} data-testid={testId}>
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

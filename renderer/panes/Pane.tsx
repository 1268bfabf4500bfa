import { type ReactNode, type Ref, useId } from 'react'
import { MaximizePaneIcon, RestorePanesIcon } from '../app/icons'
import { type PaneId, useMaximizedPane } from './maximizedPane'

interface PaneProps {
  title: string
  /** Short totals shown in the header, e.g. "2 sessions · 1,204 events". */
  summary?: ReactNode
  testId: string
  /** The pane of the incident view this is, to be maximized (given the whole width) and restored. */
  paneId?: PaneId
  children: ReactNode
  ref?: Ref<HTMLElement>
}

/** One titled column of the incident view. */
export function Pane({ title, summary, testId, paneId, children, ref }: PaneProps) {
  const headingId = useId()
  const layout = useMaximizedPane()
  // One pane at a time, the tabs pick the pane shown.
  const maximizable = layout !== null && paneId !== undefined && !layout.oneAtATime
  const maximized = maximizable && layout.maximized === paneId
  return (
    <section ref={ref} className="pane" aria-labelledby={headingId} data-testid={testId}>
      <header
        className="pane-header"
        onMouseDown={(event) => maximizable && event.detail > 1 && event.preventDefault()}
        onDoubleClick={(event) => maximizable && !(event.target as Element).closest('button, a, input') && layout.toggle(paneId)}
      >
        <h2 id={headingId} className="pane-title">
          {title}
        </h2>
        {summary && (
          <span className="pane-summary" data-testid={`${testId}-summary`}>
            {summary}
          </span>
        )}
        {maximizable && (
          <button
            type="button"
            className="icon-button pane-maximize"
            data-testid={`${testId}-maximize`}
            aria-pressed={maximized}
            aria-label={maximized ? 'Show all panes' : `Maximize ${title}`}
            title={maximized ? 'Show all panes (or double-click the header)' : `Give ${title} the whole width (or double-click the header)`}
            onClick={() => layout.toggle(paneId)}
          >
            {maximized ? <RestorePanesIcon /> : <MaximizePaneIcon />}
          </button>
        )}
      </header>
      <div className="pane-body">{children}</div>
    </section>
  )
}

import { type KeyboardEvent, type MouseEvent, useMemo } from 'react'
import type { StepBacklink } from '../../../shared/findings/model'
import type { RunbookStepRecord } from '../../../shared/runbooks/model'
import { embeddedDiagramIds, linkReferences, renderMarkdown } from './renderMarkdown'
import { sanitizeHtml } from './sanitizeHtml'
import { previewSegments } from './segments'
import { StepBacklinks } from './StepBacklinks'
import { useDiagramImages } from './useDiagramImages'

interface RunbookPreviewProps {
  markdown: string
  /** The saved steps, whose ids the draft's steps keep. */
  savedSteps: readonly RunbookStepRecord[]
  backlinks: readonly StepBacklink[]
  /** Opens an embedded diagram; absent when there is nowhere to open it. */
  onOpenDiagram?: (diagramId: number) => void
}

/** The draft rendered as it reads, each step marked with its stable id and followed by the findings citing it. */
export function RunbookPreview({ markdown, savedSteps, backlinks, onOpenDiagram }: RunbookPreviewProps) {
  const diagramIds = useMemo(() => embeddedDiagramIds(markdown), [markdown])
  const diagrams = useDiagramImages(diagramIds)
  const blocks = useMemo(() => {
    // Rendered a step at a time: a link may use a definition written anywhere in the runbook.
    const references = linkReferences(markdown)
    return previewSegments(markdown, savedSteps).map((segment) => ({ segment, html: sanitizeHtml(renderMarkdown(segment.markdown, diagrams, references)) }))
  }, [markdown, savedSteps, diagrams])
  const linksByStep = useMemo(() => Map.groupBy(backlinks, (link) => link.stepId), [backlinks])

  const diagramAt = (target: EventTarget) => (target instanceof Element ? target.closest<HTMLElement>('.rb-diagram[role="button"]') : null)
  const onClick = (event: MouseEvent) => {
    const figure = diagramAt(event.target)
    if (figure && onOpenDiagram) onOpenDiagram(Number(figure.dataset.diagramId))
  }
  const onKeyDown = (event: KeyboardEvent) => {
    const figure = diagramAt(event.target)
    if (figure && onOpenDiagram && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault()
      onOpenDiagram(Number(figure.dataset.diagramId))
    }
  }

  return (
    // Clicks on embedded diagrams are caught here: they live in the rendered HTML, not in React.
    <article className="rb-preview" data-testid="runbook-preview" data-diagrams-open={onOpenDiagram ? true : undefined} onClick={onClick} onKeyDown={onKeyDown}>
      {blocks.map(({ segment, html }) =>
        segment.kind === 'text' ? (
          <div key={segment.key} className="rb-md" dangerouslySetInnerHTML={{ __html: html }} />
        ) : (
          <section key={segment.key} className="rb-step" data-testid="runbook-step" data-step-id={segment.stepId ?? undefined} data-ordinal={segment.ordinal}>
            <span className="rb-step-id" title={segment.stepId ? 'Stable step id: it stays with this step as the runbook changes' : 'A new step: it gets its id when saved'}>
              {segment.stepId ?? 'new step'}
            </span>
            <div className="rb-md" dangerouslySetInnerHTML={{ __html: html }} />
            {segment.stepId && <StepBacklinks links={linksByStep.get(segment.stepId) ?? []} />}
          </section>
        ),
      )}
    </article>
  )
}

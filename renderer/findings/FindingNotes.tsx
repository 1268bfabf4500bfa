import '../styles/runbooks.css'
import { type MouseEvent, useMemo } from 'react'
import { useFocusStore } from '../focus/focus'
import { embeddedDiagramIds, renderMarkdown } from '../runbooks/preview/renderMarkdown'
import { sanitizeHtml } from '../runbooks/preview/sanitizeHtml'
import { useDiagramImages } from '../runbooks/preview/useDiagramImages'

/**
 * A finding's notes as they read: markdown through the runbooks' renderer and sanitizer (raw HTML
 * shown as text, remote images not loaded). An embedded diagram opens in the diagram pane.
 */
export function FindingNotes({ notes }: { notes: string }) {
  const focus = useFocusStore()
  const diagramIds = useMemo(() => embeddedDiagramIds(notes), [notes])
  const diagrams = useDiagramImages(diagramIds)
  const html = useMemo(() => sanitizeHtml(renderMarkdown(notes, diagrams)), [notes, diagrams])
  const onClick = (event: MouseEvent) => {
    const figure = event.target instanceof Element ? event.target.closest<HTMLElement>('.rb-diagram[role="button"]') : null
    if (figure) focus.set({ diagram: { id: Number(figure.dataset.diagramId), serial: (focus.get().diagram?.serial ?? 0) + 1 } })
  }
  // Clicks on embedded diagrams are caught here: they live in the rendered HTML, not in React.
  return <div className="finding-notes-text rb-md" data-testid="finding-notes-text" onClick={onClick} dangerouslySetInnerHTML={{ __html: html }} />
}

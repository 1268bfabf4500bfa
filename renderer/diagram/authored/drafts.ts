import { createContext, useContext } from 'react'
import type { DiagramContent } from '../../../shared/diagrams/model'
import type { EditedDiagram } from './DiagramEditor'

/**
 * A diagram's edits not saved yet. They outlive the editor (closing it, switching to the derived
 * view or to another incident) for the window's life in one workspace, as runbook drafts do.
 */
export interface DiagramDraft {
  /** The diagram as it was opened: a saved one, or a new one never saved. */
  base: EditedDiagram
  title: string
  content: DiagramContent
}

/** By `draftKey`. */
export type DiagramDrafts = Map<string, DiagramDraft>

/** The draft of a saved diagram goes by its id. */
export const savedDraftKey = (diagramId: number) => `diagram:${diagramId}`

/** A saved diagram's draft goes by its id; a new one's by the opening that made it. */
export const draftKey = (diagramId: number | null, opening: string) => (diagramId === null ? opening : savedDraftKey(diagramId))

export const DiagramDraftsContext = createContext<DiagramDrafts | null>(null)

export function useDiagramDrafts(): DiagramDrafts {
  const drafts = useContext(DiagramDraftsContext)
  if (!drafts) throw new Error('useDiagramDrafts must be used inside the workbench')
  return drafts
}

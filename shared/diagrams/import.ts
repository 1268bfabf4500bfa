import { FormatError } from '../formats/errors'
import { parseDrawio } from './drawio'
import { keepsDrawing, parseMermaid } from './mermaid'
import { DiagramContent } from './model'

/**
 * Reads a draw.io / diagrams.net file or Mermaid flowchart text, recognized by content.
 * `drawnHere`: Mermaid Casefile wrote, whose nodes' service bindings are as they were saved.
 */
export function importDiagramText(text: string): { format: 'drawio' | 'mermaid'; content: DiagramContent; drawnHere: boolean } {
  const start = text.trimStart()
  const format = start.startsWith('<') ? 'drawio' : 'mermaid'
  const content = format === 'drawio' ? parseDrawio(text) : parseMermaid(text)
  const checked = DiagramContent.safeParse(content)
  if (!checked.success) throw new FormatError(checked.error.issues[0].message)
  return { format, content: checked.data, drawnHere: format === 'mermaid' && keepsDrawing(text) }
}

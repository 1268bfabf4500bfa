import { FormatError } from '../formats/errors'
import { parseDrawio } from './drawio'
import { parseMermaid } from './mermaid'
import { DiagramContent } from './model'

/** Reads a draw.io / diagrams.net file or Mermaid flowchart text, recognized by content. */
export function importDiagramText(text: string): { format: 'drawio' | 'mermaid'; content: DiagramContent } {
  const start = text.trimStart()
  const format = start.startsWith('<') ? 'drawio' : 'mermaid'
  const content = format === 'drawio' ? parseDrawio(text) : parseMermaid(text)
  const checked = DiagramContent.safeParse(content)
  if (!checked.success) throw new FormatError(checked.error.issues[0].message)
  return { format, content: checked.data }
}

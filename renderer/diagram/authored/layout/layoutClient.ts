import type { DiagramContent } from '../../../../shared/diagrams/model'
import { workerClient } from '../../../workers/workerClient'
import { autoLayout } from '../../../../shared/diagrams/autoLayout'

const run = workerClient<DiagramContent, DiagramContent>({
  name: 'diagram layout',
  start: () => new Worker(new URL('./autoLayout.worker.ts', import.meta.url), { type: 'module', name: 'diagram-layout' }),
  runHere: autoLayout,
})

/** The diagram laid out left to right (see autoLayout), computed off the main thread. */
export function layOutDiagram(content: DiagramContent): Promise<DiagramContent> {
  return run(() => ({ request: content }))
}

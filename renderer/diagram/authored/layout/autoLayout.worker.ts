/// <reference lib="webworker" />
import type { DiagramContent } from '../../../../shared/diagrams/model'
import { autoLayout } from '../logic/autoLayout'

// Lays authored diagrams out off the main thread.

declare const self: DedicatedWorkerGlobalScope

self.onmessage = (event: MessageEvent<{ id: number; content: DiagramContent }>) => {
  const { id, content } = event.data
  try {
    self.postMessage({ id, content: autoLayout(content) })
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
  }
}

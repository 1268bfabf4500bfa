/// <reference lib="webworker" />
import type { DiagramContent } from '../../../../shared/diagrams/model'
import { autoLayout } from '../../../../shared/diagrams/autoLayout'

// Lays authored diagrams out off the main thread (see workers/workerClient.ts).

declare const self: DedicatedWorkerGlobalScope

self.onmessage = (event: MessageEvent<{ id: number; request: DiagramContent }>) => {
  const { id, request } = event.data
  try {
    self.postMessage({ id, result: autoLayout(request) })
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
  }
}

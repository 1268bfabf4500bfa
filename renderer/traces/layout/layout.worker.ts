/// <reference lib="webworker" />
import { runJob, type Job } from './jobs'
import { layoutBuffers, type TraceLayout } from './layout'

// Computes trace layouts, statistics and comparisons off the main thread (see workers/workerClient.ts).

declare const self: DedicatedWorkerGlobalScope

self.onmessage = (event: MessageEvent<{ id: number; request: Job }>) => {
  const { id, request: job } = event.data
  try {
    const result = runJob(job)
    const transfer = job.type === 'layout' ? layoutBuffers(result as TraceLayout) : []
    self.postMessage({ id, result }, transfer)
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
  }
}

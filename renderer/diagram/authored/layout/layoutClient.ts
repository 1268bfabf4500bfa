import type { DiagramContent } from '../../../../shared/diagrams/model'
import { autoLayout } from '../logic/autoLayout'

// Runs the editor's auto-layout in a Web Worker, or on the main thread when no worker can start
// (then after a macrotask, so the pressed button gets painted first).

interface Reply {
  id: number
  content?: DiagramContent
  error?: string
}

interface Pending {
  content: DiagramContent
  resolve: (content: DiagramContent) => void
  reject: (error: Error) => void
}

let worker: Worker | null | undefined
let nextId = 1
const pending = new Map<number, Pending>()

function layOutHere(content: DiagramContent): Promise<DiagramContent> {
  return new Promise((resolve, reject) =>
    setTimeout(() => {
      try {
        resolve(autoLayout(content))
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)))
      }
    }, 0),
  )
}

/** Gives up on the worker: what it still owed is done here. */
function abandonWorker() {
  worker?.terminate()
  worker = null
  const owed = [...pending.values()]
  pending.clear()
  for (const entry of owed) layOutHere(entry.content).then(entry.resolve, entry.reject)
}

function getWorker(): Worker | null {
  if (worker !== undefined) return worker
  try {
    worker = new Worker(new URL('./autoLayout.worker.ts', import.meta.url), { type: 'module', name: 'diagram-layout' })
    worker.onmessage = (event: MessageEvent<Reply>) => {
      const entry = pending.get(event.data.id)
      if (!entry) return
      pending.delete(event.data.id)
      if (event.data.content) entry.resolve(event.data.content)
      else entry.reject(new Error(event.data.error ?? 'the layout worker sent nothing back'))
    }
    worker.onerror = (event) => {
      event.preventDefault()
      console.warn('[casefile] diagram layout worker failed; laying out on the main thread', event.message)
      abandonWorker()
    }
  } catch (error) {
    console.warn('[casefile] no diagram layout worker; laying out on the main thread', error)
    worker = null
  }
  return worker
}

/** The diagram laid out left to right (see autoLayout), computed off the main thread. */
export function layOutDiagram(content: DiagramContent): Promise<DiagramContent> {
  const target = getWorker()
  if (!target) return layOutHere(content)
  const id = nextId++
  return new Promise((resolve, reject) => {
    pending.set(id, { content, resolve, reject })
    target.postMessage({ id, content })
  })
}

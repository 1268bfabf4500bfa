// Requests run in a Web Worker, or on the main thread when no worker can start or the worker fails
// (then after a macrotask, so whatever shows the wait gets painted first). The worker answers each
// `{ id, request }` it is posted with `{ id, result }` or `{ id, error }`.

export interface WorkerReply<Result> {
  id: number
  result?: Result
  error?: string
}

interface Pending<Request, Result> {
  resolve: (result: Result) => void
  reject: (error: Error) => void
  /** Makes the request again (a posted request's transferred buffers are gone with the worker). */
  make: () => Request
}

interface WorkerClientOptions<Request, Result> {
  /** What the worker is called in warnings. */
  name: string
  /** Starts the worker (`new Worker(new URL('./x.worker.ts', import.meta.url), …)`, written where the worker lives). */
  start: () => Worker
  /** The same work on the main thread. */
  runHere: (request: Request) => Result
}

/** Returns `run`, which sends the request `make` makes (with the buffers to transfer) and resolves with the result. */
export function workerClient<Request, Result>({ name, start, runHere }: WorkerClientOptions<Request, Result>) {
  let worker: Worker | null | undefined
  let nextId = 1
  const pending = new Map<number, Pending<Request, Result>>()

  const here = (request: Request) =>
    new Promise<Result>((resolve, reject) =>
      setTimeout(() => {
        try {
          resolve(runHere(request))
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)))
        }
      }, 0),
    )

  /** Gives up on the worker: what it still owed is done here. */
  const abandon = () => {
    worker?.terminate()
    worker = null
    const owed = [...pending.values()]
    pending.clear()
    for (const entry of owed) here(entry.make()).then(entry.resolve, entry.reject)
  }

  const target = (): Worker | null => {
    if (worker !== undefined) return worker
    try {
      worker = start()
      worker.onmessage = (event: MessageEvent<WorkerReply<Result>>) => {
        const entry = pending.get(event.data.id)
        if (!entry) return
        pending.delete(event.data.id)
        if (event.data.error !== undefined) entry.reject(new Error(event.data.error))
        else entry.resolve(event.data.result as Result)
      }
      worker.onerror = (event) => {
        event.preventDefault()
        console.warn(`[casefile] ${name} worker failed; working on the main thread`, event.message)
        abandon()
      }
    } catch (error) {
      console.warn(`[casefile] no ${name} worker; working on the main thread`, error)
      worker = null
    }
    return worker
  }

  return function run(make: () => { request: Request; transfer?: Transferable[] }): Promise<Result> {
    const current = target()
    if (!current) return here(make().request)
    const id = nextId++
    const { request, transfer = [] } = make()
    return new Promise<Result>((resolve, reject) => {
      pending.set(id, { resolve, reject, make: () => make().request })
      current.postMessage({ id, request }, transfer)
    })
  }
}

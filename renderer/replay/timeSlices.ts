/** Resolves in a new task: whatever is queued meanwhile (a socket message, input) runs first. */
const nextTask = () =>
  new Promise<void>((resolve) => {
    // A message channel, not setTimeout: nested timeouts are clamped to 4 ms.
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(null)
  })

/**
 * Splits long work into tasks of about `budgetMs`: await the returned function between steps and
 * it yields to the event loop once the current task has run that long. A follower's replay, for
 * one, takes the driver's move between two chunks of a recording being parsed and applied, not
 * after all of them.
 */
export function timeSlices(budgetMs = 8): () => Promise<void> {
  let started = performance.now()
  return async () => {
    if (performance.now() - started < budgetMs) return
    await nextTask()
    started = performance.now()
  }
}

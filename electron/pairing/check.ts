import { request } from 'node:http'

/** How long a partner's host may take to answer before it counts as not there. */
const CHECK_TIMEOUT_MS = 3000

/**
 * Whether anything answers http at host:port (any status will do: the invitation's page there
 * says the rest). Used before a partner's invitation opens, so a stale one is said plainly
 * rather than left to the browser's error page.
 */
export function hostAnswers(host: string, port: number, timeoutMs = CHECK_TIMEOUT_MS): Promise<boolean> {
  return new Promise((resolve) => {
    const asking = request({ host, port, method: 'HEAD', path: '/', timeout: timeoutMs }, (response) => {
      response.resume()
      resolve(true)
    })
    asking.on('timeout', () => asking.destroy())
    asking.on('error', () => resolve(false))
    asking.end()
  })
}

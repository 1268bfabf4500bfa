import { test as base, expect } from '@playwright/test'
import { type CasefileServer, startCasefile } from './server'

export { expect }
export type { CasefileServer }

interface Fixtures {
  /** A `casefile serve` on a fresh workspace, stopped after the test. */
  casefile: CasefileServer
  /** Fails the test on uncaught page errors and CSP violations. */
  pageProblems: string[]
}

export const test = base.extend<Fixtures>({
  casefile: async ({}, use, testInfo) => {
    const server = await startCasefile()
    try {
      await use(server)
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('casefile-serve output', { body: server.output(), contentType: 'text/plain' })
      }
      await server.stop()
    }
  },
  pageProblems: [
    async ({ page }, use) => {
      const problems: string[] = []
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`)
      })
      await use(problems)
      expect(problems, 'the page logged errors').toEqual([])
    },
    { auto: true },
  ],
})

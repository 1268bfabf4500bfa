import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // Keep the recent-workspaces list and window state of test runs out of the user's profile.
    env: { CASEFILE_HOME: join(tmpdir(), 'casefile-test-home') },
  },
})

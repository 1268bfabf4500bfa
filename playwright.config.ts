import { defineConfig, devices } from '@playwright/test'

// End-to-end tests drive the real UI served by `casefile serve` (see e2e/support/casefile.ts).
// They need a build first: `npm run build` (npm test does it).
export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  outputDir: 'test-results',
  fullyParallel: true,
  // One browser at a time on CI's two cores: the app server, Chromium and the test runner share them.
  workers: process.env.CI ? 1 : 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  // Machines here run at twice or half the speed from one day to the next: a wait is a ceiling,
  // not a pace, so room costs a passing test nothing.
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1440, height: 900 },
    headless: true,
    actionTimeout: 10_000,
    navigationTimeout: 10_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
})

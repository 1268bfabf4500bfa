// postinstall: fetch the Electron binary now, where the network allows, so `npm start` works
// offline later. Electron 42+ no longer downloads at install time by itself. Never fails the
// install: the CLI, browser mode (npm run serve) and the tests do not need the binary.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const skip = process.env.CASEFILE_SKIP_ELECTRON_DOWNLOAD || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD
if (skip) {
  console.log('casefile: skipping the Electron binary download (asked to by the environment)')
  process.exit(0)
}

let installer
try {
  installer = join(dirname(createRequire(import.meta.url).resolve('electron/package.json')), 'install.js')
} catch {
  process.exit(0) // production install without dev dependencies: no Electron to fetch
}
if (!existsSync(installer)) process.exit(0)

const run = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'inherit', 'pipe'], timeout: 10 * 60 * 1000, encoding: 'utf8' })
if (run.status !== 0) {
  const reason = (run.stderr || run.error?.message || 'unknown error').trim().split('\n')[0]
  console.warn(`casefile: warning: could not download the Electron binary (${reason}).`)
  console.warn('casefile: the desktop app needs it: run "npx install-electron" when online. CLI, "npm run serve" and tests work without it.')
}

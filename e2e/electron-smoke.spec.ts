import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'

// Launches the real desktop app where the Electron binary is installed. Electron 42+ fetches the
// binary from the network (postinstall or `npx install-electron`); where that was impossible the
// test reports itself skipped with the reason.

const root = join(import.meta.dirname, '..')
const electronDir = join(root, 'node_modules', 'electron')

function electronBinary(): string | null {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

test('the desktop app opens on the demo incident, sandboxed', async () => {
  const binary = electronBinary()
  const reason = 'Electron binary not installed (node_modules/electron/dist is missing: it could not be downloaded on this machine; run npx install-electron where the network allows)'
  if (!binary) console.log(`skipped: ${reason}`)
  test.skip(!binary, reason)

  const home = mkdtempSync(join(tmpdir(), 'casefile-electron-'))
  const app = await electron.launch({
    executablePath: binary!,
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), root],
    env: { ...process.env, CASEFILE_HOME: home, CASEFILE_DB: join(home, 'workspace.sqlite') },
  })
  try {
    const window = await app.firstWindow()
    await expect(window).toHaveTitle(/Casefile/)
    await expect(window.getByText('Demo: checkout fails with 502').first()).toBeVisible({ timeout: 15_000 })
    // The renderer has the typed transport and nothing of Node.
    expect(await window.evaluate(() => typeof (window as unknown as { casefileTransport?: unknown }).casefileTransport)).toBe('object')
    expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined')
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
  } finally {
    await app.close()
    rmSync(home, { recursive: true, force: true })
  }
})

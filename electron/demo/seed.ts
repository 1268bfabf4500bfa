import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { importFiles } from '../import/import-files'
import type { Workspace } from '../store/workspace'

export const DEMO_TITLE = 'Demo: checkout fails with 502'
const DEMO_FILES = ['checkout-session.rrweb.json', 'checkout-traces.otlp.json']

/** The folder holding the demo files, from the source tree or from the built bundle in out/. */
function demoFolder(): string | null {
  let folder = dirname(fileURLToPath(import.meta.url))
  for (let up = 0; up < 4; up++) {
    for (const candidate of [folder, join(folder, 'electron', 'demo')]) {
      if (existsSync(join(candidate, DEMO_FILES[0]))) return candidate
    }
    folder = dirname(folder)
  }
  return null
}

/** Gives a new workspace the demo incident, so the app opens on something real. */
export function seedDemo(workspace: Workspace): void {
  const folder = demoFolder()
  if (!folder) {
    console.warn('[casefile] demo files not found; starting with an empty workspace')
    return
  }
  importFiles(
    workspace,
    { title: DEMO_TITLE },
    DEMO_FILES.map((name) => ({ path: join(folder, name), name })),
  )
}

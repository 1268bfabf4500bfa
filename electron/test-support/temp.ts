import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { onTestFinished } from 'vitest'

/** A fresh folder for the running test, removed when it finishes. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'casefile-test-'))
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

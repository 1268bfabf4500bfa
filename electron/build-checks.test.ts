import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from './test-support/temp'

const root = join(import.meta.dirname, '..')
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version as string

/** Electronegativity's CSV rows (it exits 0 whatever it finds, so its report is what counts). */
function scan(input: string, report: string): string[] {
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js'), '-i', input, '-o', report, '-r', '-v', 'false', '-e', electronVersion],
    { stdio: 'pipe', timeout: 120_000 },
  )
  const [, ...rows] = readFileSync(report, 'utf8').trim().split('\n')
  return rows
}

describe('Electron security', () => {
  it('electronegativity finds nothing that is not justified inline in the shipped app', () => {
    // What ships: the main process and preload sources, and the renderer page with its CSP.
    const dir = tempDir()
    const app = join(dir, 'app')
    cpSync(join(root, 'electron'), join(app, 'electron'), { recursive: true, filter: (path) => !path.endsWith('.test.ts') && !path.includes('test-support') })
    cpSync(join(root, 'renderer', 'index.html'), join(app, 'renderer', 'index.html'), { recursive: true })
    const findings = scan(app, join(dir, 'report.csv'))
    expect(findings).toEqual([])
  }, 120_000)
})

describe('the built main bundle', () => {
  const outMain = join(root, 'out', 'main')

  it('loads better-sqlite3 as an external module, not bundled', () => {
    expect(existsSync(outMain), 'run npm run build first').toBe(true)
    const files = readdirSync(outMain, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'))
    const code = files.map((file) => readFileSync(join(outMain, file), 'utf8')).join('\n')
    expect(code).toMatch(/from "better-sqlite3"/)
    // better-sqlite3's own loader would be inlined if it were bundled.
    expect(code).not.toMatch(/function Database\(filenameGiven/)
    expect(code).not.toMatch(/\.node['"]\)/)
  })
})

import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
/** Node 22 from node_modules: the system node cannot load better-sqlite3. */
const NODE = join(ROOT, 'node_modules', '.bin', 'node')
const CLI = join(ROOT, 'out', 'main', 'cli.js')
const URL_LINE = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_\-%.~]+)/
const START_TIMEOUT_MS = 20_000

/** Runs the built `casefile` CLI (as a user would in a terminal) and returns what it printed. */
export function runCli(args: string[]): string {
  return execFileSync(NODE, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
}

export interface CasefileServer {
  /** The page URL, token included, as the server printed it. */
  url: string
  /** http://127.0.0.1:PORT */
  origin: string
  token: string
  /** The workspace file this server uses (fresh for each server). */
  dbPath: string
  /** Everything the server wrote, for failure reports. */
  output(): string
  stop(): Promise<void>
}

/** Starts `casefile serve` on a fresh workspace and an ephemeral port. */
export async function startCasefile(): Promise<CasefileServer> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before the e2e tests`)
  const dir = mkdtempSync(join(tmpdir(), 'casefile-e2e-'))
  const dbPath = join(dir, 'workspace.sqlite')
  const child = spawn(NODE, [CLI, 'serve', '--db', dbPath, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Keep the recent-workspaces list and other app data out of the user's own folder.
    env: { ...process.env, CASEFILE_HOME: dir },
  })
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text))
  child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text))

  const cleanUp = async () => {
    await stopProcess(child)
    rmSync(dir, { recursive: true, force: true })
  }

  let url: string
  try {
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`casefile serve printed no URL within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS)
      const look = () => {
        const match = URL_LINE.exec(output)
        if (!match) return
        clearTimeout(timer)
        resolve(match[1])
      }
      child.stdout.on('data', look)
      child.once('exit', (code, signal) => {
        clearTimeout(timer)
        reject(new Error(`casefile serve exited early (${signal ?? `code ${code}`})`))
      })
      look()
    })
  } catch (error) {
    await cleanUp()
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`)
  }

  const parsed = new URL(url)
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dbPath,
    output: () => output,
    stop: cleanUp,
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000)
    child.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

#!/usr/bin/env node
// Launcher for the `casefile` command. Casefile needs Node 22 or later (better-sqlite3 13 crashes
// on older ones); where the system Node is older, re-run under the Node 22 that the project
// installs from the registry as a dev dependency.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const major = Number(process.versions.node.split('.')[0])

if (major < 22) {
  let bundledNode = null
  try {
    bundledNode = join(dirname(createRequire(import.meta.url).resolve('node/package.json')), 'bin', 'node')
  } catch {}
  if (!bundledNode || !existsSync(bundledNode)) {
    console.error(`casefile: Node 22 or later is required (this is ${process.version}); run npm install to get it`)
    process.exit(1)
  }
  const run = spawnSync(bundledNode, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' })
  process.exit(run.status ?? 1)
}

const cli = join(root, 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  console.error('casefile: not built yet; run npm run build')
  process.exit(1)
}
await import(cli)

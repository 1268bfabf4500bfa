import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { pipeline } from 'node:stream/promises'
import { createServer } from 'node:net'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { MAX_TITLE_CHARS, Title } from '../../shared/api/contract'
import { fileNameFor } from '../../shared/domain/file-name'
import { FormatError } from '../../shared/formats/errors'
import { createHandlers } from '../host/handlers'
import { Host } from '../host/host'
import { startWebServer } from '../host/web-server'
import { ImportCancelled, ImportError, type ImportFile } from '../import/import-files'
import { exportBundle, importBundle, isBundleFile, refuseBundleAsWorkspace } from '../bundle/bundle'
import { buildReport } from '../report/report'
import { droppedCitationText, fallbackTitleOf, isRunbookFile, runbookFileText, titleClash } from '../../shared/runbooks/files'
import { getRunbook, importRunbook, listRunbooks } from '../store/runbooks'
import { LATEST_VERSION } from '../store/migrations'
import { search } from '../store/search'
import { deriveServiceGraph } from '../store/service-graph'
import { Workspace } from '../store/workspace'
import { runInWorker, type WorkerEntry } from '../workers/run-in-worker'
import { defaultWorkspacePath } from '../workspace/paths'
import { type CommandName, HELP } from './commands'
import { terminalProgress } from './progress'
import { openQuery, writeJsonArray } from './query'

// The `casefile` command line. Shares the core (store, importers, host) with the desktop app.

class UsageError extends Error {
  help: string = HELP.main
}

const here = dirname(fileURLToPath(import.meta.url))
/** The import worker, built beside this file. */
const WORKER: WorkerEntry = { script: new URL('./workspace-worker.js', import.meta.url) }

/** This build's version, as package.json (beside out/) has it. */
const appVersion = (): string => (JSON.parse(readFileSync(join(here, '..', '..', 'package.json'), 'utf8')) as { version: string }).version

const OPTIONS = {
  db: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  incident: { type: 'string' },
  'incident-id': { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  trace: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
} as const

const ACCEPTS: Record<CommandName, ReadonlyArray<keyof typeof OPTIONS>> = {
  import: ['db', 'help', 'incident', 'incident-id'],
  query: ['db', 'help'],
  graph: ['db', 'help', 'incident', 'trace'],
  runbook: ['db', 'help', 'out'],
  report: ['db', 'help', 'incident', 'format'],
  export: ['db', 'help', 'incident', 'out'],
  search: ['db', 'help'],
  serve: ['db', 'help', 'port', 'host'],
}

function parse(command: CommandName, args: string[]) {
  let parsed
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    // SQL opening on a comment ("-- why") reads as an option: what follows a lone -- is an argument.
    const taken = args.find((arg) => arg.startsWith('-') && /\s/.test(arg))
    throw new UsageError(`${(error as Error).message}${taken ? `; text starting with - goes after a lone --: casefile ${command} -- ${JSON.stringify(taken)}` : ''}`)
  }
  const unknown = Object.keys(parsed.values).find((name) => !ACCEPTS[command].includes(name as keyof typeof OPTIONS))
  if (unknown) throw new UsageError(`${command} does not take --${unknown}`)
  // SQLite takes an empty path for a throwaway database: `--db "$DB"` with DB unset would lose the import.
  if (parsed.values.db === '') throw new UsageError('--db: the path is empty')
  return parsed
}

/**
 * What a FILE argument is called: its path as typed, but "stdin" for `-` or /dev/stdin and
 * "piped input" for a process substitution's /dev/fd/N, whose number says nothing.
 */
const inputName = (path: string): string =>
  path === '-' || path === '/dev/stdin' ? 'stdin' : /^\/(dev|proc\/[^/]+)\/fd\/\d+$/.test(path) ? 'piped input' : path

async function runImport(args: string[]) {
  const { values, positionals } = parse('import', args)
  if (values.help) return void process.stdout.write(HELP.import)
  if (positionals.length === 0) throw new UsageError('import needs at least one FILE')
  if (values.incident !== undefined && !values.incident.trim()) throw new UsageError('--incident: the title is empty')
  if (values.incident !== undefined && values['incident-id'] !== undefined) throw new UsageError('give --incident TITLE or --incident-id ID, not both')
  const incidentId = values['incident-id']
  if (incidentId !== undefined && !/^[1-9]\d*$/.test(incidentId)) throw new UsageError(`--incident-id must be an incident's id, a number (got ${JSON.stringify(incidentId)})`)
  // Without --incident, the first file names the incident (cut to what a title holds).
  const title = values.incident?.trim() ?? basename(inputName(positionals[0])).slice(0, MAX_TITLE_CHARS)
  const titleCheck = Title.safeParse(title)
  if (!titleCheck.success) throw new UsageError(`--incident: ${titleCheck.error.issues[0].message}`)
  // Ctrl+C stops the import where it is: nothing of it is kept, nor a workspace it made. Again, it quits at once.
  const stop = new AbortController()
  const interrupt = () => (stop.signal.aborted ? process.exit(130) : stop.abort())
  process.on('SIGINT', interrupt)
  try {
    await inWorkspace(workspacePath(values.db), async (workspace) => {
      // Piped input is read once, here: a bundle is known by its content, whichever way it comes.
      const spooled = await spoolStreams(positionals, stop.signal)
      try {
        await importInto(workspace, values, spooled.files, title, stop.signal)
      } finally {
        spooled.remove()
      }
    })
  } finally {
    process.off('SIGINT', interrupt)
  }
}

async function importInto(workspace: Workspace, values: ReturnType<typeof parse>['values'], files: ImportFile[], title: string, signal: AbortSignal) {
  if (signal.aborted) throw new ImportCancelled()
  sayIfWaiting(workspace)
  const incidentId = values['incident-id']
  const bundles = files.filter((file) => isBundleFile(file.path))
  if (bundles.length > 0 && files.length > 1) throw new UsageError('a .casefile bundle is imported on its own')
  if (bundles.length > 0 && (values.incident !== undefined || incidentId !== undefined)) process.stderr.write('casefile: --incident is ignored: a .casefile bundle holds its own incident\n')
  if (bundles.length === 1) {
    const { incident, alreadyPresent, sameTitleAsAnother, merged } = importBundleFile(workspace, bundles[0])
    if (sameTitleAsAnother) process.stderr.write(`casefile: another incident here is titled “${incident.title}” too; both are kept, rename one to tell them apart\n`)
    const artifacts = workspace.incidentView(incident.id).artifacts.map((artifact) => artifact.summary)
    process.stdout.write(`${JSON.stringify({ incident: { id: incident.id, title: incident.title }, artifacts, alreadyPresent, merged })}\n`)
    return
  }
  if (incidentId !== undefined && !workspace.listIncidents().some((incident) => incident.id === Number(incidentId))) throw new Error(`no incident with id ${incidentId}`)
  // Two incidents of one title: the title names neither, their ids do.
  const titled = incidentId === undefined ? workspace.findIncidentsByTitle(title) : []
  if (titled.length > 1) throw new Error(`${titled.length} incidents are titled ${JSON.stringify(title)}: give --incident-id ${titled.map((incident) => incident.id).join(' or ')}`)
  // --incident names a title; a number that is another incident's id is worth a word.
  const numbered = values.incident !== undefined && /^\d+$/.test(title) && titled.length === 0
  const otherById = numbered ? workspace.listIncidents().find((incident) => incident.id === Number(title)) : undefined
  const progress = terminalProgress(process.stderr)
  let result
  try {
    // In a worker (as the app does), so that Ctrl+C is heard while it runs.
    const target = incidentId === undefined ? { title } : { incidentId: Number(incidentId) }
    result = await runInWorker(WORKER, { kind: 'import', dbPath: workspace.path, target, files, busyTimeoutMs: CLI_BUSY_TIMEOUT_MS }, progress.report, signal)
  } finally {
    progress.done()
  }
  if (otherById) {
    process.stderr.write(
      `casefile: --incident matches titles: this made incident ${result.incident.id} titled “${title}”; incident ${otherById.id} is “${otherById.title}” (--incident-id ${otherById.id} imports into it)\n`,
    )
  }
  // The documented shape on stdout; a file the incident had already is said on stderr.
  const { alreadyHere = [], ...imported } = result
  for (const name of alreadyHere) process.stderr.write(`casefile: ${name} is in incident ${result.incident.id} already (the same content); not imported again\n`)
  process.stdout.write(`${JSON.stringify(imported)}\n`)
}

/**
 * Files to import, as typed. A pipe (`-` or /dev/stdin, a process substitution) can be read only
 * once, and the importer reads a file twice (its hash, then its content): its content is first
 * copied to a temporary file, imported under the name given.
 */
async function spoolStreams(paths: string[], signal: AbortSignal): Promise<{ files: ImportFile[]; remove: () => void }> {
  let dir: string | null = null
  const files: ImportFile[] = []
  for (const [i, path] of paths.entries()) {
    const source = path === '-' ? '/dev/stdin' : path
    let stream = false
    try {
      const stats = statSync(source)
      stream = !stats.isFile() && !stats.isDirectory()
    } catch {
      // Missing: the importer names it.
    }
    if (!stream) {
      // `-` from a file (< FILE): stdin is that file itself.
      files.push({ path: source, name: inputName(path) })
      continue
    }
    dir ??= mkdtempSync(join(tmpdir(), 'casefile-import-'))
    const copy = join(dir, String(i))
    try {
      await pipeline(path === '-' ? process.stdin : createReadStream(source), createWriteStream(copy), { signal })
    } catch (error) {
      rmSync(dir, { recursive: true, force: true })
      throw signal.aborted ? new ImportCancelled() : error
    }
    files.push({ path: copy, name: inputName(path) })
  }
  return { files, remove: () => dir && rmSync(dir, { recursive: true, force: true }) }
}

async function runQuery(args: string[]) {
  const { values, positionals } = parse('query', args)
  if (values.help) return void process.stdout.write(HELP.query)
  if (positionals.length !== 1) throw new UsageError('query needs exactly one SQL statement (quote it)')
  const dbPath = existingWorkspace(values.db)
  let query
  try {
    query = openQuery(dbPath, positionals[0])
  } catch (error) {
    // A file that is no workspace is the file's problem: named, as the other commands name it.
    const message = (error as Error).message
    if (/not a database|disk I\/O error|unable to open/i.test(message)) throw new Error(`${dbPath}: ${message}`)
    throw error
  }
  try {
    await writeJsonArray(process.stdout, query.rows)
  } finally {
    query.close()
  }
}

/** An incident named by id or by title. */
function findIncident(workspace: Workspace, given: string) {
  const idOrTitle = given.trim()
  const byId = /^\d+$/.test(idOrTitle) ? workspace.listIncidents().find((incident) => incident.id === Number(idOrTitle)) : undefined
  const titled = workspace.findIncidentsByTitle(idOrTitle)
  if (!byId && titled.length > 1) {
    throw new Error(`${titled.length} incidents are titled ${JSON.stringify(idOrTitle)}: give --incident the id of one (${titled.map((incident) => incident.id).join(', ')})`)
  }
  const byTitle = titled[0]
  if (byId && byTitle && byTitle.id !== byId.id) {
    process.stderr.write(`casefile: --incident ${idOrTitle} is incident ${byId.id} (“${byId.title}”), not incident ${byTitle.id} titled “${byTitle.title}”\n`)
  }
  const incident = byId ?? byTitle
  if (!incident) throw new Error(`no incident with id or title ${JSON.stringify(idOrTitle)}`)
  return incident
}

function runGraph(args: string[]) {
  const { values, positionals } = parse('graph', args)
  if (values.help) return void process.stdout.write(HELP.graph)
  if (!values.incident) throw new UsageError('graph needs --incident ID|TITLE')
  if (positionals.length > 0) throw new UsageError(`graph takes no arguments (got ${positionals[0]})`)
  // Trace ids as Jaeger and Zipkin show them (any case); stored lowercase.
  const traceId = values.trace?.toLowerCase()
  if (traceId !== undefined && !/^[0-9a-f]{32}$/.test(traceId)) throw new UsageError('--trace must be 32 hex digits')
  const workspace = openExisting(values.db)
  try {
    const incident = findIncident(workspace, values.incident)
    const graph = deriveServiceGraph(workspace.db, incident.id, traceId)
    if (traceId !== undefined && graph.nodes.length === 0) throw new Error(`no trace ${traceId} in incident ${incident.id} (“${incident.title}”)`)
    // The documented shape, field for field.
    const output = {
      nodes: graph.nodes.map(({ id, spans, errorSpans, uninstrumented }) => ({ id, spans, errorSpans, uninstrumented })),
      edges: graph.edges.map(({ from, to, calls, errors, p50Ms, p95Ms }) => ({ from, to, calls, errors, p50Ms, p95Ms })),
    }
    process.stdout.write(`${JSON.stringify(output)}\n`)
  } finally {
    workspace.close()
  }
}

/** A command waits this long for another's write to the workspace (parallel imports take turns). */
const CLI_BUSY_TIMEOUT_MS = 60_000

/**
 * Says so on stderr when another import (the app's, another command's) is writing to the
 * workspace: this one then waits its turn, which would otherwise look like a hang.
 */
function sayIfWaiting(workspace: Workspace): void {
  const db = workspace.db
  const timeout = db.pragma('busy_timeout', { simple: true }) as number
  db.pragma('busy_timeout = 0')
  try {
    db.exec('BEGIN IMMEDIATE')
    db.exec('ROLLBACK')
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error
    process.stderr.write('casefile: another import is writing to this workspace; this one starts when it is done\n')
  } finally {
    db.pragma(`busy_timeout = ${timeout}`)
  }
}

/** Opens (or creates) the workspace at `path`; a failure names the file. */
function openWorkspace(path: string): Workspace {
  refuseBundleAsWorkspace(path)
  try {
    return Workspace.open(path, { busyTimeoutMs: CLI_BUSY_TIMEOUT_MS })
  } catch (error) {
    const message = (error as Error).message
    const hint = /unable to open|readonly|read-only/i.test(message) ? ' (is its folder there and writable?)' : ''
    throw new Error(`${path}: ${message}${hint}`)
  }
}

/**
 * Runs a command that writes to the workspace at `path` (made if missing). A command that fails
 * leaves no workspace it made: a mistyped file must not leave an empty workspace behind.
 */
async function inWorkspace(path: string, work: (workspace: Workspace) => unknown): Promise<void> {
  const made = !existsSync(path)
  const workspace = openWorkspace(path)
  try {
    await work(workspace)
  } catch (error) {
    const empty = made && isEmpty(workspace)
    workspace.close()
    // Another command may have opened the new workspace meanwhile (imports run in parallel, and
    // one may be waiting its turn to write): SQLite removes the WAL file on closing only the last
    // connection, so a WAL file still there says the workspace is not this command's alone.
    if (empty && !existsSync(`${path}-wal`)) for (const file of [path, `${path}-shm`]) rmSync(file, { force: true })
    throw error
  }
  workspace.close()
}

const isEmpty = (workspace: Workspace) =>
  ['incidents', 'runbooks', 'diagrams'].every((table) => workspace.db.prepare(`SELECT NOT EXISTS (SELECT 1 FROM ${table})`).pluck().get() === 1)

/** The workspace a writing command works in: `given`, else the desktop app's (its folder made on first use, as the app makes it). */
function workspacePath(given: string | undefined): string {
  if (given !== undefined) return given
  const path = defaultWorkspacePath()
  mkdirSync(dirname(path), { recursive: true })
  return path
}

/** The path of the existing workspace a command reads: `given`, else the desktop app's. */
function existingWorkspace(given: string | undefined): string {
  const path = given ?? defaultWorkspacePath()
  if (!existsSync(path)) throw new Error(`no workspace at ${path}`)
  if (statSync(path).isDirectory()) throw new Error(`${path} is a folder, not a workspace file`)
  return path
}

/** Opens an existing workspace for a command that reads it. */
const openExisting = (dbPath: string | undefined): Workspace => openWorkspace(existingWorkspace(dbPath))

async function runRunbook(args: string[]) {
  const [sub, ...rest] = args
  const { values, positionals } = parse('runbook', rest)
  if (values.help || sub === '--help' || sub === '-h') return void process.stdout.write(HELP.runbook)
  if (sub === 'export') return exportRunbooks(values, positionals)
  if (sub !== 'import') throw new UsageError(`runbook takes the subcommand "import" or "export" (got ${JSON.stringify(sub ?? '')})`)
  if (values.out !== undefined) throw new UsageError('--out is for runbook export')
  if (positionals.length === 0) throw new UsageError('runbook import needs at least one FILE.md')
  const sources = positionals.map((path) => {
    // As in the app: markdown files only (a folder's other files, a trace given by mistake, are not runbooks).
    if (!isRunbookFile(path)) throw new Error(`${path}: not a markdown file (.md or .markdown)`)
    let markdown
    try {
      markdown = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path))
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      throw new Error(`${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'not UTF-8 text'}`)
    }
    return { path, markdown, fallbackTitle: fallbackTitleOf(path) }
  })
  const clash = titleClash(sources.map(({ path, markdown }) => ({ name: path, markdown })))
  if (clash !== null) throw new Error(clash)
  await inWorkspace(workspacePath(values.db), (workspace) => {
    const imported = workspace.transaction(() =>
      sources.map(({ path, markdown, fallbackTitle }) => {
        try {
          return { path, ...importRunbook(workspace.db, { markdown, fallbackTitle }) }
        } catch (error) {
          throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`)
        }
      }),
    )
    // As the app's editor says before such a save: the findings citing a step the file no longer has.
    for (const { path, droppedCitations } of imported) {
      for (const step of droppedCitations) {
        process.stderr.write(`casefile: ${path}: ${droppedCitationText(step)}; they now cite a step since removed\n`)
      }
    }
    const runbooks = imported.map(({ runbook }) => runbook)
    process.stdout.write(`${JSON.stringify({ runbooks: runbooks.map(({ id, title, steps }) => ({ id, title, steps: steps.length })) })}\n`)
  })
}

/** Writes runbooks (all, or those named by id or title) into a folder as markdown files named after their titles. */
function exportRunbooks(values: { db?: string; out?: string }, wanted: string[]) {
  if (!values.out) throw new UsageError('runbook export needs --out FOLDER')
  const folder = values.out
  if (!existsSync(folder)) throw new Error(`${folder}: no such folder`)
  if (!statSync(folder).isDirectory()) throw new Error(`${folder} is a file; --out takes the folder to write the runbooks into`)
  const workspace = openExisting(values.db)
  try {
    const all = listRunbooks(workspace.db)
    const chosen =
      wanted.length === 0
        ? all
        : wanted.map((name) => {
            const found = all.filter((runbook) => String(runbook.id) === name || runbook.title === name)
            if (found.length === 0) throw new Error(`no runbook ${JSON.stringify(name)} (give its id or its title)`)
            if (found.length > 1) throw new Error(`${found.length} runbooks are titled ${JSON.stringify(name)}: give the id of one (${found.map((runbook) => runbook.id).join(', ')})`)
            return found[0]
          })
    // Two titles may make one name (punctuation dropped): each runbook gets its own, worked out over
    // all of them by id, so exporting some gives them the names exporting all gives.
    const taken = new Set<string>()
    const fileOf = new Map(
      all.toSorted((a, b) => a.id - b.id).map(({ id, title }) => {
        const base = fileNameFor(title, 'runbook')
        let name = base
        for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}`
        taken.add(name.toLowerCase())
        return [id, join(folder, `${name}.md`)]
      }),
    )
    const runbooks = [...new Map(chosen.map((runbook) => [runbook.id, runbook])).values()].map(({ id, title }) => {
      const file = fileOf.get(id)!
      const { markdown, owner, tags } = getRunbook(workspace.db, id)
      writeFileSync(file, runbookFileText(markdown, owner, tags))
      return { id, title, file }
    })
    process.stdout.write(`${JSON.stringify({ runbooks })}\n`)
  } finally {
    workspace.close()
  }
}

function importBundleFile(workspace: Workspace, file: ImportFile) {
  try {
    return importBundle(workspace, file.path)
  } catch (error) {
    if (error instanceof FormatError) throw new Error(`${file.name}: ${error.message}`)
    throw error
  }
}

function runExport(args: string[]) {
  const { values, positionals } = parse('export', args)
  if (values.help) return void process.stdout.write(HELP.export)
  if (!values.incident || !values.out) throw new UsageError('export needs --incident ID|TITLE and --out FILE.casefile')
  if (positionals.length > 0) throw new UsageError(`export takes no arguments (got ${positionals[0]})`)
  if (values.out === '-') throw new UsageError('--out needs a file path: a bundle is a file, not a stream (- is not standard output here)')
  const workspace = openExisting(values.db)
  try {
    const incident = findIncident(workspace, values.incident)
    const { bytes } = exportBundle(workspace, incident.id, values.out)
    process.stdout.write(`${JSON.stringify({ incident: { id: incident.id, title: incident.title }, file: values.out, bytes })}\n`)
  } finally {
    workspace.close()
  }
}

function runReport(args: string[]) {
  const { values, positionals } = parse('report', args)
  if (values.help) return void process.stdout.write(HELP.report)
  if (!values.incident) throw new UsageError('report needs --incident ID|TITLE')
  if (values.format !== 'md' && values.format !== 'html') throw new UsageError('report needs --format md or --format html')
  if (positionals.length > 0) throw new UsageError(`report takes no arguments (got ${positionals[0]})`)
  const workspace = openExisting(values.db)
  try {
    process.stdout.write(buildReport(workspace, findIncident(workspace, values.incident).id, values.format))
  } finally {
    workspace.close()
  }
}

function runSearch(args: string[]) {
  const { values, positionals } = parse('search', args)
  if (values.help) return void process.stdout.write(HELP.search)
  if (positionals.length === 0) throw new UsageError('search needs a QUERY')
  const workspace = openExisting(values.db)
  try {
    // The documented shape, field for field.
    const hits = search(workspace.db, positionals.join(' ')).map(({ kind, id, title, snippet }) => ({ kind, id, title, snippet }))
    process.stdout.write(`${JSON.stringify({ hits })}\n`)
  } finally {
    workspace.close()
  }
}

async function runServe(args: string[]) {
  const { values, positionals } = parse('serve', args)
  if (values.help) return void process.stdout.write(HELP.serve)
  if (positionals.length > 0) throw new UsageError(`serve takes no arguments (got ${positionals[0]})`)
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0 to 65535 (got ${values.port})`)
  const rendererDir = join(here, '..', 'renderer')
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error(`the UI is not built (${rendererDir}); run npm run build`)

  const address = values.host ?? '127.0.0.1'
  // Before the workspace is opened: a busy port must not leave a new, seeded workspace behind.
  await ensurePortFree(address, port)
  const host = new Host({
    dbPath: workspacePath(values.db),
    worker: WORKER,
    canSwitch: false,
    seedDemo: true,
    rendererDir,
  })
  const server = await startWebServer({
    host: address,
    port,
    rendererDir,
    handlers: createHandlers(host),
    connect: (caller) => host.connect(caller),
  })
  process.stdout.write(`Casefile is serving ${host.workspace.path}\nOpen ${server.url}\n${server.otherUrls.map((url) => `or ${url}\n`).join('')}`)
  const stop = async () => {
    await server.close()
    await host.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

/** Fails with a plain reason when the port is taken or not ours to use, or the address not this machine's. */
async function ensurePortFree(address: string, port: number): Promise<void> {
  const probe = createServer()
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject)
      probe.listen(port, address, () => resolve())
    })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') throw new Error(`port ${port} on ${address} is in use (another casefile serve?); pass another --port, or --port 0 for a free one`)
    if (code === 'EACCES') throw new Error(`port ${port} on ${address} needs more privileges than this user has; pass a port above 1023`)
    if (code === 'EADDRNOTAVAIL') throw new Error(`--host ${address} is not an address of this machine`)
    throw error
  }
  await new Promise<void>((resolve) => probe.close(() => resolve()))
}

const COMMANDS: Record<CommandName, (args: string[]) => void | Promise<void>> = {
  import: runImport,
  query: runQuery,
  graph: runGraph,
  runbook: runRunbook,
  report: runReport,
  export: runExport,
  search: runSearch,
  serve: runServe,
}

const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name)

async function main(argv: string[]) {
  // `casefile --db PATH COMMAND ...`, as the main help lists --db, is the command's --db.
  const leading = argv[0] === '--db' ? argv.slice(0, 2) : argv[0]?.startsWith('--db=') ? argv.slice(0, 1) : []
  const [command, ...afterCommand] = argv.slice(leading.length)
  const rest = [...afterCommand, ...leading]
  if (!command) throw new UsageError(leading.length > 0 ? '--db names the workspace of a command: give the command' : 'give a command')
  if (command === '--help' || command === '-h' || command === 'help') {
    // `casefile help import`, as git takes it: that command's help.
    const asked = afterCommand[0]
    return void process.stdout.write(asked !== undefined && isCommand(asked) ? HELP[asked] : HELP.main)
  }
  if (command === '--version' || command === '-V') return void process.stdout.write(`casefile ${appVersion()} (workspace schema ${LATEST_VERSION})\n`)
  if (!isCommand(command)) throw new UsageError(`unknown command ${JSON.stringify(command)}`)
  try {
    await COMMANDS[command](rest)
  } catch (error) {
    // A command used wrongly shows that command's usage, not the list of commands.
    if (error instanceof UsageError) error.help = HELP[command]
    throw error
  }
}

// A reader that stops early (`| head`) is no failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`casefile: ${error.message}\n\n${error.help}`)
    process.exit(2)
  }
  if (error instanceof ImportCancelled) {
    process.stderr.write(`casefile: ${error.message}\n`)
    process.exit(130)
  }
  const message = error instanceof ImportError || error instanceof Error ? error.message : String(error)
  process.stderr.write(`casefile: ${message.split('\n')[0]}\n`)
  process.exit(1)
})

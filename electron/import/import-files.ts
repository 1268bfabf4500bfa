import { createHash } from 'node:crypto'
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import type Database from 'better-sqlite3'
import type { ArtifactSummary, ImportResult, TraceFormat } from '../../shared/domain/model'
import { DETECT_HEAD_BYTES, type DetectedFormat, FormatDetector } from '../../shared/formats/detect'
import { FormatError } from '../../shared/formats/errors'
import { createJaegerReader } from '../../shared/formats/jaeger'
import { JsonSplitter, JsonSyntaxError } from '../../shared/formats/json-stream'
import { createOtlpReader } from '../../shared/formats/otlp'
import { nanosToMs } from '../../shared/formats/time'
import { createZipkinReader } from '../../shared/formats/zipkin'
import { importBundle, isBundleFile } from '../bundle/bundle'
import type { Workspace } from '../store/workspace'
import { findBadJsonLine } from './json-lines'
import type { FileReader, ImportedFile } from './file-reader'
import { clearSession, EventsOutOfOrder, type RecordingInFile, sessionReader, sortedSessionReader } from './session-import'
import { TraceWriter } from './trace-writer'
import { newUid } from '../store/uid'

export interface ImportFile {
  /** Where to read it. */
  path: string
  /** The name the user knows it by, used in results and errors. */
  name: string
}

export type ImportTarget = { incidentId: number } | { title: string }

export interface FileProgress {
  file: string
  fileIndex: number
  fileCount: number
  bytesRead: number
  totalBytes: number
}

export interface FileFailure {
  file: string
  reason: string
}

/** Files could not be imported; the message names each, with its reason, on one line. */
export class ImportError extends Error {
  constructor(readonly failures: readonly [FileFailure, ...FileFailure[]]) {
    super(failures.map(({ file, reason }) => `${file}: ${reason}`).join('; '))
    this.name = 'ImportError'
  }

  static of(file: string, reason: string): ImportError {
    return new ImportError([{ file, reason }])
  }

  /** The message for one who gave `fileCount` files at once: it says the good ones stay out too (one transaction), lest they seem in. */
  amongFiles(fileCount: number): string {
    const others = fileCount - this.failures.length
    if (others <= 0) return this.message
    const [them, theyAre] = this.failures.length === 1 ? ['it', 'it is'] : ['them', 'they are']
    const otherFiles = others === 1 ? 'other file comes' : `${others} other files come`
    return `${this.message.replace(/\.$/, '')}. Nothing was imported: the ${otherFiles} in with ${them} once ${theyAre} fixed or left out.`
  }
}

/** The import was stopped on request; its transaction was rolled back. */
export class ImportCancelled extends Error {
  constructor() {
    super('the import was cancelled; nothing was imported')
    this.name = 'ImportCancelled'
  }
}

const READ_CHUNK_BYTES = 1 << 20

/** Reads a file in chunks, detecting its format from its start, into the reader `readerFor` gives. */
function streamFile<T>(path: string, readerFor: (detected: DetectedFormat) => FileReader<T>, onBytes: (bytesRead: number, totalBytes: number) => void): T {
  const fd = openSync(path, 'r')
  try {
    const totalBytes = fstatSync(fd).size
    if (totalBytes === 0) throw new FormatError('the file is empty')
    const decoder = new TextDecoder('utf-8', { fatal: true })
    const buffer = Buffer.allocUnsafe(Math.max(READ_CHUNK_BYTES, DETECT_HEAD_BYTES))
    const decode = (length: number, stream: boolean) => {
      try {
        return decoder.decode(buffer.subarray(0, length), { stream })
      } catch {
        throw new FormatError('the file is not UTF-8 text')
      }
    }

    let bytesRead = readSync(fd, buffer, 0, DETECT_HEAD_BYTES, null)
    if (isUtf16(buffer.subarray(0, bytesRead))) throw new FormatError('the file is UTF-16 text (as a Windows shell redirect writes it); save it as UTF-8')
    if (buffer.subarray(0, bytesRead).includes(0)) throw new FormatError('the file is binary, not JSON text')
    const detector = new FormatDetector()
    let detected = detector.push(decode(bytesRead, true))
    while (!detected && bytesRead < totalBytes) {
      const n = readSync(fd, buffer, 0, READ_CHUNK_BYTES, null)
      if (n === 0) break
      bytesRead += n
      detected = detector.push(decode(n, true))
      onBytes(bytesRead, totalBytes)
    }
    const reader = readerFor(detected ?? detector.finish())
    const splitter = new JsonSplitter(reader.handlers)
    splitter.push(detector.text)
    onBytes(bytesRead, totalBytes)
    for (;;) {
      const n = readSync(fd, buffer, 0, READ_CHUNK_BYTES, null)
      if (n === 0) break
      bytesRead += n
      splitter.push(decode(n, true))
      onBytes(bytesRead, totalBytes)
    }
    splitter.push(decode(0, false))
    splitter.end()
    return reader.finish()
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error
    const badLine = findBadJsonLine(path)
    throw badLine ? new FormatError(badLine) : error
  } finally {
    closeSync(fd)
  }
}

/** A byte-order mark, or ASCII with every other byte zero: UTF-16 in either byte order. */
function isUtf16(head: Buffer): boolean {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true
  const pairs = Math.min(64, Math.floor(head.length / 2))
  let zeroHigh = 0
  let zeroLow = 0
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0 && head[2 * i + 1] !== 0) zeroHigh++
    if (head[2 * i + 1] === 0 && head[2 * i] !== 0) zeroLow++
  }
  return pairs >= 4 && Math.max(zeroHigh, zeroLow) === pairs
}

/** A file's SHA-256, read in chunks. */
function contentHash(path: string): string {
  const hash = createHash('sha256')
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES)
    for (let n = readSync(fd, buffer, 0, buffer.length, null); n > 0; n = readSync(fd, buffer, 0, buffer.length, null)) hash.update(buffer.subarray(0, n))
  } finally {
    closeSync(fd)
  }
  return hash.digest('hex')
}

function traceReader(db: Database.Database, artifactId: number, fileName: string, format: TraceFormat): FileReader<ImportedFile> {
  const writer = new TraceWriter(db, artifactId)
  const reader = { otlp: createOtlpReader, jaeger: createJaegerReader, zipkin: createZipkinReader }[format](writer)
  const finish = (): ImportedFile => {
    reader.finish()
    const summary = writer.finish(format, fileName)
    if (summary.spans === 0) throw new FormatError('the file holds no spans')
    return { summary, startMs: nanosToMs(BigInt(summary.startUnixNano)), endMs: nanosToMs(BigInt(summary.endUnixNano)) }
  }
  return { handlers: reader, finish }
}

/**
 * Imports a file as one artifact, or as one per browser window for a PostHog export of several
 * (each window's pages are a recording of their own).
 */
function importOne(workspace: Workspace, incidentId: number, file: ImportFile, sha256: string, onBytes: (read: number, total: number) => void): ArtifactSummary[] {
  const first = importArtifact(workspace, incidentId, file, sha256, 0, onBytes)
  const windows = first.kind === 'session' ? (first.browserWindow?.of ?? 1) : 1
  const others = Array.from({ length: windows - 1 }, (_, i) => importArtifact(workspace, incidentId, file, sha256, i + 1, onBytes))
  return [first, ...others]
}

function importArtifact(
  workspace: Workspace,
  incidentId: number,
  file: ImportFile,
  sha256: string,
  browserWindow: number,
  onBytes: (read: number, total: number) => void,
): ArtifactSummary {
  const { db } = workspace
  const artifactId = Number(
    db
      .prepare(`INSERT INTO artifacts (uid, incident_id, kind, format, file_name, imported_at, start_ms, end_ms, summary, content_sha256)
        VALUES (?, ?, 'trace', '', ?, ?, 0, 0, '{}', ?)`)
      .run(newUid(), incidentId, file.name, Date.now(), sha256).lastInsertRowid,
  )
  const read = (readerFor: (detected: DetectedFormat) => FileReader<ImportedFile>) => streamFile(file.path, readerFor, onBytes)
  let recording: RecordingInFile = { layout: 'array', browserWindow }
  let imported: ImportedFile
  try {
    imported = read((detected) => {
      if (detected.format !== 'rrweb') return traceReader(db, artifactId, file.name, detected.format)
      recording = { layout: detected.layout, browserWindow }
      return sessionReader(db, artifactId, file.name, recording)
    })
  } catch (error) {
    if (!(error instanceof EventsOutOfOrder)) throw error
    clearSession(db, artifactId)
    imported = read(() => sortedSessionReader(db, artifactId, file.name, recording))
  }
  const { summary, startMs, endMs } = imported
  db.prepare('UPDATE artifacts SET kind = ?, format = ?, start_ms = ?, end_ms = ?, summary = ? WHERE id = ?').run(
    summary.kind,
    summary.format,
    startMs,
    endMs,
    JSON.stringify(summary),
    artifactId,
  )
  return summary
}

/** The one incident titled `title`, created if there is none; two or more titled so is an error, not a guess. */
function incidentTitled(workspace: Workspace, title: string) {
  const titled = workspace.findIncidentsByTitle(title)
  if (titled.length > 1) {
    throw new Error(`${titled.length} incidents are titled ${JSON.stringify(title)} (ids ${titled.map((incident) => incident.id).join(', ')}): rename one so its title names one incident`)
  }
  return titled[0] ?? workspace.createIncident(title)
}

/** Why a file could not be read, for the user; an error that is not the file's is thrown on. */
function whyUnreadable(error: unknown): string {
  if (error instanceof FormatError || error instanceof JsonSyntaxError) return error.message
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'no such file'
  if (code === 'EISDIR') return 'is a directory, not a file'
  if (code === 'EACCES') return 'permission denied'
  throw error
}

/**
 * Imports files into an incident in one transaction: either every file goes in, or nothing
 * does (not even a new incident) and an ImportError names each file at fault.
 */
export function importFiles(
  workspace: Workspace,
  target: ImportTarget,
  files: ImportFile[],
  onProgress: (progress: FileProgress) => void = () => {},
): ImportResult {
  // A .casefile bundle holds its own incident: it goes in alone, whatever the target.
  const bundle = files.find((file) => isBundleFile(file.path))
  if (bundle) {
    if (files.length > 1) throw ImportError.of(bundle.name, 'a .casefile bundle is imported on its own')
    let imported
    try {
      imported = importBundle(workspace, bundle.path)
    } catch (error) {
      if (error instanceof FormatError) throw ImportError.of(bundle.name, error.message)
      throw error
    }
    const { incident, alreadyPresent, sameTitleAsAnother, merged } = imported
    return {
      incident: { id: incident.id, title: incident.title },
      artifacts: workspace.incidentView(incident.id).artifacts.map((artifact) => artifact.summary),
      ...(alreadyPresent ? { alreadyPresent } : {}),
      ...(sameTitleAsAnother ? { sameTitleAsAnother } : {}),
      merged,
    }
  }
  return workspace.transaction(() => {
    const incident = 'incidentId' in target ? workspace.getIncident(target.incidentId) : incidentTitled(workspace, target.title)
    const presentAs = workspace.db.prepare('SELECT summary FROM artifacts WHERE incident_id = ? AND content_sha256 = ? ORDER BY id').pluck()
    const alreadyHere: string[] = []
    /** Content this call imported: a file given twice was not in the incident "already". */
    const takenNow = new Set<string>()
    const failures: FileFailure[] = []
    const artifacts = files.flatMap((file, fileIndex) => {
      try {
        // The same file again (a script run twice, a file given twice) adds nothing; each file given is reported.
        const sha256 = contentHash(file.path)
        const present = presentAs.all(incident.id, sha256) as string[]
        if (present.length > 0) {
          if (!takenNow.has(sha256)) alreadyHere.push(file.name)
          return present.map((summary) => JSON.parse(summary) as ArtifactSummary)
        }
        takenNow.add(sha256)
        return importOne(workspace, incident.id, file, sha256, (bytesRead, totalBytes) =>
          onProgress({ file: file.name, fileIndex, fileCount: files.length, bytesRead, totalBytes }),
        )
      } catch (error) {
        // The rest are still read, so one attempt names every bad file; the transaction then rolls back.
        failures.push({ file: file.name, reason: whyUnreadable(error) })
        return []
      }
    })
    if (failures.length > 0) throw new ImportError(failures as [FileFailure, ...FileFailure[]])
    if (alreadyHere.length < files.length) workspace.touchIncident(incident.id)
    return { incident: { id: incident.id, title: incident.title }, artifacts, ...(alreadyHere.length > 0 ? { alreadyHere } : {}) }
  })
}

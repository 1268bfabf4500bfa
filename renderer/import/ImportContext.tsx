import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react'
import type { ImportResult } from '../../shared/domain/model'
import { isRunbookFile } from '../../shared/runbooks/files'
import type { RunbookImport } from '../../shared/runbooks/model'
import { useApi } from '../api/ApiProvider'
import { errorMessage } from '../api/errors'
import { useIsGuest } from '../app/guest'
import { DropOverlay } from './DropOverlay'
import { importRunbookFiles } from './importRunbooks'
import { ImportCancelledError, type ImportStatus, runImport } from './runImport'
import { useFileDrop } from './useFileDrop'

interface ImportActions {
  /** Opens the file chooser. */
  pickFiles: () => void
  importFiles: (files: File[]) => void
  busy: boolean
  /** Progress of the running import; null when idle. */
  status: ImportStatus | null
  /** Stops this window's running import, nothing of it kept; null when there is none to stop (or it is stopping). */
  cancel: (() => void) | null
}

const ImportContext = createContext<ImportActions | null>(null)

export function useImportActions(): ImportActions {
  const actions = useContext(ImportContext)
  if (!actions) throw new Error('useImportActions must be used inside <ImportProvider>')
  return actions
}

interface ImportProviderProps {
  /** Where imports go; null means "create an incident named after the first file". */
  incident: { id: number; title: string } | null
  /** An import starts: what was said of the last one is stale. */
  onStarted: () => void
  onImported: (result: ImportResult) => void
  /** Runbook files (markdown) among the files: imported as runbooks; `alone` when nothing else was. */
  onRunbooksImported: (runbooks: RunbookImport[], alone: boolean) => void
  onFailed: (message: string) => void
  /** The import was cancelled: nothing of it went in. */
  onCancelled: (message: string) => void
  children: ReactNode
}

/** A title for an incident started by an import: the first file's name without its extension. */
export function titleFromFile(name: string): string {
  const base = name.replace(/\.[^./\\]{1,10}$/, '').trim() || name.trim() || 'Imported files'
  return base.slice(0, 200)
}

const ignoreFiles = () => {}

/** How long an import run elsewhere stays shown with no word from it (its end is normally heard). */
const ELSEWHERE_QUIET_MS = 30_000

/**
 * An import another window runs (or this one ran before a reload), as the host reports it: shown
 * until the host says the workspace changed (the import is over) or it goes quiet. The workspace
 * takes one import at a time, so meanwhile this window's Import waits.
 */
function useImportElsewhere(ownRunning: { current: boolean }): ImportStatus | null {
  const api = useApi()
  const [elsewhere, setElsewhere] = useState<ImportStatus | null>(null)
  useEffect(() => {
    let quiet: ReturnType<typeof setTimeout> | undefined
    const over = () => {
      clearTimeout(quiet)
      setElsewhere(null)
    }
    const stops = [
      api.on('import.progress', (progress) => {
        if (ownRunning.current) return
        clearTimeout(quiet)
        quiet = setTimeout(over, ELSEWHERE_QUIET_MS)
        setElsewhere({
          phase: 'importing',
          elsewhere: true,
          file: progress.file,
          fileNumber: Math.min(progress.fileIndex + 1, progress.fileCount),
          fileCount: progress.fileCount,
          doneBytes: progress.bytesRead,
          totalBytes: progress.totalBytes,
        })
      }),
      api.on('workspace.changed', over),
    ]
    return () => {
      over()
      stops.forEach((stop) => stop())
    }
  }, [api, ownRunning])
  return elsewhere
}

/** Owns importing: the hidden file input, window-wide drop target, and the upload/import run. */
export function ImportProvider({ incident, onStarted, onImported, onRunbooksImported, onFailed, onCancelled, children }: ImportProviderProps) {
  const api = useApi()
  const input = useRef<HTMLInputElement>(null)
  const running = useRef(false)
  const [status, setStatus] = useState<ImportStatus | null>(null)
  /** Stops the running import; null once asked (or when none runs). */
  const [stop, setStop] = useState<AbortController | null>(null)
  const elsewhere = useImportElsewhere(running)

  const importFiles = useCallback(
    (files: File[]) => {
      if (files.length === 0) return
      if (running.current) {
        onFailed('An import is already running; wait for it to finish.')
        return
      }
      running.current = true
      onStarted()
      const controller = new AbortController()
      setStop(controller)
      setStatus({ phase: 'uploading', file: files[0].name, fileNumber: 1, fileCount: files.length, doneBytes: 0, totalBytes: 0 })
      const runbookFiles = files.filter((file) => isRunbookFile(file.name))
      const evidence = files.filter((file) => !isRunbookFile(file.name))
      const run = async () => {
        try {
          if (evidence.length > 0) {
            // Without an open incident the host creates one in the import's own transaction, so a
            // failed import leaves none behind.
            const target = incident ? { incidentId: incident.id } : { title: titleFromFile(evidence[0].name) }
            onImported(await runImport(api, target, evidence, setStatus, controller.signal))
          }
          if (runbookFiles.length > 0 && !controller.signal.aborted) onRunbooksImported(await importRunbookFiles(api, runbookFiles), evidence.length === 0)
        } catch (error) {
          if (error instanceof ImportCancelledError) return onCancelled(error.message)
          onFailed(errorMessage(error))
        } finally {
          running.current = false
          setStatus(null)
          setStop(null)
        }
      }
      void run()
    },
    [api, incident?.id, onStarted, onFailed, onCancelled, onImported, onRunbooksImported],
  )

  // A pairing guest's drop is taken (the browser would otherwise open the file in place of the app) and left there.
  const guest = useIsGuest()
  const dragging = useFileDrop(guest ? ignoreFiles : importFiles)
  const pickFiles = useCallback(() => input.current?.click(), [])

  const cancel = useMemo(
    () =>
      stop &&
      (() => {
        stop.abort()
        setStop(null)
      }),
    [stop],
  )
  const shown = status ?? elsewhere
  const actions = useMemo(() => ({ pickFiles, importFiles, busy: shown !== null, status: shown, cancel }), [pickFiles, importFiles, shown, cancel])

  return (
    <ImportContext.Provider value={actions}>
      {children}
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="import-input"
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? [])
          event.currentTarget.value = ''
          importFiles(files)
        }}
      />
      {dragging && <DropOverlay target={incident ? `into “${incident.title}”` : 'into a new incident'} hostOnly={guest} />}
    </ImportContext.Provider>
  )
}

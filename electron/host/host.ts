import { resolve } from 'node:path'
import { ApiError, type EventName, type EventPayload } from '../../shared/api/contract'
import type { Caller, Handlers } from '../../shared/api/dispatch'
import type { ImportResult } from '../../shared/domain/model'
import { refuseBundleAsWorkspace } from '../bundle/bundle'
import { seedDemo } from '../demo/seed'
import type { FileProgress, ImportFile, ImportTarget } from '../import/import-files'
import type { Room } from '../pairing/room'
import { Sharing } from '../pairing/sharing'
import { Workspace } from '../store/workspace'
import { runInWorker, type WorkerEntry } from '../workers/run-in-worker'
import { OutsideWrites } from '../workspace/outside-writes'
import { recentWorkspaces, rememberWorkspace } from '../workspace/recent'
import { Downloads } from './downloads'
import { Uploads } from './uploads'

export interface HostOptions {
  dbPath: string
  /** Runs imports and exports off the main thread. */
  worker: WorkerEntry
  /** Whether callers may switch to another workspace file (the desktop app). */
  canSwitch: boolean
  /** Give a newly created workspace the demo incident. */
  seedDemo: boolean
  /** The built renderer, served to browsers and pairing guests. */
  rendererDir: string
}

/**
 * The services behind the API for one running app: the open workspace, uploads, imports and
 * the callers to notify. The Electron main process and `casefile serve` each hold one.
 */
export class Host {
  private workspaceValue: Workspace
  readonly uploads = new Uploads()
  readonly downloads = new Downloads()
  private readonly callers = new Set<Caller>()
  private sharingValue: Sharing | null = null
  // Imports from a terminal show up in open windows without a reload.
  private readonly outsideWrites = new OutsideWrites(
    () => this.workspace.db,
    () => this.broadcast('workspace.changed', { incidentId: null }),
  )

  constructor(private readonly options: HostOptions) {
    this.workspaceValue = this.openFile(options.dbPath)
    this.outsideWrites.start()
  }

  get workspace(): Workspace {
    return this.workspaceValue
  }

  get canSwitch(): boolean {
    return this.options.canSwitch
  }

  recent(): string[] {
    return recentWorkspaces()
  }

  /** Closes the open workspace and opens (or creates) another. */
  switchTo(path: string): Workspace {
    void this.stopSharing()
    const next = this.openFile(path)
    this.workspaceValue.close()
    this.workspaceValue = next
    this.broadcast('workspace.changed', { incidentId: null })
    return next
  }

  /** Imports `files` in a worker; `signal` stops it (ImportCancelled), the workspace as it was. */
  async importFiles(target: ImportTarget, files: ImportFile[], onProgress: (progress: FileProgress) => void, signal?: AbortSignal): Promise<ImportResult> {
    try {
      const result = await runInWorker(this.options.worker, { kind: 'import', dbPath: this.workspace.path, target, files }, onProgress, signal)
      // A newer bundle of an open incident brings findings for its findings lists.
      if (result.merged && result.merged.findings + result.merged.updatedFindings > 0) this.broadcast('findings.changed', { incidentId: result.incident.id })
      // ...and runbooks saved since, for the runbook list.
      if (result.merged && result.merged.runbooks > 0) this.broadcast('workspace.changed', { incidentId: null })
      return result
    } finally {
      // The worker writes through a connection of its own; its caller reports what it imported.
      this.outsideWrites.sync()
    }
  }

  /** Writes the incident to a .casefile bundle at `outPath`. */
  exportBundle(incidentId: number, outPath: string, { diagrams }: { diagrams: boolean }): Promise<{ bytes: number }> {
    return runInWorker(this.options.worker, { kind: 'export', dbPath: this.workspace.path, incidentId, outPath, diagrams })
  }

  connect(caller: Caller): () => void {
    this.callers.add(caller)
    return () => {
      this.callers.delete(caller)
      this.sharingValue?.room.leave(caller)
    }
  }

  /** Tells every window (pairing guests' too) of `event`; but `except`, which knows already. */
  broadcast<E extends EventName>(event: E, payload: EventPayload<E>, except?: Caller): void {
    for (const caller of this.callers) if (caller !== except) caller.emit(event, payload)
  }

  get sharing(): Sharing | null {
    return this.sharingValue
  }

  /** The live session of the shared incident; there is none while nothing is shared. */
  room(): Room {
    if (!this.sharingValue) throw new ApiError('not_found', 'no incident is being shared')
    return this.sharingValue.room
  }

  /** Shares one incident with guests on `address`; a running share is stopped first. */
  async startSharing(incidentId: number, address: string, handlers: Handlers): Promise<Sharing> {
    await this.stopSharing()
    this.workspace.getIncident(incidentId)
    this.sharingValue = await Sharing.start({
      incidentId,
      address,
      rendererDir: this.options.rendererDir,
      handlers,
      db: () => this.workspace.db,
      connect: (caller) => this.connect(caller),
    })
    return this.sharingValue
  }

  async stopSharing(reason?: string): Promise<boolean> {
    const running = this.sharingValue
    this.sharingValue = null
    await running?.stop(reason)
    return running !== null
  }

  async close(): Promise<void> {
    this.outsideWrites.stop()
    await this.stopSharing()
    this.uploads.dispose()
    this.downloads.dispose()
    this.workspaceValue.close()
  }

  private openFile(path: string): Workspace {
    const absolute = resolve(path)
    refuseBundleAsWorkspace(absolute)
    const workspace = Workspace.open(absolute)
    if (this.options.seedDemo && workspace.isNew && workspace.listIncidents().length === 0) {
      try {
        seedDemo(workspace)
      } catch (error) {
        console.warn(`[casefile] could not load the demo incident: ${(error as Error).message}`)
      }
    }
    rememberWorkspace(absolute)
    return workspace
  }
}

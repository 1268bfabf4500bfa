import type { Database } from 'better-sqlite3'

const POLL_MS = 1000

/**
 * Notices commits made to the workspace file through other connections: a `casefile import` run
 * in a terminal, another window on the same file. SQLite's `data_version` changes exactly when
 * another connection has committed, so a poll of it is cheap and never fires for our own writes.
 */
export class OutsideWrites {
  private db: Database | null = null
  private version = 0
  private timer: NodeJS.Timeout | null = null

  /** `db` is read on every check: after a workspace switch the new file is watched from then on. */
  constructor(
    private readonly currentDb: () => Database,
    private readonly onChange: () => void,
  ) {}

  start(intervalMs = POLL_MS): void {
    this.sync()
    this.timer = setInterval(() => this.check(), intervalMs)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** Takes the file as it is now as seen, e.g. after a write the callers were already told about. */
  sync(): void {
    this.db = this.currentDb()
    this.version = this.read(this.db)
  }

  /** Calls `onChange` when someone else committed since the last check (or sync). */
  check(): void {
    const db = this.currentDb()
    if (db !== this.db) return this.sync()
    const version = this.read(db)
    if (version === this.version) return
    this.version = version
    this.onChange()
  }

  private read(db: Database): number {
    return db.pragma('data_version', { simple: true }) as number
  }
}

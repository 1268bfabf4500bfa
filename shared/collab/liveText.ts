import * as Y from 'yjs'
import type { ApiClient } from '../api/contract'
import { fromBase64, toBase64 } from '../domain/base64'
import { COLLAB_TEXT, type CollabDocId } from './model'
import { SPLICE_ORIGIN, spliceTo, type TextDelta } from './textEdit'

/** The transaction origin of updates that came from the host. */
const REMOTE = 'casefile:remote'

export interface RemoteChange {
  text: string
  /** How the text changed, for moving a caret along. */
  delta: TextDelta
}

/**
 * One collaborative text as this window edits it: a Yjs document kept in step with the host's
 * (collab.pull, collab.push, collab.update). Local edits go out as they are made, one push at a
 * time with what piled up meanwhile merged into it; a push that fails (the connection dropped)
 * is kept and sent again once the connection is back, after pulling what others wrote meanwhile.
 */
export class LiveText {
  private readonly doc = new Y.Doc()
  private readonly ytext = this.doc.getText(COLLAB_TEXT)
  /** This window's own edits, which it can take back without touching the others'. */
  private readonly own = new Y.UndoManager(this.ytext, { trackedOrigins: new Set([SPLICE_ORIGIN]) })
  private readonly listeners = new Set<(change: RemoteChange) => void>()
  private readonly stops: Array<() => void>
  private unsent: Uint8Array[] = []
  private pushing = false
  private closed = false
  /** Resolves with the text once the host's document has arrived; edits wait for it. */
  readonly ready: Promise<string>
  private synced = false

  constructor(
    private readonly api: ApiClient,
    readonly docId: CollabDocId,
  ) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return
      this.unsent.push(update)
      void this.flush()
    })
    this.ytext.observe((event, transaction) => {
      if (transaction.origin !== REMOTE) return
      const change = { text: this.ytext.toString(), delta: event.delta as TextDelta }
      for (const listener of [...this.listeners]) listener(change)
    })
    this.stops = [
      api.on('collab.update', ({ docId, update }) => docId === this.docId && this.applyRemote(update)),
      // Back after a drop: what the others wrote meanwhile, then what this window did.
      api.watchStatus((status) => status === 'open' && void this.pull().catch(() => {})),
    ]
    this.ready = this.pull().then(() => this.text)
  }

  get text(): string {
    return this.ytext.toString()
  }

  /** Makes the text `next` (a textarea's whole value); false before the host's document arrived. */
  edit(next: string): boolean {
    if (!this.synced || this.closed) return false
    spliceTo(this.ytext, next)
    return true
  }

  /** Whether this window has edited the text (since it opened it). */
  get editedHere(): boolean {
    return this.own.canUndo()
  }

  /** Takes back every edit this window made, leaving the others' in place (Cancel). */
  revertOwnEdits(): void {
    if (this.closed) return
    while (this.own.canUndo()) this.own.undo()
  }

  /** Calls `listener` whenever someone else's edit changes the text. */
  onRemoteChange(listener: (change: RemoteChange) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  close(): void {
    this.closed = true
    for (const stop of this.stops) stop()
    this.listeners.clear()
    this.own.destroy()
    this.doc.destroy()
  }

  private async pull(): Promise<void> {
    const { update } = await this.api.call('collab.pull', { docId: this.docId, stateVector: toBase64(Y.encodeStateVector(this.doc)) })
    if (this.closed) return
    this.applyRemote(update)
    this.synced = true
    await this.flush()
  }

  private applyRemote(update: string): void {
    if (!this.closed) Y.applyUpdate(this.doc, fromBase64(update), REMOTE)
  }

  private async flush(): Promise<void> {
    if (this.pushing || !this.synced || this.closed || this.unsent.length === 0) return
    this.pushing = true
    const update = Y.mergeUpdates(this.unsent.splice(0))
    let sent = false
    try {
      await this.api.call('collab.push', { docId: this.docId, update: toBase64(update) })
      sent = true
    } catch {
      // Kept for the next pull after the connection is back (Yjs ignores what the host already has).
      this.unsent.unshift(update)
    } finally {
      this.pushing = false
    }
    if (sent) await this.flush()
  }
}

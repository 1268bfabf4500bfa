import type Database from 'better-sqlite3'
import * as Y from 'yjs'
import { ApiError } from '../../shared/api/contract'
import { COLLAB_TEXT, type CollabDocId, parseDocId } from '../../shared/collab/model'
import { spliceTo } from '../../shared/collab/textEdit'
import { saveRunbook } from './runbooks'

// Collaborative texts. The workspace keeps each document's Yjs state; every accepted update is
// merged into it and the merged text written back where the rest of the app reads it (finding
// notes, runbook markdown), so search, reports and exports see what the pair typed. A text saved
// another way (the runbook editor's save, a restored revision, the finding form) is spliced into
// its document, so a stale document never puts back an older text.

function currentText(db: Database.Database, docId: CollabDocId): string {
  const { kind, id } = parseDocId(docId)
  const text = db.prepare(kind === 'finding' ? 'SELECT notes FROM findings WHERE id = ? AND deleted_at IS NULL' : 'SELECT markdown FROM runbooks WHERE id = ?').pluck().get(id)
  if (typeof text !== 'string') throw new ApiError('not_found', `${kind} ${id} does not exist`)
  return text
}

const storedState = (db: Database.Database, docId: CollabDocId) => db.prepare('SELECT state FROM collab_docs WHERE doc_id = ?').pluck().get(docId) as Buffer | undefined

/**
 * The document as kept (`stored`: whether it was), brought in line with the current text;
 * `spliced` is the update that did (null when they agreed), for the clients editing it live.
 */
function loadDoc(db: Database.Database, docId: CollabDocId): { doc: Y.Doc; stored: boolean; spliced: Uint8Array | null } {
  const doc = new Y.Doc()
  const state = storedState(db, docId)
  if (state) Y.applyUpdate(doc, state)
  const ytext = doc.getText(COLLAB_TEXT)
  const text = currentText(db, docId)
  const stored = state !== undefined
  if (ytext.toString() === text) return { doc, stored, spliced: null }
  const before = Y.encodeStateVector(doc)
  spliceTo(ytext, text)
  return { doc, stored, spliced: stored ? Y.encodeStateAsUpdate(doc, before) : null }
}

const storeState = (db: Database.Database, docId: CollabDocId, doc: Y.Doc, now: number) =>
  db.prepare('INSERT INTO collab_docs (doc_id, state, updated_at) VALUES (?, ?, ?) ON CONFLICT(doc_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at').run(
    docId,
    Buffer.from(Y.encodeStateAsUpdate(doc)),
    now,
  )

function store(db: Database.Database, docId: CollabDocId, doc: Y.Doc, now: number): void {
  storeState(db, docId, doc, now)
  const { kind, id } = parseDocId(docId)
  const text = doc.getText(COLLAB_TEXT).toString()
  if (kind === 'finding') db.prepare('UPDATE findings SET notes = ?, updated_at = ? WHERE id = ?').run(text, now, id)
  else saveRunbook(db, { id, markdown: text, revision: false }, now)
}

/** What a client lacks, given its state vector (everything without one). */
export function pullDoc(db: Database.Database, docId: CollabDocId, stateVector?: Uint8Array): Uint8Array {
  const { doc, stored, spliced } = loadDoc(db, docId)
  if (spliced || !stored) storeState(db, docId, doc, Date.now())
  return Y.encodeStateAsUpdate(doc, stateVector)
}

/**
 * Merges a client's update; a malformed one is refused and changes nothing. Returns what the other
 * clients need: the update, with the splice of a text saved meanwhile another way if there was one.
 */
export function pushDoc(db: Database.Database, docId: CollabDocId, update: Uint8Array, now = Date.now()): Uint8Array {
  return db.transaction(() => {
    const { doc, spliced } = loadDoc(db, docId)
    try {
      Y.applyUpdate(doc, update)
    } catch (error) {
      throw new ApiError('invalid_input', `${docId}: not a Yjs update (${(error as Error).message})`)
    }
    store(db, docId, doc, now)
    return spliced ? Y.mergeUpdates([spliced, update]) : update
  }).immediate()
}

/**
 * After a text was saved another way: splices it into its document (where one is kept) and returns
 * the update that did, for the clients editing it live; null when there was nothing to change.
 */
export function reconcileDoc(db: Database.Database, docId: CollabDocId, now = Date.now()): Uint8Array | null {
  const { doc, spliced } = loadDoc(db, docId)
  if (spliced) storeState(db, docId, doc, now)
  return spliced
}

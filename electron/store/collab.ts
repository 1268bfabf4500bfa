import type Database from 'better-sqlite3'
import * as Y from 'yjs'
import { ApiError } from '../../shared/api/contract'
import { COLLAB_TEXT, type CollabDocId, parseDocId } from '../../shared/collab/model'
import { saveRunbook } from './runbooks'

// Collaborative texts. The workspace keeps each document's Yjs state; every accepted update is
// merged into it and the merged text written back where the rest of the app reads it (finding
// notes, runbook markdown), so search, reports and exports see what the pair typed.

function currentText(db: Database.Database, docId: CollabDocId): string {
  const { kind, id } = parseDocId(docId)
  const text = db.prepare(kind === 'finding' ? 'SELECT notes FROM findings WHERE id = ? AND deleted_at IS NULL' : 'SELECT markdown FROM runbooks WHERE id = ?').pluck().get(id)
  if (typeof text !== 'string') throw new ApiError('not_found', `${kind} ${id} does not exist`)
  return text
}

function loadDoc(db: Database.Database, docId: CollabDocId): Y.Doc {
  const text = currentText(db, docId)
  const doc = new Y.Doc()
  const state = db.prepare('SELECT state FROM collab_docs WHERE doc_id = ?').pluck().get(docId) as Buffer | undefined
  if (state) Y.applyUpdate(doc, state)
  else if (text) doc.getText(COLLAB_TEXT).insert(0, text)
  return doc
}

function store(db: Database.Database, docId: CollabDocId, doc: Y.Doc, now: number): void {
  db.prepare('INSERT INTO collab_docs (doc_id, state, updated_at) VALUES (?, ?, ?) ON CONFLICT(doc_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at').run(
    docId,
    Buffer.from(Y.encodeStateAsUpdate(doc)),
    now,
  )
  const { kind, id } = parseDocId(docId)
  const text = doc.getText(COLLAB_TEXT).toString()
  if (kind === 'finding') db.prepare('UPDATE findings SET notes = ?, updated_at = ? WHERE id = ?').run(text, now, id)
  else saveRunbook(db, { id, markdown: text, revision: false }, now)
}

/** What a client lacks, given its state vector (everything without one). */
export function pullDoc(db: Database.Database, docId: CollabDocId, stateVector?: Uint8Array): Uint8Array {
  const doc = loadDoc(db, docId)
  if (!db.prepare('SELECT 1 FROM collab_docs WHERE doc_id = ?').get(docId)) store(db, docId, doc, Date.now())
  return Y.encodeStateAsUpdate(doc, stateVector)
}

/** Merges a client's update; a malformed one is refused and changes nothing. */
export function pushDoc(db: Database.Database, docId: CollabDocId, update: Uint8Array, now = Date.now()): void {
  db.transaction(() => {
    const doc = loadDoc(db, docId)
    try {
      Y.applyUpdate(doc, update)
    } catch (error) {
      throw new ApiError('invalid_input', `${docId}: not a Yjs update (${(error as Error).message})`)
    }
    store(db, docId, doc, now)
  })()
}

import type Database from 'better-sqlite3'
import { ApiError } from '../../shared/api/contract'
import { type Diagram, DiagramContent, type DiagramEmbedders, type DiagramRevision, type DiagramSummary } from '../../shared/diagrams/model'
import { embeddedDiagramIds } from '../../shared/runbooks/embeds'
import { newId } from './ids'
import { newUid } from './uid'

// Authored diagrams and their revisions. Saving never overwrites: it adds a revision.

export function listDiagrams(db: Database.Database): DiagramSummary[] {
  return db
    .prepare(
      `SELECT d.id, d.title, d.updated_at AS updatedAt, (SELECT count(*) FROM diagram_revisions r WHERE r.diagram_id = d.id) AS revisions
       FROM diagrams d ORDER BY d.updated_at DESC, d.id DESC`,
    )
    .all() as DiagramSummary[]
}

export function getDiagram(db: Database.Database, id: number, revisionId?: number): Diagram {
  const row = db
    .prepare(
      `SELECT d.id, d.title, r.id AS revisionId, r.saved_at AS savedAt, r.content
       FROM diagrams d JOIN diagram_revisions r ON r.diagram_id = d.id
       WHERE d.id = ? ${revisionId === undefined ? '' : 'AND r.id = ?'} ORDER BY r.id DESC LIMIT 1`,
    )
    .get(...(revisionId === undefined ? [id] : [id, revisionId])) as (Omit<Diagram, 'content'> & { content: string }) | undefined
  if (!row) throw new ApiError('not_found', revisionId === undefined ? `diagram ${id} does not exist` : `diagram ${id} has no revision ${revisionId}`)
  return { ...row, content: DiagramContent.parse(JSON.parse(row.content)) }
}

/**
 * An imported drawing's nodes named as a traced service is named (any case) bound to that service,
 * so the diagram shows what the incidents' traces say of them without binding each by hand.
 */
export function bindToKnownServices(db: Database.Database, content: DiagramContent): DiagramContent {
  const services = new Map((db.prepare('SELECT DISTINCT service FROM spans').pluck().all() as string[]).map((service) => [service.toLowerCase(), service]))
  return {
    ...content,
    nodes: content.nodes.map((node) => (node.kind === 'service' && node.service === null && services.has(node.label.trim().toLowerCase()) ? { ...node, service: services.get(node.label.trim().toLowerCase())! } : node)),
  }
}

/**
 * Saves a new revision (creating the diagram when `id` is absent); returns the diagram as saved.
 * With `basedOn` (the revision the drawing was edited from), a diagram saved since is refused.
 */
export function saveDiagram(db: Database.Database, input: { id?: number; title: string; content: DiagramContent; note?: string; basedOn?: number }, now = Date.now()): Diagram {
  return db.transaction(() => {
    let id = input.id
    if (id !== undefined && input.basedOn !== undefined) {
      const current = getDiagram(db, id)
      if (current.revisionId !== input.basedOn) throw new ApiError('conflict', `“${current.title}” was saved elsewhere since you opened it`)
    }
    if (id === undefined) {
      id = newId(db, 'diagrams')
      db.prepare('INSERT INTO diagrams (id, uid, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, newUid(), input.title, now, now)
    } else if (db.prepare('UPDATE diagrams SET title = ?, updated_at = ? WHERE id = ?').run(input.title, now, id).changes === 0) {
      throw new ApiError('not_found', `diagram ${id} does not exist`)
    }
    db.prepare('INSERT INTO diagram_revisions (diagram_id, saved_at, content, note) VALUES (?, ?, ?, ?)').run(id, now, JSON.stringify(input.content), input.note ?? '')
    return getDiagram(db, id)
  }).immediate()
}

export function diagramRevisions(db: Database.Database, id: number): DiagramRevision[] {
  getDiagram(db, id)
  return db
    .prepare(
      `SELECT id, saved_at AS savedAt, note, json_array_length(content, '$.nodes') AS nodes, json_array_length(content, '$.edges') AS edges
       FROM diagram_revisions WHERE diagram_id = ? ORDER BY id DESC`,
    )
    .all(id) as DiagramRevision[]
}

/** Makes an old revision current again, as a new revision (history is never rewritten). */
export function restoreDiagram(db: Database.Database, id: number, revisionId: number): Diagram {
  const old = getDiagram(db, id, revisionId)
  return saveDiagram(db, { id, title: old.title, content: old.content, note: `restored revision ${revisionId}` })
}

/** The runbooks and (not deleted) findings whose text embeds diagram `id`. */
export function diagramEmbedders(db: Database.Database, id: number): DiagramEmbedders {
  // LIKE narrows the rows; the embed syntax decides (diagram 1 is not diagram 12).
  const mention = `%casefile:diagram/${id})%`
  const embeds = (text: string) => embeddedDiagramIds(text).includes(id)
  const runbooks = db.prepare('SELECT id, title, markdown FROM runbooks WHERE markdown LIKE ? ORDER BY title').all(mention) as Array<{ id: number; title: string; markdown: string }>
  const findings = db
    .prepare('SELECT id, title, incident_id AS incidentId, notes FROM findings WHERE deleted_at IS NULL AND notes LIKE ? ORDER BY title')
    .all(mention) as Array<{ id: number; title: string; incidentId: number; notes: string }>
  return {
    runbooks: runbooks.filter((runbook) => embeds(runbook.markdown)).map(({ id, title }) => ({ id, title })),
    findings: findings.filter((finding) => embeds(finding.notes)).map(({ id, title, incidentId }) => ({ id, title, incidentId })),
  }
}

export function deleteDiagram(db: Database.Database, id: number): boolean {
  return db.prepare('DELETE FROM diagrams WHERE id = ?').run(id).changes > 0
}

import type Database from 'better-sqlite3'
import { ApiError } from '../../shared/api/contract'
import type { Finding, FindingInput, StepBacklink } from '../../shared/findings/model'
import { newId } from './ids'
import { newUid } from './uid'

interface FindingRow {
  id: number
  incident_id: number
  title: string
  notes: string
  severity: Finding['severity']
  tags: string
  author: string
  anchor_time_ms: number | null
  anchor_trace_id: string | null
  anchor_span_id: string | null
  anchor_node: string | null
  anchor_edge: string | null
  created_at: number
  updated_at: number
}

function toFinding(db: Database.Database, row: FindingRow): Finding {
  const rows = db
    .prepare(
      `SELECT l.runbook_id AS runbookId, l.step_id AS stepId, r.title AS runbookTitle, s.ordinal, s.title AS stepTitle
       FROM finding_links l JOIN runbooks r ON r.id = l.runbook_id LEFT JOIN runbook_steps s ON s.runbook_id = l.runbook_id AND s.step_id = l.step_id
       WHERE l.finding_id = ? ORDER BY l.runbook_id, l.step_id`,
    )
    .all(row.id) as Array<Omit<Finding['links'][number], 'step'> & { ordinal: number | null; stepTitle: string | null }>
  const links = rows.map(({ ordinal, stepTitle, ...link }) => ({ ...link, step: ordinal === null ? null : { ordinal, title: stepTitle ?? '' } }))
  const spanMissing =
    row.anchor_span_id !== null &&
    !db
      .prepare('SELECT 1 FROM spans s JOIN artifacts a ON a.id = s.artifact_id WHERE a.incident_id = ? AND s.trace_id = ? AND s.span_id = ?')
      .get(row.incident_id, row.anchor_trace_id, row.anchor_span_id)
  return {
    id: row.id,
    incidentId: row.incident_id,
    title: row.title,
    notes: row.notes,
    severity: row.severity,
    tags: JSON.parse(row.tags),
    author: row.author,
    anchors: { timeMs: row.anchor_time_ms, traceId: row.anchor_trace_id, spanId: row.anchor_span_id, node: row.anchor_node, edge: row.anchor_edge },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    links,
    ...(spanMissing ? { spanMissing: true as const } : {}),
  }
}

const anchorValues = (input: FindingInput) => [input.anchors.timeMs, input.anchors.traceId, input.anchors.spanId, input.anchors.node, input.anchors.edge]

export function getFinding(db: Database.Database, id: number): Finding {
  const row = db.prepare('SELECT * FROM findings WHERE id = ? AND deleted_at IS NULL').get(id) as FindingRow | undefined
  if (!row) throw new ApiError('not_found', `finding ${id} does not exist`)
  return toFinding(db, row)
}

/** An incident's findings as a timeline: by anchored time (unanchored in time last), then creation. */
export function listFindings(db: Database.Database, incidentId: number): Finding[] {
  const rows = db
    .prepare('SELECT * FROM findings WHERE incident_id = ? AND deleted_at IS NULL ORDER BY anchor_time_ms IS NULL, anchor_time_ms, created_at, id')
    .all(incidentId) as FindingRow[]
  return rows.map((row) => toFinding(db, row))
}

export function createFinding(db: Database.Database, incidentId: number, input: FindingInput, now = Date.now()): Finding {
  const id = newId(db, 'findings')
  db.prepare(
    `INSERT INTO findings (id, uid, incident_id, title, notes, severity, tags, author, anchor_time_ms, anchor_trace_id, anchor_span_id, anchor_node, anchor_edge, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, newUid(), incidentId, input.title, input.notes, input.severity, JSON.stringify(input.tags), input.author, ...anchorValues(input), now, now)
  return getFinding(db, id)
}

export function updateFinding(db: Database.Database, id: number, input: FindingInput, now = Date.now()): Finding {
  const { changes } = db
    .prepare(
      `UPDATE findings SET title = ?, notes = ?, severity = ?, tags = ?, author = ?, anchor_time_ms = ?, anchor_trace_id = ?, anchor_span_id = ?,
         anchor_node = ?, anchor_edge = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL`,
    )
    .run(input.title, input.notes, input.severity, JSON.stringify(input.tags), input.author, ...anchorValues(input), now, id)
  if (changes === 0) throw new ApiError('not_found', `finding ${id} does not exist`)
  return getFinding(db, id)
}

/** Hides a finding; `restoreFinding` undoes it. */
export function deleteFinding(db: Database.Database, id: number, now = Date.now()): boolean {
  return db.prepare('UPDATE findings SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(now, id).changes > 0
}

export function restoreFinding(db: Database.Database, id: number): Finding {
  if (db.prepare('UPDATE findings SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL').run(id).changes === 0) {
    throw new ApiError('not_found', `finding ${id} is not deleted`)
  }
  return getFinding(db, id)
}

export function linkFinding(db: Database.Database, findingId: number, runbookId: number, stepId: string, now = Date.now()): Finding {
  getFinding(db, findingId)
  const step = db.prepare('SELECT 1 FROM runbook_steps WHERE runbook_id = ? AND step_id = ?').get(runbookId, stepId)
  if (!step) throw new ApiError('not_found', `runbook ${runbookId} has no step ${stepId}`)
  if (db.prepare('INSERT OR IGNORE INTO finding_links (finding_id, runbook_id, step_id, linked_at) VALUES (?, ?, ?, ?)').run(findingId, runbookId, stepId, now).changes > 0) {
    db.prepare('DELETE FROM removed_citations WHERE finding_id = ? AND runbook_id = ? AND step_id = ?').run(findingId, runbookId, stepId)
  }
  return getFinding(db, findingId)
}

/** Takes a citation back, remembering when, so that a bundle takes it back elsewhere too (bundle.ts). */
export function unlinkFinding(db: Database.Database, findingId: number, runbookId: number, stepId: string, now = Date.now()): Finding {
  getFinding(db, findingId)
  if (db.prepare('DELETE FROM finding_links WHERE finding_id = ? AND runbook_id = ? AND step_id = ?').run(findingId, runbookId, stepId).changes > 0) {
    db.prepare('INSERT OR REPLACE INTO removed_citations (finding_id, runbook_id, step_id, removed_at) VALUES (?, ?, ?, ?)').run(findingId, runbookId, stepId, now)
  }
  return getFinding(db, findingId)
}

/** Under each step of a runbook: the findings (and their incidents) that cite it. */
export function runbookBacklinks(db: Database.Database, runbookId: number): StepBacklink[] {
  return db
    .prepare(
      `SELECT l.step_id AS stepId, f.id AS findingId, f.title AS findingTitle, i.id AS incidentId, i.title AS incidentTitle, f.anchor_time_ms AS timeMs
       FROM finding_links l JOIN findings f ON f.id = l.finding_id AND f.deleted_at IS NULL JOIN incidents i ON i.id = f.incident_id
       WHERE l.runbook_id = ? ORDER BY l.step_id, f.anchor_time_ms`,
    )
    .all(runbookId) as StepBacklink[]
}

import type Database from 'better-sqlite3'
import { joinSharedTraces, recordServiceCalls } from './service-graph'

/**
 * Takes a file out of its incident, with everything read from it (spans, chunks, markers, its
 * part of the service graph). A trace it shared with the incident's other trace files is worked
 * out again over the spans left. Findings stay: an anchor on a span that went with the file says
 * its trace is missing. The caller holds the transaction. Null when there is no such file.
 */
export function removeArtifact(db: Database.Database, artifactId: number, now = Date.now()): { incidentId: number } | null {
  const artifact = db.prepare('SELECT incident_id AS incidentId, uid FROM artifacts WHERE id = ?').get(artifactId) as { incidentId: number; uid: string | null } | undefined
  if (!artifact) return null
  // Remembered, so a bundle takes the file out of the incident in other workspaces too (bundle.ts).
  if (artifact.uid !== null) {
    db.prepare('INSERT OR REPLACE INTO removed_artifacts (uid, incident_id, removed_at) VALUES (?, ?, ?)').run(artifact.uid, artifact.incidentId, now)
  }
  // The other trace files holding spans of this file's traces: their calls were worked out with its spans.
  const sharing = db
    .prepare(
      `SELECT DISTINCT o.artifact_id FROM spans o JOIN artifacts a ON a.id = o.artifact_id
       WHERE a.incident_id = ? AND o.artifact_id <> ? AND o.trace_id IN (SELECT DISTINCT trace_id FROM spans WHERE artifact_id = ?)`,
    )
    .pluck()
    .all(artifact.incidentId, artifactId, artifactId) as number[]
  db.prepare('DELETE FROM artifacts WHERE id = ?').run(artifactId)
  for (const other of sharing) {
    for (const table of ['service_calls', 'service_spans']) db.prepare(`DELETE FROM ${table} WHERE artifact_id = ?`).run(other)
    recordServiceCalls(db, other)
  }
  for (const other of sharing) joinSharedTraces(db, other)
  return { incidentId: artifact.incidentId }
}

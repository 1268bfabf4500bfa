import { randomBytes } from 'node:crypto'
import type Database from 'better-sqlite3'
import { ApiError } from '../../shared/api/contract'
import { MAX_RUNBOOK_CHARS, type Runbook, type RunbookImport, type RunbookRevision, type RunbookRevisionSummary, type RunbookSummary } from '../../shared/runbooks/model'
import { assignStepIds, extractSteps, type RunbookStep, runbookOwner, runbookTitle } from '../../shared/runbooks/steps'
import { readRunbookFile } from '../../shared/runbooks/files'
import { newId } from './ids'
import { newUid } from './uid'

const newStepId = () => `step-${randomBytes(4).toString('hex')}`

function currentSteps(db: Database.Database, runbookId: number): RunbookStep[] {
  return db.prepare('SELECT step_id AS id, ordinal, title, text FROM runbook_steps WHERE runbook_id = ? ORDER BY ordinal').all(runbookId) as RunbookStep[]
}

export function getRunbook(db: Database.Database, id: number): Runbook {
  const row = db.prepare('SELECT id, title, owner, tags, markdown, updated_at AS updatedAt FROM runbooks WHERE id = ?').get(id) as
    | (Omit<Runbook, 'tags' | 'steps'> & { tags: string })
    | undefined
  if (!row) throw new ApiError('not_found', `runbook ${id} does not exist`)
  return { ...row, tags: JSON.parse(row.tags), steps: currentSteps(db, id) }
}

export function listRunbooks(db: Database.Database): RunbookSummary[] {
  const rows = db
    .prepare(
      `SELECT r.id, r.title, r.owner, r.tags, r.updated_at AS updatedAt, (SELECT count(*) FROM runbook_steps s WHERE s.runbook_id = r.id) AS steps
       FROM runbooks r ORDER BY r.updated_at DESC, r.id DESC`,
    )
    .all() as Array<Omit<RunbookSummary, 'tags'> & { tags: string }>
  return rows.map((row) => ({ ...row, tags: JSON.parse(row.tags) }))
}

/** Whether a save would store what the runbook already holds. */
const sameContent = (runbook: Runbook, input: { markdown: string; owner?: string; tags?: string[] }) =>
  runbook.markdown === input.markdown && (input.owner ?? runbook.owner) === runbook.owner && (input.tags ?? runbook.tags).join('\n') === runbook.tags.join('\n')

/**
 * Saves a runbook's markdown as a new revision (creating the runbook without `id`). Its title is
 * the first `#` heading (else `fallbackTitle`, else the title it has: a runbook imported from a
 * file without a heading keeps its file's name); its steps keep their ids across the edit.
 */
export function saveRunbook(
  db: Database.Database,
  input: {
    id?: number
    markdown: string
    fallbackTitle?: string
    owner?: string
    tags?: string[]
    revision?: boolean
    /** The ids the text's steps had when it was saved before (a revision being restored). */
    stepIds?: readonly string[]
    /** The updatedAt the text was edited from: refused if other content was saved since. */
    basedOn?: number
  },
  now = Date.now(),
): Runbook {
  if (input.markdown.length > MAX_RUNBOOK_CHARS) {
    throw new ApiError('invalid_input', `the runbook is ${input.markdown.length.toLocaleString('en')} characters; a runbook is at most ${MAX_RUNBOOK_CHARS.toLocaleString('en')}`)
  }
  return db.transaction(() => {
    const existing = input.id === undefined ? undefined : getRunbook(db, input.id)
    const title = titleOf(input.markdown, input.fallbackTitle ?? existing?.title)
    const id = existing?.id ?? newId(db, 'runbooks')
    let previous: RunbookStep[] = []
    if (!existing) {
      db.prepare('INSERT INTO runbooks (id, uid, title, owner, tags, markdown, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        id,
        newUid(),
        title,
        input.owner ?? '',
        JSON.stringify(input.tags ?? []),
        input.markdown,
        now,
        now,
      )
    } else {
      if (input.basedOn !== undefined && existing.updatedAt !== input.basedOn && !sameContent(existing, input)) {
        throw new ApiError('conflict', `“${existing.title}” was saved elsewhere since you opened it`)
      }
      // updatedAt tells saves apart (basedOn), even two within one millisecond.
      now = Math.max(now, existing.updatedAt + 1)
      previous = existing.steps
      db.prepare('UPDATE runbooks SET title = ?, owner = ?, tags = ?, markdown = ?, updated_at = ? WHERE id = ?').run(
        title,
        input.owner ?? existing.owner,
        JSON.stringify(input.tags ?? existing.tags),
        input.markdown,
        now,
        id,
      )
    }
    const texts = extractSteps(input.markdown)
    const { stepIds } = input
    const steps = stepIds?.length === texts.length ? texts.map((text, i) => ({ ...text, id: stepIds[i] })) : assignStepIds(previous, texts, newStepId)
    // Live edits (collaborative typing) update the text; an explicit save also keeps a revision.
    if (input.revision !== false) {
      db.prepare('INSERT INTO runbook_revisions (runbook_id, saved_at, markdown, step_ids) VALUES (?, ?, ?, ?)').run(id, now, input.markdown, JSON.stringify(steps.map((step) => step.id)))
    }
    db.prepare('DELETE FROM runbook_steps WHERE runbook_id = ?').run(id)
    const insert = db.prepare('INSERT INTO runbook_steps (runbook_id, step_id, ordinal, title, text) VALUES (?, ?, ?, ?, ?)')
    for (const step of steps) insert.run(id, step.id, step.ordinal, step.title, step.text)
    return getRunbook(db, id)
  }).immediate()
}

/**
 * A runbook file is matched to its runbook by title (importRunbook), so a save may not give a
 * runbook a title another one has: refused for a new runbook or a title changed to one in use.
 * (Runbooks that share a title from before keep saving under it.)
 */
export function refuseTitleInUse(db: Database.Database, input: { id?: number; markdown: string; fallbackTitle?: string }): void {
  const existing = input.id === undefined ? undefined : getRunbook(db, input.id)
  const title = titleOf(input.markdown, input.fallbackTitle ?? existing?.title)
  if (existing?.title === title) return
  if (db.prepare('SELECT 1 FROM runbooks WHERE title = ? AND id IS NOT ?').get(title, input.id ?? null) === undefined) return
  throw new ApiError('invalid_input', `another runbook is titled “${title}”: give this one another # heading (runbook files find their runbook by title)`)
}

/** A runbook's title: its first # heading, else `fallbackTitle`. */
export const titleOf = (markdown: string, fallbackTitle?: string) => runbookTitle(markdown) ?? fallbackTitle ?? 'Untitled runbook'

/**
 * A runbook file brought in (again): the runbook of that title takes it as a new revision, its
 * steps and their cited findings kept, or stays as it is when the text is the same (an owner or
 * tags its front matter gives are taken without a revision); a title not in the workspace makes
 * a new runbook.
 */
export function importRunbook(db: Database.Database, input: { markdown: string; fallbackTitle: string }): RunbookImport {
  const file = readRunbookFile(input.markdown)
  // A blank file is no runbook (a folder's placeholder, a file cut short): nothing to follow.
  if (!file.markdown.trim()) throw new ApiError('invalid_input', 'the file is empty')
  const found = db.prepare('SELECT id FROM runbooks WHERE title = ? ORDER BY updated_at DESC, id DESC LIMIT 1').pluck().get(titleOf(file.markdown, input.fallbackTitle)) as number | undefined
  const existing = found === undefined ? undefined : getRunbook(db, found)
  const owner = file.owner ?? runbookOwner(file.markdown) ?? undefined
  const sameText = existing?.markdown === file.markdown
  const sameBeside = (owner === undefined || owner === existing?.owner) && (file.tags === undefined || file.tags.join('\n') === existing?.tags.join('\n'))
  if (existing && sameText && sameBeside) return { runbook: existing, droppedCitations: [] }
  const before = existing ? citedSteps(db, existing.id) : []
  // A new owner or tags alone is no new text: no revision.
  const runbook = saveRunbook(db, { markdown: file.markdown, fallbackTitle: input.fallbackTitle, id: existing?.id, owner, tags: file.tags, ...(sameText ? { revision: false } : {}) })
  const kept = new Set(runbook.steps.map((step) => step.id))
  return { runbook, droppedCitations: before.filter((step) => !kept.has(step.id)).map(({ ordinal, title, findings }) => ({ ordinal, title, findings })) }
}

/** A runbook's steps that findings cite, with how many findings. */
function citedSteps(db: Database.Database, runbookId: number): Array<RunbookStep & { findings: number }> {
  const counts = db
    .prepare('SELECT l.step_id, count(DISTINCT l.finding_id) FROM finding_links l JOIN findings f ON f.id = l.finding_id AND f.deleted_at IS NULL WHERE l.runbook_id = ? GROUP BY l.step_id')
    .raw()
    .all(runbookId) as Array<[string, number]>
  const findings = new Map(counts)
  return currentSteps(db, runbookId).flatMap((step) => (findings.has(step.id) ? [{ ...step, findings: findings.get(step.id)! }] : []))
}

/**
 * Deletes a runbook with its revisions and steps; the findings that cited its steps keep their
 * place but lose the citation. Returns the incidents whose findings did, and whether it existed.
 */
export function deleteRunbook(db: Database.Database, id: number): { deleted: boolean; citingIncidents: number[] } {
  return db.transaction(() => {
    const citingIncidents = db
      .prepare('SELECT DISTINCT f.incident_id FROM finding_links l JOIN findings f ON f.id = l.finding_id WHERE l.runbook_id = ?')
      .pluck()
      .all(id) as number[]
    const deleted = db.prepare('DELETE FROM runbooks WHERE id = ?').run(id).changes > 0
    db.prepare('DELETE FROM collab_docs WHERE doc_id = ?').run(`runbook:${id}`)
    return { deleted, citingIncidents }
  }).immediate()
}

/** Every save of a runbook, newest first. */
export function runbookRevisions(db: Database.Database, id: number): RunbookRevisionSummary[] {
  getRunbook(db, id)
  const rows = db.prepare('SELECT id, saved_at AS savedAt, markdown FROM runbook_revisions WHERE runbook_id = ? ORDER BY saved_at DESC, id DESC').all(id) as Array<{
    id: number
    savedAt: number
    markdown: string
  }>
  return rows.map(({ id: revisionId, savedAt, markdown }) => ({ id: revisionId, savedAt, title: runbookTitle(markdown) ?? '' }))
}

export function getRunbookRevision(db: Database.Database, id: number, revisionId: number): RunbookRevision {
  const row = db.prepare('SELECT id, runbook_id AS runbookId, saved_at AS savedAt, markdown FROM runbook_revisions WHERE runbook_id = ? AND id = ?').get(id, revisionId) as
    | Omit<RunbookRevision, 'title'>
    | undefined
  if (!row) throw new ApiError('not_found', `runbook ${id} has no revision ${revisionId}`)
  return { ...row, title: runbookTitle(row.markdown) ?? '' }
}

/**
 * Makes an old revision's text current again, saved as the newest revision (history is never
 * rewritten); its steps get back the ids they had, and so the findings that cited them.
 */
export function restoreRunbook(db: Database.Database, id: number, revisionId: number, now = Date.now()): Runbook {
  const { markdown } = getRunbookRevision(db, id, revisionId)
  const stepIds = db.prepare('SELECT step_ids FROM runbook_revisions WHERE id = ?').pluck().get(revisionId) as string | null
  return saveRunbook(db, { id, markdown, ...(stepIds ? { stepIds: JSON.parse(stepIds) as string[] } : {}) }, now)
}

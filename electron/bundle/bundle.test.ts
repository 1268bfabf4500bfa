import { readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { FormatError } from '../../shared/formats/errors'
import { setClockOffset } from '../store/clock'
import { createFinding, deleteFinding, linkFinding, listFindings, runbookBacklinks, unlinkFinding, updateFinding } from '../store/findings'
import { removeArtifact } from '../store/artifacts'
import { embeddedDiagramIds, diagramEmbed } from '../../shared/runbooks/embeds'
import { getDiagram, listDiagrams, saveDiagram } from '../store/diagrams'
import { getRunbook, getRunbookRevision, listRunbooks, restoreRunbook, runbookRevisions, saveRunbook } from '../store/runbooks'
import { search } from '../store/search'
import { listTraces } from '../store/trace-queries'
import { deriveServiceGraph } from '../store/service-graph'
import { registerSearchWords } from '../store/search-words'
import { Workspace } from '../store/workspace'
import { importFiles } from '../import/import-files'
import { demoWithEvidence } from '../test-support/demo'
import { writeSplitCheckoutTraces } from '../test-support/split-trace'
import { tempDir } from '../test-support/temp'
import { exportBundle, importBundle } from './bundle'

const fixture = (name: string) => join(import.meta.dirname, '..', '..', 'e2e', 'fixtures', 'data', name)

/** The trace list as it reads in any workspace (file ids differ between them). */
const traceList = (workspace: Workspace, incidentId: number) => listTraces(workspace.db, incidentId).map(({ artifactId, artifactIds, ...trace }) => trace)

function sourceWorkspace() {
  const dir = tempDir()
  const workspace = Workspace.open(join(dir, 'source.sqlite'))
  const { incident, runbook } = demoWithEvidence(workspace)
  saveRunbook(workspace.db, { markdown: '# Unrelated runbook\n\n1. Nothing to do with this incident.\n' })
  return { dir, workspace, incident, runbook }
}

/** The source's incident exported once and imported into a second workspace; `again()` exports it anew. */
function importedOnce(source: ReturnType<typeof sourceWorkspace>) {
  const { dir, workspace, incident } = source
  const first = join(dir, 'first.casefile')
  exportBundle(workspace, incident.id, first)
  const target = Workspace.open(join(dir, 'target.sqlite'))
  const { incident: copy } = importBundle(target, first)
  const again = () => {
    const next = join(dir, `again-${Date.now()}-${Math.random().toString(36).slice(2)}.casefile`)
    exportBundle(workspace, incident.id, next)
    return next
  }
  return { target, copy, again }
}

const counts = (workspace: Workspace) =>
  Object.fromEntries(
    ['incidents', 'artifacts', 'spans', 'resources', 'session_chunks', 'session_markers', 'findings', 'runbooks', 'finding_links'].map((table) => [
      table,
      workspace.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(),
    ]),
  )

/** Changes a bundle's rows as someone editing the file by hand could (SQLite's checks off). */
const tamper = (sql: string) => (file: string) => {
  const db = new Database(file)
  try {
    registerSearchWords(db) // the search index's triggers call it
    db.pragma('foreign_keys = OFF')
    db.pragma('ignore_check_constraints = ON')
    db.exec(sql)
  } finally {
    db.close()
  }
}

describe('.casefile bundles', () => {
  it('carry an incident with its recordings, traces, findings and cited runbooks to another workspace', () => {
    const { dir, workspace, incident, runbook } = sourceWorkspace()
    const file = join(dir, 'incident.casefile')
    expect(exportBundle(workspace, incident.id, file).bytes).toBeGreaterThan(0)

    const target = Workspace.open(join(dir, 'target.sqlite'))
    const other = target.createIncident('already here')
    const { incident: imported, alreadyPresent, sameTitleAsAnother } = importBundle(target, file)
    expect(alreadyPresent).toBe(false)
    expect(sameTitleAsAnother).toBe(false)
    expect(imported.id).not.toBe(other.id)
    expect(imported.title).toBe(incident.title)

    const summaries = (ws: Workspace, id: number) => ws.incidentView(id).artifacts.map((artifact) => artifact.summary)
    expect(summaries(target, imported.id)).toEqual(summaries(workspace, incident.id))
    const strip = (ws: Workspace, id: number) => listFindings(ws.db, id).map(({ title, notes, anchors, severity, tags, author }) => ({ title, notes, anchors, severity, tags, author }))
    expect(strip(target, imported.id)).toEqual(strip(workspace, incident.id))

    expect(listRunbooks(target.db).map((r) => r.title)).toEqual(['Checkout returns 502'])
    const [copied] = listRunbooks(target.db)
    expect(runbookBacklinks(target.db, copied.id)).toEqual([expect.objectContaining({ stepId: runbook.steps[2].id, incidentId: imported.id })])
    expect(search(target.db, 'acquirer timeout').map((hit) => hit.kind).sort()).toEqual(['finding', 'runbook'])
    // The trace pane's data came along whole.
    expect(target.db.prepare('SELECT count(*) FROM spans s JOIN resources r ON r.id = s.resource_id').pluck().get()).toBe(counts(workspace).spans)
    expect(traceList(target, imported.id)).toEqual(traceList(workspace, incident.id))
  })

  it('say when the incident came in beside a different one of the same title, both kept', () => {
    const { dir, workspace, incident } = sourceWorkspace()
    const file = join(dir, 'incident.casefile')
    exportBundle(workspace, incident.id, file)
    const target = Workspace.open(join(dir, 'target.sqlite'))
    const mine = target.createIncident(incident.title)
    const imported = importBundle(target, file)
    expect(imported).toMatchObject({ alreadyPresent: false, sameTitleAsAnother: true })
    expect(target.findIncidentsByTitle(incident.title).map((found) => found.id).sort()).toEqual([mine.id, imported.incident.id].sort())
  })

  it('import once: a second import of the same bundle adds nothing', () => {
    const { dir, workspace, incident } = sourceWorkspace()
    const file = join(dir, 'incident.casefile')
    exportBundle(workspace, incident.id, file)
    const target = Workspace.open(join(dir, 'target.sqlite'))
    const first = importBundle(target, file)
    // The first import counts all it brought: each runbook new here too.
    expect(listRunbooks(target.db).length).toBeGreaterThan(0)
    expect(first.merged).toMatchObject({ artifacts: counts(target).artifacts, runbooks: listRunbooks(target.db).length })
    const after = counts(target)
    const second = importBundle(target, file)
    expect(second).toEqual({ incident: first.incident, alreadyPresent: true, sameTitleAsAnother: false, merged: { artifacts: 0, findings: 0, updatedFindings: 0, runbooks: 0, runbooksEditedInBoth: [], clockOffsets: 0, removed: { artifacts: 0, findings: 0, citations: 0 } } })
    expect(counts(target)).toEqual(after)
  })

  it('of an incident already here bring what they have more: new files and findings, and later edits', () => {
    const source = sourceWorkspace()
    const { workspace, incident } = source
    const { target, copy, again } = importedOnce(source)
    const [cited] = listFindings(target.db, copy.id)

    // Meanwhile, at the source: a finding edited, one added, a trace file imported.
    const [original] = listFindings(workspace.db, incident.id)
    const edit = (finding: typeof original, title: string) => ({ ...finding, title })
    updateFinding(workspace.db, original.id, edit(original, 'Acquirer timeout behind the 502 (confirmed)'), Date.now() + 1000)
    const added = createFinding(workspace.db, incident.id, { ...edit(original, 'Retries pile up on the gateway'), anchors: { ...original.anchors, node: 'api-gateway' } })
    importFiles(workspace, { incidentId: incident.id }, [{ path: fixture('checkout.zipkin.json'), name: 'checkout.zipkin.json' }])
    const second = again()

    const spansBefore = counts(target).spans as number
    const merged = importBundle(target, second)
    expect(merged).toMatchObject({ incident: { id: copy.id }, alreadyPresent: true, merged: { artifacts: 1, findings: 1, updatedFindings: 1 } })
    expect(listFindings(target.db, copy.id).map((finding) => finding.title).sort()).toEqual(['Acquirer timeout behind the 502 (confirmed)', 'Retries pile up on the gateway'])
    // The edited finding is the same one, still citing its runbook step.
    expect(listFindings(target.db, copy.id).find((finding) => finding.id === cited.id)?.links).toEqual(cited.links)
    expect(target.incidentView(copy.id).artifacts.map((artifact) => artifact.summary.file)).toContain('checkout.zipkin.json')
    expect(counts(target).spans).toBeGreaterThan(spansBefore)
    expect(search(target.db, 'retries').map((hit) => hit.title)).toEqual([added.title])
    // Again: nothing more.
    expect(importBundle(target, second).merged).toEqual({ artifacts: 0, findings: 0, updatedFindings: 0, runbooks: 0, runbooksEditedInBoth: [], clockOffsets: 0, removed: { artifacts: 0, findings: 0, citations: 0 } })
  })

  it("of an incident already here bring a file's clock offset set there since, and keep one set here later", () => {
    const source = sourceWorkspace()
    const { workspace, incident } = source
    const { target, copy, again } = importedOnce(source)
    const offsetOf = (ws: Workspace, id: number, kind: string) => ws.incidentView(id).artifacts.find((artifact) => artifact.summary.kind === kind)!.clockOffsetMs
    const idOf = (ws: Workspace, id: number, kind: string) => ws.incidentView(id).artifacts.find((artifact) => artifact.summary.kind === kind)!.id

    // The source lines its recording up with the traces, after the first bundle went out.
    setClockOffset(workspace.db, idOf(workspace, incident.id, 'session'), 400, Date.now() + 1_000)
    expect(importBundle(target, again()).merged).toMatchObject({ artifacts: 0, findings: 0, clockOffsets: 1 })
    expect(offsetOf(target, copy.id, 'session')).toBe(400)

    // Here, later: the traces' clock set; an older offset for them in a bundle does not undo it.
    setClockOffset(workspace.db, idOf(workspace, incident.id, 'trace'), -90, Date.now() + 2_000)
    const older = again()
    setClockOffset(target.db, idOf(target, copy.id, 'trace'), 25, Date.now() + 3_000)
    expect(importBundle(target, older).merged?.clockOffsets).toBe(0)
    expect([offsetOf(target, copy.id, 'trace'), offsetOf(target, copy.id, 'session')]).toEqual([25, 400])
  })

  it('of an incident already here bring the other half of a trace split over two files, joined with the half here', () => {
    const dir = tempDir()
    const split = writeSplitCheckoutTraces(dir)
    const source = Workspace.open(join(dir, 'source.sqlite'))
    const { incident } = importFiles(source, { title: 'Split exports' }, [{ path: split.gateway, name: 'gateway.zipkin.json' }])
    exportBundle(source, incident.id, join(dir, 'gateway.casefile'))
    const target = Workspace.open(join(dir, 'target.sqlite'))
    const { incident: copy } = importBundle(target, join(dir, 'gateway.casefile'))

    importFiles(source, { incidentId: incident.id }, [{ path: split.services, name: 'services.otlp.json' }])
    exportBundle(source, incident.id, join(dir, 'both.casefile'))
    expect(importBundle(target, join(dir, 'both.casefile')).merged).toMatchObject({ artifacts: 1 })
    expect(deriveServiceGraph(target.db, copy.id)).toEqual(deriveServiceGraph(source.db, incident.id))
    expect(traceList(target, copy.id)).toEqual(traceList(source, incident.id))
    expect(deriveServiceGraph(target.db, copy.id).edges).toContainEqual(expect.objectContaining({ from: 'api-gateway', to: 'checkout-service', calls: 1 }))
  })

  it('of an incident already here bring a citation added since to a finding otherwise unchanged', () => {
    const source = sourceWorkspace()
    const { workspace, incident } = source
    const { target, copy, again } = importedOnce(source)

    const [finding] = listFindings(workspace.db, incident.id)
    const other = saveRunbook(workspace.db, { markdown: '# Inventory reservations fail\n\n1. Check the reservation service.\n' })
    linkFinding(workspace.db, finding.id, other.id, other.steps[0].id)
    const second = again()

    // The runbook it cites came too: new here.
    expect(importBundle(target, second).merged).toEqual({ artifacts: 0, findings: 0, updatedFindings: 1, runbooks: 1, runbooksEditedInBoth: [], clockOffsets: 0, removed: { artifacts: 0, findings: 0, citations: 0 } })
    const [here] = listFindings(target.db, copy.id)
    expect(here.links).toHaveLength(2)
  })

  it('of an incident already here bring a runbook saved there since, with the step a finding now cites; the runbook as it was stays a revision', () => {
    const source = sourceWorkspace()
    const { workspace, incident, runbook } = source
    const { target, copy, again } = importedOnce(source)
    const [here] = listRunbooks(target.db)
    const before = getRunbook(target.db, here.id)

    // At the source: a step added to the runbook, and a new finding citing it.
    const edited = saveRunbook(workspace.db, { id: runbook.id, markdown: `${runbook.markdown.trimEnd()}\n4. Page the payments on-call.\n` }, Date.now() + 1000)
    const [original] = listFindings(workspace.db, incident.id)
    const paged = createFinding(workspace.db, incident.id, { ...original, title: 'Payments on-call paged', anchors: { ...original.anchors, node: 'payment-service' } })
    linkFinding(workspace.db, paged.id, runbook.id, edited.steps[3].id)
    const second = again()

    expect(importBundle(target, second).merged).toMatchObject({ findings: 1, runbooks: 1, runbooksEditedInBoth: [], clockOffsets: 0, removed: { artifacts: 0, findings: 0, citations: 0 } })
    const now = getRunbook(target.db, here.id)
    expect(now.markdown).toBe(edited.markdown)
    // Steps keep their ids: the citations given before and the new one all hold.
    expect(now.steps.map((step) => step.id)).toEqual(edited.steps.map((step) => step.id))
    const citing = listFindings(target.db, copy.id).find((finding) => finding.title === 'Payments on-call paged')!
    expect(citing.links).toEqual([expect.objectContaining({ runbookId: here.id, stepId: edited.steps[3].id })])
    expect(runbookRevisions(target.db, here.id).length).toBeGreaterThan(1)
    expect(listRunbooks(target.db)).toHaveLength(1)
    // The text it had here is the revision before.
    const [, previous] = runbookRevisions(target.db, here.id)
    expect(getRunbookRevision(target.db, here.id, previous.id).markdown).toBe(before.markdown)
    // Again: nothing more.
    const revisions = runbookRevisions(target.db, here.id).length
    importBundle(target, second)
    expect(runbookRevisions(target.db, here.id)).toHaveLength(revisions)
  })

  it('of an incident already here say when the runbook a later save replaced had been edited here too, its text here kept as a revision', () => {
    const source = sourceWorkspace()
    const { workspace, runbook } = source
    const { target, again } = importedOnce(source)
    const [here] = listRunbooks(target.db)
    const editedHere = saveRunbook(target.db, { id: here.id, markdown: `${runbook.markdown.trimEnd()}\n4. Roll back the acquirer config.\n` }, Date.now() + 1000)
    const editedThere = saveRunbook(workspace.db, { id: runbook.id, markdown: `${runbook.markdown.trimEnd()}\n4. Page the payments on-call.\n` }, Date.now() + 2000)

    expect(importBundle(target, again()).merged).toMatchObject({ runbooks: 1, runbooksEditedInBoth: [{ title: editedThere.title, current: 'bundle' }] })
    expect(getRunbook(target.db, here.id).markdown).toBe(editedThere.markdown)
    const [, previous] = runbookRevisions(target.db, here.id)
    expect(getRunbookRevision(target.db, here.id, previous.id).markdown).toBe(editedHere.markdown)
  })

  it('of an incident already here keep the earlier save there of a runbook edited here since as a revision, and say so', () => {
    const source = sourceWorkspace()
    const { workspace, runbook } = source
    const { target, again } = importedOnce(source)
    const [here] = listRunbooks(target.db)
    const editedThere = saveRunbook(workspace.db, { id: runbook.id, markdown: `${runbook.markdown.trimEnd()}\n4. Page the payments on-call.\n` }, Date.now() + 1000)
    const bundle = again()
    const editedHere = saveRunbook(target.db, { id: here.id, markdown: `${runbook.markdown.trimEnd()}\n4. Roll back the acquirer config.\n` }, Date.now() + 2000)

    expect(importBundle(target, bundle).merged).toMatchObject({ runbooks: 1, runbooksEditedInBoth: [{ title: editedHere.title, current: 'here' }] })
    expect(getRunbook(target.db, here.id).markdown).toBe(editedHere.markdown)
    const [latest, previous] = runbookRevisions(target.db, here.id)
    expect(getRunbookRevision(target.db, here.id, latest.id).markdown).toBe(editedHere.markdown)
    expect(getRunbookRevision(target.db, here.id, previous.id).markdown).toBe(editedThere.markdown)
    // Again: nothing more.
    expect(importBundle(target, bundle).merged).toMatchObject({ runbooks: 0, runbooksEditedInBoth: [], clockOffsets: 0, removed: { artifacts: 0, findings: 0, citations: 0 } })
  })

  it('carry a runbook\'s revisions to a workspace that did not have it', () => {
    const { dir, workspace, incident, runbook } = sourceWorkspace()
    saveRunbook(workspace.db, { id: runbook.id, markdown: `${runbook.markdown.trimEnd()}\n4. Page the payments on-call.\n` })
    const file = join(dir, 'incident.casefile')
    exportBundle(workspace, incident.id, file)
    const target = Workspace.open(join(dir, 'target.sqlite'))
    importBundle(target, file)
    const [copied] = listRunbooks(target.db)
    expect(runbookRevisions(target.db, copied.id).map((revision) => revision.title)).toEqual(runbookRevisions(workspace.db, runbook.id).map((revision) => revision.title))
    expect(runbookRevisions(target.db, copied.id).length).toBeGreaterThanOrEqual(2)
  })

  it('of an incident already here keep what was edited or deleted here since', () => {
    const { dir, workspace, incident } = sourceWorkspace()
    const extra = createFinding(workspace.db, incident.id, { title: 'Cart slow', notes: '', severity: 'low', tags: [], author: 'ana', anchors: { timeMs: 1, traceId: null, spanId: null, node: null, edge: null } })
    const first = join(dir, 'first.casefile')
    exportBundle(workspace, incident.id, first)
    const target = Workspace.open(join(dir, 'target.sqlite'))
    const { incident: copy } = importBundle(target, first)
    const [kept, dropped] = [...listFindings(target.db, copy.id)].sort((a, b) => a.title.localeCompare(b.title))

    // The source edits both; here one is edited later still, the other deleted.
    for (const finding of listFindings(workspace.db, incident.id)) updateFinding(workspace.db, finding.id, { ...finding, title: `${finding.title} (source)` }, Date.now() + 1000)
    updateFinding(target.db, kept.id, { ...kept, title: 'Acquirer timeout (edited here)' }, Date.now() + 2000)
    deleteFinding(target.db, dropped.id)
    expect(dropped.title).toBe(extra.title)
    const second = join(dir, 'second.casefile')
    exportBundle(workspace, incident.id, second)

    expect(importBundle(target, second).merged).toEqual({ artifacts: 0, findings: 0, updatedFindings: 0, runbooks: 0, runbooksEditedInBoth: [], clockOffsets: 0, removed: { artifacts: 0, findings: 0, citations: 0 } })
    expect(listFindings(target.db, copy.id).map((finding) => finding.title)).toEqual(['Acquirer timeout (edited here)'])
  })

  it('of an incident already here take out a file removed there since, and never bring back one removed here', () => {
    const source = sourceWorkspace()
    const { workspace, incident } = source
    const { target, copy, again } = importedOnce(source)
    const fileOf = (ws: Workspace, id: number, kind: string) => ws.incidentView(id).artifacts.find((artifact) => artifact.summary.kind === kind)
    const holdingBoth = again()

    // There, the traces are taken out: the next bundle takes them out here too, spans and all; the findings stay.
    removeArtifact(workspace.db, fileOf(workspace, incident.id, 'trace')!.id)
    expect(importBundle(target, again()).merged).toMatchObject({ artifacts: 0, removed: { artifacts: 1, findings: 0, citations: 0 } })
    expect(fileOf(target, copy.id, 'trace')).toBeUndefined()
    expect(target.db.prepare('SELECT count(*) FROM spans').pluck().get()).toBe(0)
    expect(listFindings(target.db, copy.id)).toHaveLength(1)
    // A bundle made before the removal does not bring them back.
    expect(importBundle(target, holdingBoth).merged).toMatchObject({ artifacts: 0, removed: { artifacts: 0 } })
    expect(fileOf(target, copy.id, 'trace')).toBeUndefined()

    // Here, the recording is taken out; the source's next bundle, which still holds it, does not bring it back.
    removeArtifact(target.db, fileOf(target, copy.id, 'session')!.id)
    expect(importBundle(target, again()).merged).toMatchObject({ artifacts: 0 })
    expect(target.incidentView(copy.id).artifacts).toEqual([])
  })

  it('of an incident already here delete a finding deleted there after its last edit here, without carrying its text', () => {
    const source = sourceWorkspace()
    const { dir, workspace, incident } = source
    const extra = createFinding(workspace.db, incident.id, { title: 'Cart slow', notes: 'token=s3cret', severity: 'low', tags: [], author: 'ana', anchors: { timeMs: 1, traceId: null, spanId: null, node: null, edge: null } })
    const { target, copy, again } = importedOnce(source)
    const [acquirer] = listFindings(workspace.db, incident.id).filter((finding) => finding.id !== extra.id)
    const hereOf = (title: string) => listFindings(target.db, copy.id).find((finding) => finding.title.startsWith(title))!
    const beforeDeleting = again()

    // Both deleted there; here, one was edited after that deletion and stays.
    deleteFinding(workspace.db, extra.id, Date.now() + 1_000)
    deleteFinding(workspace.db, acquirer.id, Date.now() + 1_000)
    updateFinding(target.db, hereOf('Acquirer').id, { ...hereOf('Acquirer'), title: 'Acquirer timeout (edited here later)' }, Date.now() + 2_000)
    const bundle = again()
    const carried = new Database(bundle, { readonly: true })
    expect(carried.prepare('SELECT title, notes FROM findings WHERE deleted_at IS NOT NULL').all()).toEqual([
      { title: '', notes: '' },
      { title: '', notes: '' },
    ])
    carried.close()

    expect(importBundle(target, bundle).merged).toMatchObject({ findings: 0, updatedFindings: 0, removed: { artifacts: 0, findings: 1, citations: 0 } })
    expect(listFindings(target.db, copy.id).map((finding) => finding.title)).toEqual(['Acquirer timeout (edited here later)'])
    expect(search(target.db, 'Cart')).toEqual([])

    // A workspace that never had them gets none, and an older bundle holding them does not bring them in.
    const third = Workspace.open(join(dir, 'third.sqlite'))
    const { incident: fresh } = importBundle(third, bundle)
    expect(listFindings(third.db, fresh.id)).toEqual([])
    expect(importBundle(third, beforeDeleting).merged).toMatchObject({ findings: 0, updatedFindings: 0 })
    expect(listFindings(third.db, fresh.id)).toEqual([])
  })

  it('of an incident already here take back a citation taken back there, and never bring back one taken back here unless made again there', () => {
    const source = sourceWorkspace()
    const { workspace, incident, runbook } = source
    const { target, copy, again } = importedOnce(source)
    const [finding] = listFindings(workspace.db, incident.id)
    const [here] = listFindings(target.db, copy.id)
    const [runbookHere] = listRunbooks(target.db)
    const step = runbook.steps[2].id
    const citations = () => listFindings(target.db, copy.id)[0].links.map((link) => link.stepId)
    const citing = again()

    // Taken back there: taken back here.
    unlinkFinding(workspace.db, finding.id, runbook.id, step, Date.now() + 1_000)
    expect(importBundle(target, again()).merged).toMatchObject({ updatedFindings: 0, removed: { artifacts: 0, findings: 0, citations: 1 } })
    expect(citations()).toEqual([])
    // An older bundle still citing it does not cite it again.
    expect(importBundle(target, citing).merged).toMatchObject({ updatedFindings: 0 })
    expect(citations()).toEqual([])

    // Cited again there after that: cited again here.
    linkFinding(workspace.db, finding.id, runbook.id, step, Date.now() + 2_000)
    expect(importBundle(target, again()).merged).toMatchObject({ updatedFindings: 1, removed: { citations: 0 } })
    expect(citations()).toEqual([step])

    // Taken back here later: a bundle from before does not bring it back.
    unlinkFinding(target.db, here.id, runbookHere.id, step, Date.now() + 3_000)
    expect(importBundle(target, again()).merged).toMatchObject({ updatedFindings: 0 })
    expect(citations()).toEqual([])
  })

  it('carry a citation of a step since removed from its runbook, which a restored revision with the step makes whole again', () => {
    const source = sourceWorkspace()
    const { workspace, incident, runbook } = source
    const withStep = runbook.markdown
    // The cited step 3 edited out: the finding cites "a step since removed".
    saveRunbook(workspace.db, { id: runbook.id, markdown: withStep.replace(/^3\. .*\n/m, '').replace(/^4\./m, '3.') })
    const links = (ws: Workspace, incidentId: number) => listFindings(ws.db, incidentId).flatMap((finding) => finding.links.map(({ runbookTitle, stepId, step }) => ({ runbookTitle, stepId, step })))
    expect(links(workspace, incident.id)).toEqual([{ runbookTitle: 'Checkout returns 502', stepId: runbook.steps[2].id, step: null }])
    const { target, copy } = importedOnce(source)
    expect(links(target, copy.id)).toEqual(links(workspace, incident.id))
    // The revision with the step, restored there, has the citation whole.
    const [copied] = listRunbooks(target.db)
    const first = runbookRevisions(target.db, copied.id).find((revision) => getRunbookRevision(target.db, copied.id, revision.id).markdown === withStep)!
    restoreRunbook(target.db, copied.id, first.id)
    expect(links(target, copy.id)).toEqual([{ runbookTitle: 'Checkout returns 502', stepId: runbook.steps[2].id, step: expect.objectContaining({ ordinal: 3 }) }])
  })

  it('reuse a runbook the workspace already has instead of copying it', () => {
    const { dir, workspace, incident } = sourceWorkspace()
    const file = join(dir, 'incident.casefile')
    exportBundle(workspace, incident.id, file)
    workspace.deleteIncident(incident.id)
    const runbooksBefore = counts(workspace).runbooks
    const { incident: back } = importBundle(workspace, file)
    expect(counts(workspace).runbooks).toBe(runbooksBefore)
    expect(listFindings(workspace.db, back.id)[0].links).toHaveLength(1)
  })

  it('reuse a runbook both workspaces imported from one file (another uid, the same title and text), citations moved to its steps', () => {
    const { dir, workspace, incident, runbook } = sourceWorkspace()
    const file = join(dir, 'incident.casefile')
    exportBundle(workspace, incident.id, file)
    const target = Workspace.open(join(dir, 'target.sqlite'))
    const mine = saveRunbook(target.db, { markdown: runbook.markdown })
    expect(mine.steps.map((step) => step.id)).not.toEqual(runbook.steps.map((step) => step.id))

    const { incident: copy } = importBundle(target, file)
    expect(listRunbooks(target.db).map((item) => item.id)).toEqual([mine.id])
    // It takes the bundle's step ids, its own citations moved along.
    expect(getRunbook(target.db, mine.id).steps.map((step) => step.id)).toEqual(runbook.steps.map((step) => step.id))
    expect(listFindings(target.db, copy.id)[0].links).toEqual([expect.objectContaining({ runbookId: mine.id, stepId: runbook.steps[2].id })])

    // Edited there since: the next bundle finds it all the same, and brings the edit.
    const edited = saveRunbook(workspace.db, { id: runbook.id, markdown: `${runbook.markdown.trimEnd()}\n4. Page the payments on-call.\n` }, Date.now() + 1000)
    const next = join(dir, 'next.casefile')
    exportBundle(workspace, incident.id, next)
    expect(importBundle(target, next).merged).toMatchObject({ runbooks: 1 })
    expect(listRunbooks(target.db).map((item) => item.id)).toEqual([mine.id])
    expect(getRunbook(target.db, mine.id).markdown).toBe(edited.markdown)
  })

  it('carry the diagrams the runbooks and notes embed, pointing the embeds at their ids in the new workspace, once', () => {
    const dir = tempDir()
    const workspace = Workspace.open(join(dir, 'source.sqlite'))
    const content = { nodes: [{ id: 'pay', kind: 'service' as const, label: 'payment-service', x: 0, y: 0, width: 160, height: 48, parentId: null, service: 'payment-service', shape: 'service' as const }], edges: [] }
    saveDiagram(workspace.db, { title: 'Where payments run', content: { nodes: [], edges: [] } })
    const where = saveDiagram(workspace.db, { id: 1, title: 'Where payments run', content })
    saveDiagram(workspace.db, { title: 'Not embedded anywhere', content: { nodes: [], edges: [] } })
    const { incident, runbook } = demoWithEvidence(workspace, `Seen there: ${diagramEmbed(where.id, 'payments')}`)
    const markdown = runbook.markdown.replace('secondary acquirer.', `secondary acquirer.\n   ${diagramEmbed(where.id, 'Where payments run')} and ${diagramEmbed(99, 'long gone')}`)
    saveRunbook(workspace.db, { id: runbook.id, markdown })
    const file = join(dir, 'incident.casefile')
    exportBundle(workspace, incident.id, file)

    // The colleague's workspace has diagrams of its own, so the imported one gets another id.
    const target = Workspace.open(join(dir, 'target.sqlite'))
    for (const title of ['Theirs', 'Also theirs', 'And one more']) saveDiagram(target.db, { title, content: { nodes: [], edges: [] } })
    const { incident: imported } = importBundle(target, file)
    const titles = () => listDiagrams(target.db).map((diagram) => diagram.title).sort()
    expect(titles()).toEqual(['Also theirs', 'And one more', 'Theirs', 'Where payments run'])

    const [copied] = listRunbooks(target.db)
    const copiedMarkdown = getRunbook(target.db, copied.id).markdown
    const [newId, gone] = embeddedDiagramIds(copiedMarkdown)
    expect(newId).not.toBe(where.id)
    expect(getDiagram(target.db, newId)).toMatchObject({ title: 'Where payments run', content })
    // An embed of a diagram the source no longer had points at none here, not at one of theirs.
    expect(gone).toBe(0)
    expect(getRunbook(target.db, copied.id).steps.find((step) => step.text.includes('casefile:diagram'))!.text).toContain(`casefile:diagram/${newId})`)
    expect(embeddedDiagramIds(listFindings(target.db, imported.id)[0].notes)).toEqual([newId])

    // Imported again (the incident deleted meanwhile): the diagram already here is reused.
    target.deleteIncident(imported.id)
    const { incident: again } = importBundle(target, file)
    expect(titles()).toEqual(['Also theirs', 'And one more', 'Theirs', 'Where payments run'])
    expect(embeddedDiagramIds(listFindings(target.db, again.id)[0].notes)).toEqual([newId])
    expect(target.db.prepare('SELECT count(*) FROM diagram_revisions WHERE diagram_id = ?').pluck().get(newId)).toBe(1)
  })

  it.each([
    ['cut in half', (file: string) => truncateSync(file, Math.floor(readFileSync(file).length / 2)), /damaged|not a Casefile bundle/],
    ['not a database', (file: string) => writeFileSync(file, 'hello, not sqlite'), /not a Casefile bundle/],
    ['a workspace, not a bundle', (file: string) => Workspace.open(file).close(), /no bundle header/],
    ['with an artifact summary that is not JSON', tamper("UPDATE artifacts SET summary = '{'"), /artifacts\.summary is not JSON/],
    ['with an artifact summary of another shape', tamper(`UPDATE artifacts SET summary = '{"kind":"trace"}'`), /summary is not one Casefile writes/],
    ['with finding tags that are not a list', tamper(`UPDATE findings SET tags = '"x"'`), /findings\.tags is not a JSON array/],
    ['with finding tags that are not words', tamper(`UPDATE findings SET tags = '[1, {"a": 2}]'`), /findings\.tags holds something other than words/],
    ['with recorded events that are not a list', tamper(`UPDATE session_chunks SET events = '{}'`), /session_chunks\.events is not a JSON array/],
    ['with span attributes that are a list', tamper(`UPDATE spans SET attributes = '[1,2]' WHERE id = (SELECT min(id) FROM spans)`), /spans\.attributes is not a JSON object/],
    ['with a span time that is text', tamper("UPDATE spans SET start_ns = 'soon' WHERE id = (SELECT min(id) FROM spans)"), /spans\.start_ns holds values of another type/],
    ['with a clock offset of more than a year', tamper('UPDATE artifacts SET clock_offset_ms = 1e17'), /clock offset is more than a year/],
    ['holding a second incident', tamper("INSERT INTO incidents (title, created_at, updated_at, uid) VALUES ('Smuggled', 1, 1, 'abc')"), /exactly the one incident/],
    ['whose incident is not the one its header names', tamper("UPDATE incidents SET uid = 'someone else'"), /exactly the one incident/],
    ['with findings of an incident it does not hold', tamper('UPDATE findings SET incident_id = 999'), /refer to rows it does not have/],
  ])('refuse a bundle %s, leaving the workspace unchanged', (_kind, spoil, reason) => {
    const { dir, workspace, incident } = sourceWorkspace()
    const file = join(dir, 'incident.casefile')
    exportBundle(workspace, incident.id, file)
    if (_kind === 'a workspace, not a bundle') writeFileSync(file, '')
    spoil(file)
    const target = Workspace.open(join(dir, 'target.sqlite'))
    const before = counts(target)
    expect(() => importBundle(target, file)).toThrow(FormatError)
    expect(() => importBundle(target, file)).toThrow(reason)
    expect(counts(target)).toEqual(before)
  })
})

import { describe, expect, it } from 'vitest'
import { startTestHost } from '../test-support/host'

const V1 = '# Payments failover\n\n1. Check the acquirer error rate.\n2. Fail over to the secondary acquirer.\n'
const V2 = '# Payments failover\n\n1. Check the acquirer error rate.\n2. Fail over to the backup acquirer, then page #payments.\n'

async function client() {
  const host = await startTestHost()
  return host.connect()
}

describe('runbook revisions', () => {
  it('are listed newest first, read one by one, and restoring one saves its text again as the newest', async () => {
    const api = await client()
    const first = await api.call('runbooks.save', { markdown: V1, owner: 'team-payments' })
    await api.call('runbooks.save', { id: first.id, markdown: V2 })

    const revisions = await api.call('runbooks.revisions', { id: first.id })
    expect(revisions.map((revision) => revision.title)).toEqual(['Payments failover', 'Payments failover'])
    const [latest, original] = revisions
    expect(latest.id).toBeGreaterThan(original.id)
    expect((await api.call('runbooks.revision', { id: first.id, revisionId: original.id })).markdown).toBe(V1)

    const restored = await api.call('runbooks.restore', { id: first.id, revisionId: original.id })
    expect(restored.markdown).toBe(V1)
    expect(restored.owner).toBe('team-payments')
    // Steps keep their ids through the edit and the restore, so findings citing them still do.
    expect(restored.steps.map((step) => step.id)).toEqual(first.steps.map((step) => step.id))
    const after = await api.call('runbooks.revisions', { id: first.id })
    expect(after).toHaveLength(3)
    expect((await api.call('runbooks.revision', { id: first.id, revisionId: after[0].id })).markdown).toBe(V1)
  })

  it('give a step deleted and restored its id back, and with it the findings citing it', async () => {
    const api = await client()
    const three = '# Checkout 502\n\n## Check the gateway\n\nLook at 5xx.\n\n## Check payments\n\nAcquirer errors.\n\n## Fail over\n\nSwitch acquirer.\n'
    const first = await api.call('runbooks.save', { markdown: three })
    const [incident] = await api.call('incidents.list', {}).then(async (list) => (list.length ? list : [await api.call('incidents.create', { title: 'Checkout 502' })]))
    const anchors = { timeMs: 1, traceId: null, spanId: null, node: 'payment-service', edge: null }
    const finding = await api.call('findings.create', { incidentId: incident.id, finding: { title: 'Acquirer timeouts', notes: '', severity: 'high', tags: [], author: 'ana', anchors } })
    const cited = first.steps[1]
    await api.call('findings.link', { findingId: finding.id, runbookId: first.id, stepId: cited.id })

    // The step is deleted, then the first revision restored.
    await api.call('runbooks.save', { id: first.id, markdown: three.replace('## Check payments\n\nAcquirer errors.\n\n', '') })
    const original = (await api.call('runbooks.revisions', { id: first.id })).at(-1)!
    const restored = await api.call('runbooks.restore', { id: first.id, revisionId: original.id })
    expect(restored.steps.map((step) => step.id)).toEqual(first.steps.map((step) => step.id))
    expect((await api.call('runbooks.backlinks', { id: first.id })).map((link) => [link.stepId, link.findingId])).toEqual([[cited.id, finding.id]])
  })

  it('belong to their runbook', async () => {
    const api = await client()
    const one = await api.call('runbooks.save', { markdown: V1 })
    const other = await api.call('runbooks.save', { markdown: '# Other\n\n1. Something else.\n' })
    const [otherRevision] = await api.call('runbooks.revisions', { id: other.id })
    await expect(api.call('runbooks.revision', { id: one.id, revisionId: otherRevision.id })).rejects.toMatchObject({ code: 'not_found' })
    await expect(api.call('runbooks.restore', { id: one.id, revisionId: otherRevision.id })).rejects.toMatchObject({ code: 'not_found' })
    await expect(api.call('runbooks.revisions', { id: 9999 })).rejects.toMatchObject({ code: 'not_found' })
    expect((await api.call('runbooks.get', { id: one.id })).markdown).toBe(V1)
  })
})

describe('saving a runbook edited elsewhere meanwhile', () => {
  it('is refused when the text was edited from an older save, unless it is the same text, and every window hears of each save', async () => {
    const host = await startTestHost()
    const [ana, ben] = [await host.connect(), await host.connect()]
    const heard: number[] = []
    ben.on('runbooks.changed', ({ id }) => heard.push(id))
    const opened = await ana.call('runbooks.save', { markdown: V1 })
    // Ben saves his edit; Ana's, made from the save both opened, would undo it.
    await ben.call('runbooks.save', { id: opened.id, markdown: V2, basedOn: opened.updatedAt })
    await expect(ana.call('runbooks.save', { id: opened.id, markdown: `${V1}3. Tell support.\n`, basedOn: opened.updatedAt })).rejects.toMatchObject({
      code: 'conflict',
      message: '“Payments failover” was saved elsewhere since you opened it',
    })
    expect((await ana.call('runbooks.get', { id: opened.id })).markdown).toBe(V2)
    // The same text as what is there (typed together live) goes through; so does a save that means to replace it.
    await ana.call('runbooks.save', { id: opened.id, markdown: V2, basedOn: opened.updatedAt })
    const replaced = await ana.call('runbooks.save', { id: opened.id, markdown: V1 })
    expect(replaced.markdown).toBe(V1)
    await expect.poll(() => heard.length).toBe(4)
    expect(new Set(heard)).toEqual(new Set([opened.id]))
  })
})

describe('runbook titles', () => {
  it('are each one runbook’s: a new runbook or a rename to a title in use is refused, as a file of it would update the other', async () => {
    const api = await client()
    const first = await api.call('runbooks.save', { markdown: '# Checkout 502\n\n1. Look.\n' })
    const second = await api.call('runbooks.save', { markdown: '# Payments\n\n1. Look.\n' })
    await expect(api.call('runbooks.save', { markdown: '# Checkout 502\n\n1. Other.\n' })).rejects.toThrow(/another runbook is titled “Checkout 502”: give this one another # heading/)
    await expect(api.call('runbooks.save', { id: second.id, markdown: '# Checkout 502\n\n1. Look.\n' })).rejects.toThrow(/another runbook is titled “Checkout 502”/)
    // Its own title is its own to keep.
    expect((await api.call('runbooks.save', { id: first.id, markdown: '# Checkout 502\n\n1. Look again.\n' })).title).toBe('Checkout 502')
    expect((await api.call('runbooks.list', {})).map((runbook) => runbook.title).sort()).toEqual(['Checkout 502', 'Payments'])
  })
})

describe('a runbook file imported in the app', () => {
  it('makes a runbook titled by its heading (else its name), and updates the runbook of that title on a second import', async () => {
    const api = await client()
    const { runbook: first } = await api.call('runbooks.import', { fileName: 'payments-failover.md', markdown: V1 })
    expect(first).toMatchObject({ title: 'Payments failover', markdown: V1 })
    const { runbook: again } = await api.call('runbooks.import', { fileName: 'failover-v2.md', markdown: V2 })
    expect(again.id).toBe(first.id)
    expect(again.markdown).toBe(V2)
    expect(again.steps[0].id).toBe(first.steps[0].id)
    expect(await api.call('runbooks.revisions', { id: first.id })).toHaveLength(2)
    const { runbook: untitled } = await api.call('runbooks.import', { fileName: 'db-restore.markdown', markdown: '1. Stop the writers.\n2. Restore the snapshot.\n' })
    expect(untitled.title).toBe('db-restore')
    expect((await api.call('runbooks.list', {})).map((runbook) => runbook.title).sort()).toEqual(['Payments failover', 'db-restore'])
  })

  it('without a heading, keeps the name of its file through edits in the app, for every such runbook, and is updated by that file again', async () => {
    const api = await client()
    const { runbook: restore } = await api.call('runbooks.import', { fileName: 'db-restore.md', markdown: '1. Stop the writers.\n' })
    const { runbook: backlog } = await api.call('runbooks.import', { fileName: 'queue-backlog.md', markdown: 'When the queue backs up.\n\n1. Scale the consumers.\n' })
    const edited = await api.call('runbooks.save', { id: restore.id, markdown: '1. Stop the writers.\n2. Restore the snapshot.\n' })
    expect(edited.title).toBe('db-restore')
    expect((await api.call('runbooks.save', { id: backlog.id, markdown: 'When the queue backs up.\n\n1. Scale the consumers.\n2. Drain.\n' })).title).toBe('queue-backlog')
    const { runbook: reimported } = await api.call('runbooks.import', { fileName: 'db-restore.md', markdown: '1. Stop the writers.\n' })
    expect(reimported.id).toBe(restore.id)
  })

  it('says which cited steps a new text of the runbook removed', async () => {
    const host = await startTestHost()
    const api = await host.connect()
    const { runbook } = await api.call('runbooks.import', { fileName: 'payments-failover.md', markdown: V1 })
    const incident = await api.call('incidents.create', { title: 'Checkout 502' })
    const anchors = { timeMs: 1, traceId: null, spanId: null, node: null, edge: null }
    for (const title of ['Acquirer errors climb', 'Failover took 4 minutes']) {
      const finding = await api.call('findings.create', { incidentId: incident.id, finding: { title, notes: '', severity: 'high', tags: [], author: 'ana', anchors } })
      await api.call('findings.link', { findingId: finding.id, runbookId: runbook.id, stepId: runbook.steps[1].id })
    }
    const unchanged = await api.call('runbooks.import', { fileName: 'payments-failover.md', markdown: V1 })
    expect(unchanged.droppedCitations).toEqual([])
    const rewritten = await api.call('runbooks.import', { fileName: 'payments-failover.md', markdown: '# Payments failover\n\n1. Check the acquirer error rate.\n2. Page the payments lead.\n' })
    expect(rewritten.droppedCitations).toEqual([{ ordinal: 2, title: 'Fail over to the secondary acquirer.', findings: 2 }])
  })

  it('takes the owner and tags of its front matter, the text after it; the same text with new tags is no new revision', async () => {
    const api = await client()
    const { runbook: first } = await api.call('runbooks.import', { fileName: 'payments-failover.md', markdown: `---\nowner: team-payments\ntags: [payments]\n---\n\n${V1}` })
    expect(first).toMatchObject({ markdown: V1, owner: 'team-payments', tags: ['payments'] })
    const { runbook: retagged } = await api.call('runbooks.import', { fileName: 'payments-failover.md', markdown: `---\ntags: [payments, p1]\n---\n${V1}` })
    expect(retagged).toMatchObject({ id: first.id, markdown: V1, owner: 'team-payments', tags: ['payments', 'p1'] })
    expect(await api.call('runbooks.revisions', { id: first.id })).toHaveLength(1)
  })
})

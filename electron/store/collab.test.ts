import { describe, expect, it } from 'vitest'
import type { ApiClient } from '../../shared/api/contract'
import { LiveText } from '../../shared/collab/liveText'
import { startTestHost } from '../test-support/host'

const anchor = { timeMs: 1, traceId: null, spanId: null, node: null, edge: null }

/** A live editor of `docId` over `client`, its host document arrived; closed after the test. */
async function editor(client: ApiClient, docId: `finding:${number}` | `runbook:${number}`) {
  const live = new LiveText(client, docId)
  await live.ready
  return live
}

/** Waits until every editor shows `text`. */
const converge = (editors: LiveText[], text: string) =>
  expect.poll(() => editors.map((live) => live.text), { timeout: 2000 }).toEqual(editors.map(() => text))

/** Ana and Ben, each editing the notes of one finding of the demo incident live. */
async function twoEditorsOfOneFinding() {
  const { connect } = await startTestHost({ seedDemo: true })
  const ana = await connect()
  const ben = await connect()
  const [incident] = await ana.call('incidents.list', {})
  const finding = await ana.call('findings.create', { incidentId: incident.id, finding: { title: 'Timeout', notes: 'Payments time out.', severity: 'high', tags: [], author: 'ana', anchors: anchor } })
  return { ana, ben, incident, finding, a: await editor(ana, `finding:${finding.id}`), b: await editor(ben, `finding:${finding.id}`) }
}

describe('collaborative texts', () => {
  it("merge concurrent edits of a finding's notes, for both editors and in the workspace", async () => {
    const { ana, ben, incident, finding, a, b } = await twoEditorsOfOneFinding()
    expect(a.text).toBe('Payments time out.')

    // Both type at once, neither having seen the other's edit.
    a.edit('Since 14:02: Payments time out.')
    b.edit('Payments time out. Acquirer is slow.')
    await converge([a, b], 'Since 14:02: Payments time out. Acquirer is slow.')
    const saved = (await ana.call('findings.list', { incidentId: incident.id })).find((f) => f.id === finding.id)!
    expect(saved.notes).toBe(a.text)
    expect((await ben.call('search.query', { text: 'acquirer' })).map((hit) => hit.id)).toContain(finding.id)
  })

  it("take back one editor's own typing on cancel, the other's kept, for both and in the workspace", async () => {
    const { ana, finding, a, b } = await twoEditorsOfOneFinding()
    expect([a.editedHere, b.editedHere]).toEqual([false, false])

    a.edit('Since 14:02: Payments time out.')
    await converge([a, b], 'Since 14:02: Payments time out.')
    b.edit('Since 14:02: Payments time out. Acquirer is slow.')
    await converge([a, b], 'Since 14:02: Payments time out. Acquirer is slow.')
    expect([a.editedHere, b.editedHere]).toEqual([true, true])

    a.revertOwnEdits()
    expect(a.editedHere).toBe(false)
    await converge([a, b], 'Payments time out. Acquirer is slow.')
    await expect.poll(async () => (await ana.call('findings.get', { id: finding.id })).notes).toBe('Payments time out. Acquirer is slow.')
  })

  it('keep step ids while the pair edits different steps, and refuse a malformed update', async () => {
    const { connect } = await startTestHost({ seedDemo: true })
    const ana = await connect()
    const runbook = await ana.call('runbooks.save', { markdown: '# Checkout\n\n1. Check payments.\n2. Fail over.\n' })
    const docId = `runbook:${runbook.id}` as const
    const a = await editor(ana, docId)
    const b = await editor(await connect(), docId)
    a.edit('# Checkout\n\n1. Check payments.\n2. Fail over to the secondary acquirer.\n')
    b.edit('# Checkout\n\n1. Check payments and fraud.\n2. Fail over.\n')
    const merged = '# Checkout\n\n1. Check payments and fraud.\n2. Fail over to the secondary acquirer.\n'
    await converge([a, b], merged)
    const stored = await ana.call('runbooks.get', { id: runbook.id })
    expect(stored.markdown).toBe(merged)
    expect(stored.steps.map((step) => step.id)).toEqual(runbook.steps.map((step) => step.id))

    await expect(ana.call('collab.push', { docId, update: Buffer.from([1, 2, 3, 250, 251, 9, 9]).toString('base64') })).rejects.toMatchObject({ code: 'invalid_input' })
    expect((await ana.call('runbooks.get', { id: runbook.id })).markdown).toBe(merged)
  })

  it('take in a text saved another way (an editor save, a restored revision), and never put an older one back', async () => {
    const { connect } = await startTestHost({ seedDemo: true })
    const ana = await connect()
    const first = await ana.call('runbooks.save', { markdown: '# Failover\n\n1. Page the DBA.\n' })
    const b = await editor(await connect(), `runbook:${first.id}`)

    await ana.call('runbooks.save', { id: first.id, markdown: '# Failover\n\n1. Page the DBA.\n2. Promote the replica.\n' })
    await converge([b], '# Failover\n\n1. Page the DBA.\n2. Promote the replica.\n')
    // Typing on from there keeps the saved step.
    b.edit('# Failover\n\n1. Page the on-call DBA.\n2. Promote the replica.\n')
    await expect.poll(async () => (await ana.call('runbooks.get', { id: first.id })).markdown).toBe('# Failover\n\n1. Page the on-call DBA.\n2. Promote the replica.\n')

    const [, firstRevision] = await ana.call('runbooks.revisions', { id: first.id })
    await ana.call('runbooks.restore', { id: first.id, revisionId: firstRevision.id })
    await converge([b], '# Failover\n\n1. Page the DBA.\n')
    expect((await ana.call('runbooks.get', { id: first.id })).markdown).toBe('# Failover\n\n1. Page the DBA.\n')
  })
})

import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { ApiClient } from '../../shared/api/contract'
import { COLLAB_TEXT } from '../../shared/collab/model'
import { startTestHost } from '../test-support/host'

const anchor = { timeMs: 1, traceId: null, spanId: null, node: null, edge: null }
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

/** One editor: a Yjs document kept in step with the host over the API. */
async function editor(client: ApiClient, docId: string) {
  const doc = new Y.Doc()
  const received: string[] = []
  client.on('collab.update', (event) => {
    if (event.docId !== docId) return
    received.push(event.update)
    Y.applyUpdate(doc, Buffer.from(event.update, 'base64'), 'remote')
  })
  Y.applyUpdate(doc, Buffer.from((await client.call('collab.pull', { docId })).update, 'base64'))
  return {
    doc,
    received,
    text: () => doc.getText(COLLAB_TEXT).toString(),
    /** Edits without sending (offline), returning the update to send later. */
    edit(change: (text: Y.Text) => void): Uint8Array {
      const before = Y.encodeStateVector(doc)
      change(doc.getText(COLLAB_TEXT))
      return Y.encodeStateAsUpdate(doc, before)
    },
    push: (update: Uint8Array) => client.call('collab.push', { docId, update: b64(update) }),
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50))

describe('collaborative texts', () => {
  it('merge concurrent edits of a finding\'s notes, for both editors and in the workspace', async () => {
    const { connect } = await startTestHost({ seedDemo: true })
    const ana = await connect()
    const ben = await connect()
    const [incident] = await ana.call('incidents.list', {})
    const finding = await ana.call('findings.create', { incidentId: incident.id, finding: { title: 'Timeout', notes: 'Payments time out.', severity: 'high', tags: [], author: 'ana', anchors: anchor } })
    const docId = `finding:${finding.id}`
    const a = await editor(ana, docId)
    const b = await editor(ben, docId)
    expect(a.text()).toBe('Payments time out.')

    // Both type at once, neither having seen the other's edit.
    const fromAna = a.edit((text) => text.insert(0, 'Since 14:02: '))
    const fromBen = b.edit((text) => text.insert(text.length, ' Acquirer is slow.'))
    await Promise.all([a.push(fromAna), b.push(fromBen)])
    await settle()
    expect(a.text()).toBe('Since 14:02: Payments time out. Acquirer is slow.')
    expect(b.text()).toBe(a.text())
    const saved = (await ana.call('findings.list', { incidentId: incident.id })).find((f) => f.id === finding.id)!
    expect(saved.notes).toBe(a.text())
    expect((await ben.call('search.query', { text: 'acquirer' })).map((hit) => hit.id)).toContain(finding.id)
  })

  it('merge edits made offline when the editor comes back, and refuse a malformed update', async () => {
    const { connect } = await startTestHost({ seedDemo: true })
    const ana = await connect()
    const [incident] = await ana.call('incidents.list', {})
    const runbook = await ana.call('runbooks.save', { markdown: '# Checkout\n\n1. Check payments.\n2. Fail over.\n' })
    const docId = `runbook:${runbook.id}`
    const a = await editor(ana, docId)
    const offline = a.edit((text) => text.insert(text.toString().indexOf('Fail over.') + 'Fail over'.length, ' to the secondary acquirer'))
    // Meanwhile someone else changes step 1 on the host.
    const ben = await editor(await connect(), docId)
    await ben.push(ben.edit((text) => text.insert(text.toString().indexOf('payments') + 'payments'.length, ' and fraud')))
    await a.push(offline)
    const merged = await ana.call('runbooks.get', { id: runbook.id })
    expect(merged.markdown).toBe('# Checkout\n\n1. Check payments and fraud.\n2. Fail over to the secondary acquirer.\n')
    expect(merged.steps.map((step) => step.id)).toEqual(runbook.steps.map((step) => step.id))

    await expect(ana.call('collab.push', { docId, update: b64(new Uint8Array([1, 2, 3, 250, 251, 9, 9])) })).rejects.toMatchObject({ code: 'invalid_input' })
    expect((await ana.call('runbooks.get', { id: runbook.id })).markdown).toBe(merged.markdown)
    void incident
  })
})

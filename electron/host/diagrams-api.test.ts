import { describe, expect, it } from 'vitest'
import { toMermaid } from '../../shared/diagrams/mermaid'
import { node } from '../../shared/diagrams/model'
import { startTestHost } from '../test-support/host'

const content = {
  nodes: [node({ id: 'zone', label: 'Payments', kind: 'group', width: 400, height: 200 }), node({ id: 'gw', label: 'gateway', service: 'api-gateway' }), node({ id: 'pay', label: 'payments', parentId: 'zone', service: 'payment-service' })],
  edges: [{ id: 'e1', source: 'gw', target: 'pay', label: 'POST /charges' }],
}

describe('authored diagrams over the API', () => {
  it('keeps every save as a revision, lists them, and restores an old one as a new revision', async () => {
    const { connect } = await startTestHost()
    const client = await connect()
    const first = await client.call('diagrams.save', { title: 'Checkout runbook', content })
    const moved = { ...content, nodes: content.nodes.map((n) => (n.id === 'gw' ? { ...n, x: 300 } : n)) }
    const second = await client.call('diagrams.save', { id: first.id, title: 'Checkout runbook', content: moved })
    expect(second.revisionId).toBeGreaterThan(first.revisionId)
    expect((await client.call('diagrams.get', { id: first.id })).content.nodes.find((n) => n.id === 'gw')!.x).toBe(300)

    const revisions = await client.call('diagrams.revisions', { id: first.id })
    expect(revisions.map((r) => r.id)).toEqual([second.revisionId, first.revisionId])
    expect(revisions[0]).toMatchObject({ nodes: 3, edges: 1 })

    const restored = await client.call('diagrams.restore', { id: first.id, revisionId: first.revisionId })
    expect(restored.content).toEqual(first.content)
    expect(await client.call('diagrams.revisions', { id: first.id })).toHaveLength(3)
    expect(await client.call('diagrams.list', {})).toEqual([expect.objectContaining({ id: first.id, title: 'Checkout runbook', revisions: 3 })])
  })

  it('refuses a save based on a revision older than the current one, which another window saved meanwhile', async () => {
    const { connect } = await startTestHost()
    const [mine, theirs] = [await connect(), await connect()]
    const opened = await mine.call('diagrams.save', { title: 'Checkout runbook', content })
    const moved = { ...content, nodes: content.nodes.map((n) => (n.id === 'gw' ? { ...n, x: 300 } : n)) }
    const saved = await theirs.call('diagrams.save', { id: opened.id, title: 'Checkout runbook', content: moved, basedOn: opened.revisionId })

    await expect(mine.call('diagrams.save', { id: opened.id, title: 'Checkout runbook', content, basedOn: opened.revisionId })).rejects.toMatchObject({
      code: 'conflict',
      message: '“Checkout runbook” was saved elsewhere since you opened it',
    })
    expect((await mine.call('diagrams.get', { id: opened.id })).revisionId).toBe(saved.revisionId)
    // Saving mine anyway (without basedOn) replaces theirs, which stays a revision.
    await mine.call('diagrams.save', { id: opened.id, title: 'Checkout runbook', content })
    expect(await mine.call('diagrams.revisions', { id: opened.id })).toHaveLength(3)
  })

  it('refuses content whose edges or groups point nowhere', async () => {
    const { connect } = await startTestHost()
    const client = await connect()
    const broken = { ...content, edges: [{ id: 'e1', source: 'gw', target: 'ghost', label: '' }] }
    await expect(client.call('diagrams.save', { title: 'x', content: broken })).rejects.toMatchObject({ code: 'invalid_input', message: /joins a node that does not exist/ })
    expect(await client.call('diagrams.list', {})).toEqual([])
  })

  it('keeps the bindings of Mermaid Casefile wrote as saved: a node left unbound stays so, though named as a traced service', async () => {
    const { connect } = await startTestHost({ seedDemo: true })
    const client = await connect()
    const drawn = { nodes: [node({ id: 'co', label: 'checkout-service' }), node({ id: 'pay', label: 'payments', service: 'payment-service' })], edges: [] }
    const text = toMermaid(drawn)
    const back = await client.call('diagrams.import', { name: 'drawn.mmd', text })
    expect(back.content.nodes.map((n) => [n.id, n.service])).toEqual([['co', null], ['pay', 'payment-service']])
    // Mermaid from elsewhere: a node named as a traced service is bound to it.
    const guessed = await client.call('diagrams.import', { name: 'theirs.mmd', text: 'flowchart LR\n  co[checkout-service]\n' })
    expect(guessed.content.nodes[0].service).toBe('checkout-service')
  })

  it('imports Mermaid text as a new diagram, and names the file and reason for a bad one without creating anything', async () => {
    const { connect } = await startTestHost()
    const client = await connect()
    const diagram = await client.call('diagrams.import', { name: 'checkout.mmd', text: 'flowchart LR\n  gw[gateway] --> pay[(payments db)]\n' })
    expect(diagram.title).toBe('checkout')
    expect(diagram.content.nodes.map((n) => n.shape)).toEqual(['service', 'database'])
    await expect(client.call('diagrams.import', { name: 'broken.drawio', text: '<mxfile><diagram id="a">!!!</diagram></mxfile>' })).rejects.toMatchObject({
      code: 'import_failed',
      message: /^broken\.drawio: .*not base64/,
    })
    expect((await client.call('diagrams.list', {})).map((d) => d.title)).toEqual(['checkout'])
  })

  it("binds an imported drawing's nodes named as a traced service to it", async () => {
    const { connect } = await startTestHost({ seedDemo: true })
    const client = await connect()
    const diagram = await client.call('diagrams.import', { name: 'path.mmd', text: 'flowchart LR\n  a[API-Gateway] --> b[payment-service]\n  b --> c[acquirer]\n' })
    expect(diagram.content.nodes.map((n) => [n.label, n.service])).toEqual([
      ['API-Gateway', 'api-gateway'],
      ['payment-service', 'payment-service'],
      ['acquirer', null],
    ])
  })
})

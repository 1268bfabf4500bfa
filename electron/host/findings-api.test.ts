import { readFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { FindingInput } from '../../shared/findings/model'
import { startTestHost } from '../test-support/host'

const runbooks = join(import.meta.dirname, '..', '..', 'e2e', 'fixtures', 'data', 'runbooks')
const checkoutRunbook = readFileSync(join(runbooks, 'checkout-502.md'), 'utf8')

const finding = (fields: Partial<FindingInput> = {}): FindingInput => ({
  title: 'Acquirer timeout behind the 502',
  notes: 'payment-service **AcquirerTimeoutError** after 180 ms',
  severity: 'high',
  tags: ['payments'],
  author: 'ana',
  anchors: { timeMs: null, traceId: null, spanId: null, node: null, edge: null },
  ...fields,
})

async function demo() {
  const host = await startTestHost({ seedDemo: true })
  const client = await host.connect()
  const [incident] = await client.call('incidents.list', {})
  return { client, incident }
}

describe('findings', () => {
  it('are anchored, listed as a timeline by anchored time, edited, deleted with undo', async () => {
    const { client, incident } = await demo()
    const [failing] = await client.call('traces.list', { incidentId: incident.id })
    const trace = await client.call('traces.get', { artifactId: failing.artifactId, traceId: failing.traceId })
    const spanId = trace.spanId[trace.error.indexOf(1)]
    const late = await client.call('findings.create', {
      incidentId: incident.id,
      finding: finding({ anchors: { timeMs: 2_000, traceId: failing.traceId, spanId, node: 'payment-service', edge: null } }),
    })
    const early = await client.call('findings.create', { incidentId: incident.id, finding: finding({ title: 'User clicked checkout', anchors: { timeMs: 1_000, traceId: null, spanId: null, node: null, edge: null } }) })
    const nodeOnly = await client.call('findings.create', { incidentId: incident.id, finding: finding({ title: 'Fraud API is slow', anchors: { timeMs: null, traceId: null, spanId: null, node: 'fraud-api', edge: null } }) })
    expect((await client.call('findings.list', { incidentId: incident.id })).map((f) => f.id)).toEqual([early.id, late.id, nodeOnly.id])

    const edited = await client.call('findings.update', { id: late.id, finding: { ...finding(), title: 'Acquirer timed out', anchors: late.anchors } })
    expect(edited.anchors.spanId).toBe(spanId)

    // One finding by id (a search hit), with its incident and anchors; a deleted one is gone.
    expect(await client.call('findings.get', { id: late.id })).toMatchObject({ incidentId: incident.id, title: 'Acquirer timed out', anchors: { spanId } })
    await client.call('findings.delete', { id: late.id })
    await expect(client.call('findings.get', { id: late.id })).rejects.toMatchObject({ code: 'not_found' })
    expect((await client.call('findings.list', { incidentId: incident.id })).map((f) => f.id)).toEqual([early.id, nodeOnly.id])
    expect((await client.call('search.query', { text: 'acquirer timed' })).filter((hit) => hit.kind === 'finding')).toEqual([])
    await client.call('findings.restore', { id: late.id })
    expect((await client.call('search.query', { text: 'acquirer timed' })).map((hit) => hit.id)).toContain(late.id)
  })

  it('need at least one anchor, and a span anchor names its trace', async () => {
    const { client, incident } = await demo()
    await expect(client.call('findings.create', { incidentId: incident.id, finding: finding() })).rejects.toMatchObject({ code: 'invalid_input', message: /at least one anchor/ })
    await expect(
      client.call('findings.create', { incidentId: incident.id, finding: finding({ anchors: { timeMs: null, traceId: null, spanId: 'a'.repeat(16), node: null, edge: null } }) }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: /traceId and spanId/ })
  })
})

describe('runbooks', () => {
  it('link findings to steps, keep the links when other steps change, and show them as backlinks', async () => {
    const { client, incident } = await demo()
    const runbook = await client.call('runbooks.save', { markdown: checkoutRunbook, owner: 'team-checkout' })
    expect(runbook.title).toBe('Checkout returns 502')
    expect(runbook.steps).toHaveLength(4)
    const failover = runbook.steps[2]
    const evidence = await client.call('findings.create', { incidentId: incident.id, finding: finding({ anchors: { timeMs: 5, traceId: null, spanId: null, node: null, edge: null } }) })
    await client.call('findings.link', { findingId: evidence.id, runbookId: runbook.id, stepId: failover.id })

    const edited = checkoutRunbook.replace('1. Open', '1. Watch the replay around the failed request.\n2. Open').replace(/\n(\d)\. (Check|If|Tell)/g, (_m, n, word) => `\n${Number(n) + 1}. ${word}`)
    const saved = await client.call('runbooks.save', { id: runbook.id, markdown: edited })
    expect(saved.steps).toHaveLength(5)
    expect(saved.steps[3]).toMatchObject({ id: failover.id, ordinal: 4 })

    expect(await client.call('runbooks.backlinks', { id: runbook.id })).toEqual([
      { stepId: failover.id, findingId: evidence.id, findingTitle: evidence.title, incidentId: incident.id, incidentTitle: incident.title, timeMs: 5 },
    ])
    await expect(client.call('findings.link', { findingId: evidence.id, runbookId: runbook.id, stepId: 'step-missing' })).rejects.toMatchObject({ code: 'not_found' })

    // A citation made by mistake is taken back: gone from the finding and from under the step.
    const unlinked = await client.call('findings.unlink', { findingId: evidence.id, runbookId: runbook.id, stepId: failover.id })
    expect(unlinked.links).toEqual([])
    expect(await client.call('runbooks.backlinks', { id: runbook.id })).toEqual([])
  })
})

describe('work on findings', () => {
  it('is work on their incident: its updated time moves, and it comes first in the list', async () => {
    const { client, incident } = await demo()
    const other = await client.call('incidents.create', { title: 'Created later' })
    expect((await client.call('incidents.list', {})).map((item) => item.id)).toEqual([other.id, incident.id])
    await new Promise((resolve) => setTimeout(resolve, 5))
    const anchors = { timeMs: 1, traceId: null, spanId: null, node: null, edge: null }
    await client.call('findings.create', { incidentId: incident.id, finding: finding({ anchors }) })
    const [first] = await client.call('incidents.list', {})
    expect(first.id).toBe(incident.id)
    expect(first.updatedAt).toBeGreaterThan(other.updatedAt)
  })
})

describe('a workspace another program is writing to', () => {
  it('makes a call say it is busy, rather than "database is locked"', async () => {
    const test = await startTestHost({ seedDemo: true })
    const client = await test.connect()
    const [incident] = await client.call('incidents.list', {})
    test.host.workspace.db.pragma('busy_timeout = 50')
    const other = new Database(test.host.workspace.path)
    other.exec('BEGIN IMMEDIATE')
    try {
      await expect(client.call('incidents.rename', { id: incident.id, title: 'Renamed' })).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(/^the workspace is busy: another import or export/),
      })
    } finally {
      other.exec('ROLLBACK')
      other.close()
    }
    expect((await client.call('incidents.rename', { id: incident.id, title: 'Renamed' })).title).toBe('Renamed')
  })
})

describe('full-text search', () => {
  it('ranks title matches first, matches prefixes as you type, and highlights terms', async () => {
    const { client, incident } = await demo()
    await client.call('runbooks.save', { markdown: checkoutRunbook })
    await client.call('runbooks.save', { markdown: readFileSync(join(runbooks, 'inventory-stock.md'), 'utf8') })
    await client.call('findings.create', {
      incidentId: incident.id,
      finding: finding({ title: 'Stock locks held by a long transaction', notes: 'inventory <script>alert(1)</script> reservations', anchors: { timeMs: 1, traceId: null, spanId: null, node: null, edge: null } }),
    })
    const hits = await client.call('search.query', { text: 'inventory' })
    expect(hits.map((hit) => hit.title)).toEqual(['Inventory reservations fail', 'Stock locks held by a long transaction'])
    expect(hits[1].snippet).toContain('<mark>inventory</mark>')
    expect(hits[1].snippet).toContain('&lt;script&gt;')
    expect((await client.call('search.query', { text: 'acqui' })).map((hit) => hit.title)).toEqual(['Checkout returns 502'])
    // Every word is the start of one, short ones too (no stemmer turning "reserv" into another prefix).
    expect((await client.call('search.query', { text: 'stock reserv' })).map((hit) => hit.title)).toContain('Stock locks held by a long transaction')
    expect((await client.call('search.query', { text: 'hel transact' })).map((hit) => hit.title)).toEqual(['Stock locks held by a long transaction'])
    expect(await client.call('search.query', { text: '"*' })).toEqual([])
  })

  it('finds a word inside Japanese, Chinese and Thai text, which has no spaces between words', async () => {
    const { client, incident } = await demo()
    const anchors = { timeMs: 1, traceId: null, spanId: null, node: null, edge: null }
    const ja = await client.call('findings.create', { incidentId: incident.id, finding: finding({ title: '決済サービスがタイムアウト', notes: '再起動してください', anchors }) })
    const zh = await client.call('findings.create', { incidentId: incident.id, finding: finding({ title: '支付服务超时', notes: '', anchors }) })
    await client.call('runbooks.save', { markdown: '# การชำระเงินล้มเหลว\n\n1. รีสตาร์ทบริการ\n' })
    const titles = async (text: string) => (await client.call('search.query', { text })).map((hit) => hit.title)
    expect(await titles('サービス')).toEqual([ja.title])
    expect(await titles('タイムアウト')).toEqual([ja.title])
    expect(await titles('服务')).toEqual([zh.title])
    expect(await titles('ชำระเงิน')).toEqual(['การชำระเงินล้มเหลว'])
    // A Thai word with vowel marks is not taken apart into pieces that match other words.
    await client.call('runbooks.save', { markdown: '# เงาของนกบนหลังคา\n\n1. ดูหลังคา\n' })
    expect(await titles('เงิน')).toEqual(['การชำระเงินล้มเหลว'])
    const [hit] = await client.call('search.query', { text: '起動' })
    expect(hit.snippet).toMatch(/^再<mark>起動<\/mark>してください /)
    // Edited, the finding is found by its new words only.
    await client.call('findings.update', { id: zh.id, finding: finding({ title: '数据库连接池耗尽', notes: '', anchors }) })
    expect(await titles('服务')).toEqual([])
    expect(await titles('连接')).toEqual(['数据库连接池耗尽'])
  })
})

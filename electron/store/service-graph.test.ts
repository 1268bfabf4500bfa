import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeLargeOtlp } from '../../e2e/fixtures/generate/large-otlp'
import { importFiles } from '../import/import-files'
import { importedIncident } from '../test-support/imported'
import { writeSplitCheckoutTraces } from '../test-support/split-trace'
import { tempDir } from '../test-support/temp'
import { migrate } from './migrations'
import { deriveServiceGraph } from './service-graph'
import { Workspace } from './workspace'

const data = join(import.meta.dirname, '..', '..', 'e2e', 'fixtures', 'data')


describe('the derived service graph', () => {
  it('turns cross-service parent→child pairs into calls, with errors and latency of the callee spans', () => {
    const { workspace, incidentId } = importedIncident('checkout.otlp.json')
    const graph = deriveServiceGraph(workspace.db, incidentId)
    const edge = (from: string, to: string) => graph.edges.find((e) => e.from === from && e.to === to)
    expect(edge('api-gateway', 'checkout-service')).toMatchObject({ calls: 1, errors: 1, messaging: false })
    expect(edge('checkout-service', 'payment-service')).toMatchObject({ calls: 1, errors: 1 })
    expect(edge('checkout-service', 'inventory-service')).toMatchObject({ calls: 1, errors: 0 })
    expect(edge('api-gateway', 'checkout-service')!.p95Ms).toBeGreaterThan(edge('checkout-service', 'payment-service')!.p95Ms)
    // PRODUCER → CONSUMER is messaging.
    expect(edge('checkout-service', 'notification-service')).toMatchObject({ calls: 1, messaging: true })
    // Calls inside one service (server → its own client and internal spans) make no edge.
    expect(graph.edges.filter((e) => e.from === e.to)).toEqual([])
  })

  it('adds uninstrumented callees of client spans with no child: peer.service, else server.address, else db.system', () => {
    const { workspace, incidentId } = importedIncident('checkout.otlp.json')
    const { nodes, edges } = deriveServiceGraph(workspace.db, incidentId)
    const node = (id: string) => nodes.find((n) => n.id === id)
    expect(node('fraud-api')).toEqual({ id: 'fraud-api', spans: 0, errorSpans: 0, uninstrumented: true, shape: 'external' })
    expect(node('pg-primary.shop.svc')).toMatchObject({ uninstrumented: true, shape: 'database' })
    expect(node('checkout-service')).toMatchObject({ uninstrumented: false, shape: 'service' })
    expect(node('checkout-service')!.spans).toBeGreaterThan(0)
    expect(edges.find((e) => e.from === 'inventory-service' && e.to === 'pg-primary.shop.svc')).toMatchObject({ calls: 2 })
  })

  it('derives the same graph from the Zipkin and Jaeger exports, and narrows to one trace', () => {
    const strip = (graph: ReturnType<typeof deriveServiceGraph>) => ({
      nodes: graph.nodes.map(({ id, spans, errorSpans, uninstrumented }) => ({ id, spans, errorSpans, uninstrumented })),
      edges: graph.edges.map(({ from, to, calls, errors }) => ({ from, to, calls, errors })),
    })
    const otlp = importedIncident('checkout.otlp.json')
    const reference = strip(deriveServiceGraph(otlp.workspace.db, otlp.incidentId))
    for (const file of ['checkout.zipkin.json', 'checkout.jaeger.json']) {
      const other = importedIncident(file)
      expect(strip(deriveServiceGraph(other.workspace.db, other.incidentId))).toEqual(reference)
    }
    const traceId = otlp.workspace.db.prepare("SELECT trace_id FROM spans WHERE name = 'GET /api/cart'").pluck().get() as string
    const cart = deriveServiceGraph(otlp.workspace.db, otlp.incidentId, traceId)
    expect(cart.nodes.map((n) => n.id)).not.toContain('payment-service')
    expect(cart.edges.map((e) => `${e.from}>${e.to}`)).toContain('api-gateway>cart-service')
  })

  it('is the same for traces whose spans are spread over several files, or exported twice', () => {
    const strip = (graph: ReturnType<typeof deriveServiceGraph>) => ({
      nodes: graph.nodes.map(({ id, spans, errorSpans, uninstrumented }) => ({ id, spans, errorSpans, uninstrumented })),
      edges: graph.edges.map(({ from, to, calls, errors, p50Ms }) => ({ from, to, calls, errors, p50Ms })),
    })
    const whole = importedIncident('checkout.otlp.json')
    const reference = strip(deriveServiceGraph(whole.workspace.db, whole.incidentId))
    const traceId = whole.workspace.db.prepare("SELECT trace_id FROM spans WHERE name = 'GET /api/cart'").pluck().get() as string
    const cart = strip(deriveServiceGraph(whole.workspace.db, whole.incidentId, traceId))

    const split = writeSplitCheckoutTraces(tempDir())
    const twice = importedIncident('checkout.otlp.json', 'checkout.jaeger.json')
    for (const { workspace, incidentId } of [importedIncident(split.gateway, split.services), importedIncident(split.services, split.gateway), twice]) {
      expect(strip(deriveServiceGraph(workspace.db, incidentId))).toEqual(reference)
      expect(strip(deriveServiceGraph(workspace.db, incidentId, traceId))).toEqual(cart)
    }
    // A third file holding the same traces again changes nothing.
    importFiles(twice.workspace, { incidentId: twice.incidentId }, [{ path: join(data, 'checkout.zipkin.json'), name: 'checkout.zipkin.json' }])
    expect(strip(deriveServiceGraph(twice.workspace.db, twice.incidentId))).toEqual(reference)
  })

  it('is worked out for trace files imported before the graph was stored (migration 8 backfills)', () => {
    const { workspace, incidentId } = importedIncident('checkout.otlp.json', 'checkout.jaeger.json')
    const expected = deriveServiceGraph(workspace.db, incidentId)
    // A workspace at schema 7 holding the same spans, as an older Casefile left it.
    const oldPath = join(tempDir(), 'v7.sqlite')
    const old = new Database(oldPath)
    migrate(old, 7)
    old.prepare('ATTACH DATABASE ? AS src').run(workspace.path)
    for (const table of ['incidents', 'artifacts', 'resources', 'spans']) {
      const columns = (old.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]).join(', ')
      old.exec(`INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM src.${table}`)
    }
    old.exec('DETACH DATABASE src')
    old.close()
    const upgraded = Workspace.open(oldPath)
    expect(deriveServiceGraph(upgraded.db, incidentId)).toEqual(expected)
    upgraded.close()
  })

  it('counts every call of a generated 20,000-span incident', async () => {
    const file = join(tempDir(), 'large.json')
    await writeLargeOtlp(file, 20_000, { traces: 200, services: 8 })
    const workspace = Workspace.open(join(tempDir(), 'w.sqlite'))
    const { incident } = importFiles(workspace, { title: 'large' }, [{ path: file, name: 'large.json' }])
    const graph = deriveServiceGraph(workspace.db, incident.id)
    const crossService = workspace.db
      .prepare('SELECT count(*) FROM spans c JOIN spans p ON p.trace_id = c.trace_id AND p.span_id = c.parent_span_id WHERE p.service <> c.service')
      .pluck()
      .get() as number
    const toInstrumented = graph.edges.filter((e) => !graph.nodes.find((n) => n.id === e.to)!.uninstrumented)
    expect(toInstrumented.reduce((sum, e) => sum + e.calls, 0)).toBe(crossService)
    expect(graph.nodes.filter((n) => !n.uninstrumented).reduce((sum, n) => sum + n.spans, 0)).toBe(20_000)
  })
})

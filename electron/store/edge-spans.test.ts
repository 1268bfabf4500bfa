import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeLargeOtlp } from '../../e2e/fixtures/generate/large-otlp'
import { importFiles } from '../import/import-files'
import { writeSplitCheckoutTraces } from '../test-support/split-trace'
import { tempDir } from '../test-support/temp'
import { edgeSpans } from './edge-spans'
import { deriveServiceGraph } from './service-graph'
import { Workspace } from './workspace'

const data = join(import.meta.dirname, '..', '..', 'e2e', 'fixtures', 'data')

function imported(path: string, name = 'checkout.otlp.json') {
  const workspace = Workspace.open(join(tempDir(), 'w.sqlite'))
  const { incident } = importFiles(workspace, { title: 'edges' }, [{ path, name }])
  return { db: workspace.db, incidentId: incident.id }
}

describe('the spans behind an edge', () => {
  it('lists the callee spans of a call, errors first, with the caller span that made it', () => {
    const { db, incidentId } = imported(join(data, 'checkout.otlp.json'))
    const { total, spans } = edgeSpans(db, { incidentId, from: 'api-gateway', to: 'checkout-service' })
    expect(total).toBe(1)
    expect(spans[0]).toMatchObject({ service: 'checkout-service', name: 'POST /v1/orders', callerName: 'POST', error: true })
    expect(spans[0].durationMs).toBeGreaterThan(0)
  })

  it('lists the client spans of calls to an uninstrumented callee', () => {
    const { db, incidentId } = imported(join(data, 'checkout.otlp.json'))
    const { total, spans } = edgeSpans(db, { incidentId, from: 'inventory-service', to: 'pg-primary.shop.svc' })
    expect(total).toBe(2)
    expect(spans.map((span) => span.name).sort()).toEqual(['SELECT shop.stock', 'UPDATE shop.stock'])
    expect(spans.every((span) => span.service === 'pg-primary.shop.svc')).toBe(true)
  })

  it('finds as many calls and errors behind every edge as the derived graph counts, in the incident and in one trace', () => {
    const { db, incidentId } = imported(join(data, 'checkout.otlp.json'))
    const traceId = db.prepare("SELECT trace_id FROM spans WHERE name = 'GET /api/cart'").pluck().get() as string
    for (const scope of [undefined, traceId]) {
      const graph = deriveServiceGraph(db, incidentId, scope)
      for (const edge of graph.edges) {
        const behind = edgeSpans(db, { incidentId, from: edge.from, to: edge.to, traceId: scope })
        expect({ edge: `${edge.from}>${edge.to}`, calls: behind.total, errors: behind.spans.filter((s) => s.error).length }).toEqual({
          edge: `${edge.from}>${edge.to}`,
          calls: edge.calls,
          errors: edge.errors,
        })
      }
    }
    expect(edgeSpans(db, { incidentId, from: 'checkout-service', to: 'payment-service', traceId }).total).toBe(0)
  })

  it('finds the calls between files of one trace, and a span in two files once', () => {
    const split = writeSplitCheckoutTraces(tempDir())
    const workspace = Workspace.open(join(tempDir(), 'w.sqlite'))
    const { incident } = importFiles(workspace, { title: 'split' }, [split.services, split.gateway, join(data, 'checkout.jaeger.json')].map((path) => ({ path, name: basename(path) })))
    const graph = deriveServiceGraph(workspace.db, incident.id)
    for (const edge of graph.edges) {
      const behind = edgeSpans(workspace.db, { incidentId: incident.id, from: edge.from, to: edge.to })
      expect({ edge: `${edge.from}>${edge.to}`, calls: behind.total }).toEqual({ edge: `${edge.from}>${edge.to}`, calls: edge.calls })
    }
    // The gateway (Zipkin file) calling the checkout service (OTLP file), listed once though the Jaeger file has it too.
    const { total, spans } = edgeSpans(workspace.db, { incidentId: incident.id, from: 'api-gateway', to: 'checkout-service' })
    expect(total).toBe(1)
    expect(spans[0]).toMatchObject({ name: 'POST /v1/orders', callerName: 'POST', error: true })
  })

  it('makes no edge of calls within a service, and stops at the limit while counting them all', async () => {
    const file = join(tempDir(), 'large.json')
    await writeLargeOtlp(file, 5_000, { traces: 50, services: 5 })
    const { db, incidentId } = imported(file, 'large.json')
    const busiest = deriveServiceGraph(db, incidentId).edges.reduce((a, b) => (b.calls > a.calls ? b : a))
    const behind = edgeSpans(db, { incidentId, from: busiest.from, to: busiest.to, limit: 10 })
    expect(behind.total).toBe(busiest.calls)
    expect(behind.spans).toHaveLength(Math.min(10, busiest.calls))
    const service = busiest.from
    expect(edgeSpans(db, { incidentId, from: service, to: service }).total).toBe(0)
  })
})

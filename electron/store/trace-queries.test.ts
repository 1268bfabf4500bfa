import { readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../import/import-files'
import { writeCheckoutTracesWithout, writeSplitCheckoutTraces } from '../test-support/split-trace'
import { tempDir } from '../test-support/temp'
import { listTraces, spansContaining } from './trace-queries'
import { Workspace } from './workspace'

type OtlpFile = { resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ traceId: string; name: string }> }> }> }
type SkewedFile = {
  resourceSpans: Array<{
    resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> }
    scopeSpans: Array<{ spans: Array<{ startTimeUnixNano: string; endTimeUnixNano: string }> }>
  }>
}

const data = join(import.meta.dirname, '..', '..', 'e2e', 'fixtures', 'data')

describe('the trace list', () => {
  it('names each trace by its root, the earliest span whose parent is not in the file, failing traces first', () => {
    const workspace = Workspace.open(join(tempDir(), 'w.sqlite'))
    const { incident } = importFiles(workspace, { title: 'checkout' }, [{ path: join(data, 'checkout.otlp.json'), name: 'checkout.otlp.json' }])
    const listed = listTraces(workspace.db, incident.id)
    expect(listed.map((trace) => [trace.rootService, trace.rootName, trace.errors > 0])).toEqual([
      ['api-gateway', 'POST /api/checkout', true],
      ['api-gateway', 'GET /api/cart', false],
    ])
    // Without its root span (an exporter that dropped it), the trace is named by the earliest of the spans it left parentless.
    const [failing] = listed
    const otlp = JSON.parse(readFileSync(join(data, 'checkout.otlp.json'), 'utf8')) as OtlpFile
    for (const resource of otlp.resourceSpans) {
      for (const scope of resource.scopeSpans) scope.spans = scope.spans.filter((span) => span.traceId !== failing.traceId || span.name !== failing.rootName)
    }
    const file = join(tempDir(), 'rootless.otlp.json')
    writeFileSync(file, JSON.stringify(otlp))
    const { incident: rootless } = importFiles(workspace, { title: 'rootless' }, [{ path: file, name: 'rootless.otlp.json' }])
    // Its two children are left parentless: "auth.verify_session" started first.
    const after = listTraces(workspace.db, rootless.id).find((trace) => trace.traceId === failing.traceId)!
    expect([after.rootService, after.rootName]).toEqual(['api-gateway', 'auth.verify_session'])
    expect(listed.map((trace) => trace.pieces)).toEqual([1, 1])
    expect(after.pieces).toBe(2)
    workspace.close()
  })

  it('counts the trees a trace\'s spans form over all its files: one trace exported to two files is whole, one that lost a service is in pieces', () => {
    const workspace = Workspace.open(join(tempDir(), 'w.sqlite'))
    const dir = tempDir()
    const { gateway, services } = writeSplitCheckoutTraces(dir)
    const split = importFiles(workspace, { title: 'split' }, [gateway, services].map((path) => ({ path, name: basename(path) })))
    // Each file alone holds pieces: the other file has their parents.
    expect(listTraces(workspace.db, split.incident.id).map((trace) => [trace.artifactIds.length, trace.pieces])).toEqual([
      [2, 1],
      [2, 1],
    ])
    const lost = writeCheckoutTracesWithout(dir, 'checkout-service')
    const { incident } = importFiles(workspace, { title: 'lost' }, [{ path: lost, name: basename(lost) }])
    expect(listTraces(workspace.db, incident.id).map((trace) => [trace.rootName, trace.pieces])).toEqual([
      ['POST /api/checkout', 4],
      ['GET /api/cart', 1],
    ])
    // With the gateway's own export too, whole in itself and holding the root: the pieces are still four.
    const both = importFiles(workspace, { title: 'lost, with the gateway' }, [gateway, lost].map((path) => ({ path, name: basename(path) })))
    expect(listTraces(workspace.db, both.incident.id).map((trace) => [trace.rootName, trace.artifactIds.length, trace.pieces])).toEqual([
      ['POST /api/checkout', 2, 4],
      ['GET /api/cart', 2, 1],
    ])
    workspace.close()
  })

  it('names a trace whose spans name each other as parents (no root at all) by its earliest span', () => {
    const workspace = Workspace.open(join(tempDir(), 'w.sqlite'))
    const { incident } = importFiles(workspace, { title: 'cycle' }, [{ path: join(data, 'bad', 'parent-cycle.otlp.json'), name: 'parent-cycle.otlp.json' }])
    const listed = listTraces(workspace.db, incident.id)
    expect(listed.map((trace) => [trace.rootService, trace.rootName])).toEqual([
      ['api-gateway', 'POST /api/checkout'],
      ['api-gateway', 'GET /api/cart'],
    ])
    workspace.close()
  })
})

describe('trace durations in the list', () => {
  it('are as the opened trace shows them: a host whose clock runs 5 s ahead does not stretch its traces', () => {
    const workspace = Workspace.open(join(tempDir(), 'w.sqlite'))
    const { incident: onTime } = importFiles(workspace, { title: 'on time' }, [{ path: join(data, 'checkout.otlp.json'), name: 'checkout.otlp.json' }])
    // The cart service's host, 5 s ahead of the others.
    const otlp = JSON.parse(readFileSync(join(data, 'checkout.otlp.json'), 'utf8')) as SkewedFile
    const ahead = (nanos: string) => String(BigInt(nanos) + 5_000_000_000n)
    for (const resource of otlp.resourceSpans) {
      if (!resource.resource.attributes.some((attribute) => attribute.key === 'service.name' && attribute.value.stringValue === 'cart-service')) continue
      for (const scope of resource.scopeSpans) for (const span of scope.spans) Object.assign(span, { startTimeUnixNano: ahead(span.startTimeUnixNano), endTimeUnixNano: ahead(span.endTimeUnixNano) })
    }
    const skewed = join(tempDir(), 'skewed.otlp.json')
    writeFileSync(skewed, JSON.stringify(otlp))
    const { incident: late } = importFiles(workspace, { title: 'skewed' }, [{ path: skewed, name: 'skewed.otlp.json' }])
    const cart = (incidentId: number) => listTraces(workspace.db, incidentId).find((trace) => trace.rootName === 'GET /api/cart')!
    expect(cart(late.id).durationNs).toBe(cart(onTime.id).durationNs)
    expect(cart(late.id).durationNs).toBeLessThan(1e9)
    workspace.close()
  })
})

describe('words in a trace', () => {
  it('are found in status messages, attribute values and events, any case, only in that trace', () => {
    const workspace = Workspace.open(join(tempDir(), 'w.sqlite'))
    const { incident } = importFiles(workspace, { title: 'checkout' }, [{ path: join(data, 'checkout.otlp.json'), name: 'checkout.otlp.json' }])
    const [failing, healthy] = listTraces(workspace.db, incident.id)
    const spanIds = (rowIds: number[]) => rowIds.map((rowId) => workspace.db.prepare('SELECT name FROM spans WHERE id = ?').pluck().get(rowId))
    const [acquirer, missing] = spansContaining(workspace.db, failing.artifactId, failing.traceId, ['ACQUIRER', 'no such words'])
    expect(spanIds(acquirer)).toContain('POST /v1/charges')
    expect(missing).toEqual([])
    expect(spansContaining(workspace.db, healthy.artifactId, healthy.traceId, ['acquirer'])).toEqual([[]])
    workspace.close()
  })
})

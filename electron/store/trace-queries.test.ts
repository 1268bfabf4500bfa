import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../import/import-files'
import { tempDir } from '../test-support/temp'
import { listTraces, spansContaining } from './trace-queries'
import { Workspace } from './workspace'

type OtlpFile = { resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ traceId: string; name: string }> }> }> }

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

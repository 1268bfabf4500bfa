import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../import/import-files'
import { tempDir } from '../test-support/temp'
import { listTraces, spansContaining } from './trace-queries'
import { Workspace } from './workspace'

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
    workspace.db.prepare("DELETE FROM spans WHERE trace_id = ? AND parent_span_id IS NULL").run(failing.traceId)
    const orphans = workspace.db
      .prepare(
        `SELECT s.service, s.name FROM spans s WHERE s.trace_id = ? AND NOT EXISTS (SELECT 1 FROM spans p WHERE p.trace_id = s.trace_id AND p.span_id = s.parent_span_id)
         ORDER BY s.start_ns LIMIT 1`,
      )
      .get(failing.traceId) as { service: string; name: string }
    const after = listTraces(workspace.db, incident.id).find((trace) => trace.traceId === failing.traceId)!
    expect([after.rootService, after.rootName]).toEqual([orphans.service, orphans.name])
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

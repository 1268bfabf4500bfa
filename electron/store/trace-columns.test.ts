import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../import/import-files'
import { tempDir } from '../test-support/temp'
import { loadTrace } from './trace-columns'
import { listTraces } from './trace-queries'
import { Workspace } from './workspace'

const data = join(import.meta.dirname, '..', '..', 'e2e', 'fixtures', 'data')

function checkoutIncident() {
  const workspace = Workspace.open(join(tempDir(), 'w.sqlite'))
  const { incident } = importFiles(workspace, { title: 'checkout' }, [{ path: join(data, 'checkout.otlp.json'), name: 'traces.json' }])
  return { workspace, traces: listTraces(workspace.db, incident.id) }
}

describe('trace columns', () => {
  it('are kept at import for every trace, and opening a trace reads them', () => {
    const { workspace, traces } = checkoutIncident()
    const kept = workspace.db.prepare('SELECT count(*) FROM trace_columns').pluck().get()
    expect(kept).toBe(traces.length)

    const [failing] = traces
    const trace = loadTrace(workspace.db, failing.artifactId, failing.traceId)
    expect(trace.spanId).toHaveLength(failing.spans)
    expect(trace.baseNs).toBe(failing.startNs)
    expect(trace.error.filter(Boolean)).toHaveLength(failing.errors)
    // In time order, parents found by position.
    expect(trace.start.every((start, i) => i === 0 || start >= trace.start[i - 1])).toBe(true)
    trace.parent.forEach((parent, i) => parent >= 0 && expect(trace.start[parent]).toBeLessThanOrEqual(trace.start[i]))
  })

  it('are worked out on first open for traces imported before they were kept, the same as at import', () => {
    const { workspace, traces } = checkoutIncident()
    const [failing] = traces
    const atImport = loadTrace(workspace.db, failing.artifactId, failing.traceId)
    workspace.db.exec('DELETE FROM trace_columns')

    expect(loadTrace(workspace.db, failing.artifactId, failing.traceId)).toEqual(atImport)
    expect(workspace.db.prepare('SELECT trace_id FROM trace_columns').pluck().all()).toEqual([failing.traceId])
  })

  it('say which trace is missing', () => {
    const { workspace, traces } = checkoutIncident()
    expect(() => loadTrace(workspace.db, traces[0].artifactId, '0'.repeat(32))).toThrow(/trace 0{32} is not in artifact/)
  })
})

import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { TraceData } from '../../shared/traces/trace-data'
import { importFiles } from '../import/import-files'
import { importedIncident } from '../test-support/imported'
import { writeSplitCheckoutTraces } from '../test-support/split-trace'
import { tempDir } from '../test-support/temp'
import { setClockOffset } from './clock'
import { loadTrace } from './trace-columns'
import { listTraces, spansContaining } from './trace-queries'
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

describe('a trace with spans in several files', () => {
  const incidentOf = (...paths: string[]) => {
    const { workspace, incidentId } = importedIncident(...paths)
    return { workspace, incidentId, traces: listTraces(workspace.db, incidentId) }
  }
  const shape = (trace: TraceData) =>
    new Map(trace.spanId.map((spanId, i) => [spanId, { parent: trace.parent[i] < 0 ? null : trace.spanId[trace.parent[i]], service: trace.services[trace.service[i]] }]))

  it('is one trace: listed once, led by the file of its root, opened with parents found across the files', () => {
    const whole = incidentOf(join(data, 'checkout.otlp.json'))
    const split = writeSplitCheckoutTraces(tempDir())
    const { workspace, traces } = incidentOf(split.services, split.gateway)
    const gatewayFile = workspace.db.prepare('SELECT id FROM artifacts WHERE file_name = ?').pluck().get('gateway.zipkin.json')

    expect(traces.map(({ traceId, rootService, rootName, spans, errors, startNs, durationNs }) => ({ traceId, rootService, rootName, spans, errors, startNs, durationNs }))).toEqual(
      whole.traces.map(({ traceId, rootService, rootName, spans, errors, startNs, durationNs }) => ({ traceId, rootService, rootName, spans, errors, startNs, durationNs })),
    )
    expect(traces.every((trace) => trace.artifactIds.length === 2 && trace.artifactId === gatewayFile && trace.artifactIds[0] === gatewayFile)).toBe(true)
    expect(new Set(traces[0].services)).toEqual(new Set(whole.traces[0].services))

    const [failing] = traces
    const joined = loadTrace(workspace.db, failing.artifactId, failing.traceId)
    expect(shape(joined)).toEqual(shape(loadTrace(whole.workspace.db, whole.traces[0].artifactId, failing.traceId)))
    expect(joined.parent.filter((parent) => parent < 0)).toHaveLength(1)
    // Opened from the other file (a finding's span there), it is the same trace.
    const otherFile = failing.artifactIds[1]
    expect(shape(loadTrace(workspace.db, otherFile, failing.traceId))).toEqual(shape(joined))
    // Words are found in the spans of either file.
    const [acquirer] = spansContaining(workspace.db, failing.artifactId, failing.traceId, ['acquirer'])
    expect(acquirer.map((rowId) => workspace.db.prepare('SELECT name FROM spans WHERE id = ?').pluck().get(rowId))).toContain('POST /v1/charges')
  })

  it("puts each file's spans on the lead file's clock with the offsets set", () => {
    const split = writeSplitCheckoutTraces(tempDir())
    const { workspace, incidentId, traces } = incidentOf(split.gateway, split.services)
    const [failing] = traces
    const before = loadTrace(workspace.db, failing.artifactId, failing.traceId)
    setClockOffset(workspace.db, failing.artifactIds[1], 250)

    const after = loadTrace(workspace.db, failing.artifactId, failing.traceId)
    const startOf = (trace: TraceData, service: string) => {
      const i = trace.service.findIndex((index) => trace.services[index] === service)
      return BigInt(trace.baseNs) + BigInt(trace.start[i])
    }
    expect(startOf(after, 'payment-service') - startOf(before, 'payment-service')).toBe(250_000_000n)
    expect(startOf(after, 'api-gateway')).toBe(startOf(before, 'api-gateway'))
    const [listed] = listTraces(workspace.db, incidentId)
    expect(listed.startNs).toBe(failing.startNs)
    expect(listed.durationNs).toBeGreaterThan(failing.durationNs + 200e6)
  })

  it('counts and shows a span exported to two files once', () => {
    const whole = incidentOf(join(data, 'checkout.otlp.json'))
    const { workspace, traces } = incidentOf(join(data, 'checkout.otlp.json'), join(data, 'checkout.jaeger.json'))
    expect(traces.map(({ traceId, spans, errors }) => ({ traceId, spans, errors }))).toEqual(whole.traces.map(({ traceId, spans, errors }) => ({ traceId, spans, errors })))
    const [failing] = traces
    const joined = loadTrace(workspace.db, failing.artifactId, failing.traceId)
    expect(shape(joined)).toEqual(shape(loadTrace(whole.workspace.db, whole.traces[0].artifactId, failing.traceId)))
    // The copies opened are the lead file's.
    const files = new Set(joined.rowId.map((rowId) => workspace.db.prepare('SELECT artifact_id FROM spans WHERE id = ?').pluck().get(rowId)))
    expect(files).toEqual(new Set([failing.artifactId]))
  })

  it('lists a trace exported to two files of different clock offsets as long as the copies it shows make it', () => {
    const whole = incidentOf(join(data, 'checkout.otlp.json'))
    const { workspace, incidentId, traces } = incidentOf(join(data, 'checkout.otlp.json'), join(data, 'checkout.jaeger.json'))
    setClockOffset(workspace.db, traces[0].artifactIds[1], 500)
    const listed = listTraces(workspace.db, incidentId)
    const fields = (items: typeof traces) => items.map(({ traceId, artifactId, startNs, durationNs, spans }) => ({ traceId, artifactId, startNs, durationNs, spans }))
    expect(fields(listed)).toEqual(fields(traces))
    expect(listed.map((item) => item.durationNs)).toEqual(whole.traces.map((item) => item.durationNs))
    // Opened, it starts where the list says (the later copies are not shown, and do not move its start either).
    const opened = loadTrace(workspace.db, listed[0].artifactId, listed[0].traceId)
    expect(opened.baseNs).toBe(listed[0].startNs)
    expect(Math.max(...opened.start.map((start, i) => start + opened.duration[i]))).toBe(listed[0].durationNs)
  })

  it("lists a trace's start on the incident clock, with the offset of the file it opens from", () => {
    const { workspace, incidentId, traces } = incidentOf(join(data, 'checkout.otlp.json'))
    setClockOffset(workspace.db, traces[0].artifactId, -500)
    const [listed] = listTraces(workspace.db, incidentId)
    expect(BigInt(listed.startNs)).toBe(BigInt(traces[0].startNs) - 500_000_000n)
  })
})

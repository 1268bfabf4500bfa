import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../import/import-files'
import { tempDir } from '../test-support/temp'
import { alignSessions, setClockOffset } from './clock'
import { sessionOutline } from './sessions'
import { listTraces } from './trace-queries'
import { Workspace } from './workspace'

const data = join(import.meta.dirname, '..', '..', 'e2e', 'fixtures', 'data')

function incidentWith(sessionFile: string) {
  const workspace = Workspace.open(join(tempDir(), 'w.sqlite'))
  const { incident } = importFiles(workspace, { title: 'checkout' }, [
    { path: sessionFile, name: 'session.json' },
    { path: join(data, 'checkout.otlp.json'), name: 'traces.json' },
  ])
  return { workspace, incidentId: incident.id }
}

describe('one clock for a recording and its traces', () => {
  it('links request markers to their traces: the failed checkout names the failing trace', () => {
    const { workspace, incidentId } = incidentWith(join(data, 'checkout-session.rrweb.json'))
    const session = workspace.incidentView(incidentId).artifacts.find((a) => a.summary.kind === 'session')!
    const failed = sessionOutline(workspace.db, session.id).markers.find((m) => m.kind === 'request' && m.failed)!
    const [failing] = listTraces(workspace.db, incidentId)
    expect(failed.traceId).toBe(failing.traceId)
    // The server's root span is the child of the browser span the traceparent named.
    expect(workspace.db.prepare('SELECT name FROM spans WHERE trace_id = ? AND parent_span_id = ?').pluck().get(failed.traceId, failed.spanId)).toBe('POST /api/checkout')
    expect(failed.durationMs).toBeGreaterThan(0)
  })

  it('needs no offset when browser and servers agree', () => {
    const { workspace, incidentId } = incidentWith(join(data, 'checkout-session.rrweb.json'))
    expect(alignSessions(workspace.db, incidentId)).toEqual([expect.objectContaining({ offsetMs: 0, linked: 2, consistent: true, currentOffsetMs: 0 })])
  })

  it('finds the offset of a recording whose clock ran 7 s ahead, and keeps the offset set', () => {
    const events = JSON.parse(readFileSync(join(data, 'checkout-session.rrweb.json'), 'utf8')) as Array<{ timestamp: number }>
    const skewed = join(tempDir(), 'skewed.json')
    writeFileSync(skewed, JSON.stringify(events.map((event) => ({ ...event, timestamp: event.timestamp + 7_000 }))))
    const { workspace, incidentId } = incidentWith(skewed)
    const [alignment] = alignSessions(workspace.db, incidentId)
    expect(alignment.consistent).toBe(true)
    expect(alignment.offsetMs).toBeLessThan(-6_500)
    expect(alignment.offsetMs).toBeGreaterThan(-7_500)
    setClockOffset(workspace.db, alignment.artifactId, alignment.offsetMs)
    expect(workspace.incidentView(incidentId).artifacts.find((a) => a.id === alignment.artifactId)!.clockOffsetMs).toBe(alignment.offsetMs)
    expect(alignSessions(workspace.db, incidentId)[0].currentOffsetMs).toBe(alignment.offsetMs)
  })
})

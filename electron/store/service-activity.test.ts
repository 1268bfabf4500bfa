import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { servicesActiveAt } from '../../shared/graph/service-activity'
import { importFiles } from '../import/import-files'
import { tempDir } from '../test-support/temp'
import { setClockOffset } from './clock'
import { serviceActivity } from './service-activity'
import { listTraces } from './trace-queries'
import { Workspace } from './workspace'

const data = join(import.meta.dirname, '..', '..', 'e2e', 'fixtures', 'data')

describe('service activity', () => {
  it('tells which services are at work at a moment, on the incident clock', () => {
    const workspace = Workspace.open(join(tempDir(), 'w.sqlite'))
    const { incident } = importFiles(workspace, { title: 'checkout' }, [{ path: join(data, 'checkout.otlp.json'), name: 'traces.json' }])
    const [failing] = listTraces(workspace.db, incident.id)
    const startMs = Number(BigInt(failing.startNs) / 1_000_000n)

    // Just after the checkout began, only the gateway is at work (verifying the session).
    const atStart = servicesActiveAt(serviceActivity(workspace.db, incident.id), startMs + 1)
    expect([...atStart]).toEqual(['api-gateway'])
    // While the charge is authorized, the whole chain down to payments is.
    const activity = serviceActivity(workspace.db, incident.id)
    const charging = servicesActiveAt(activity, startMs + 250)
    expect([...charging].sort()).toEqual(['api-gateway', 'checkout-service', 'payment-service'])
    // Intervals are merged: sorted and apart.
    for (const intervals of Object.values(activity)) intervals.forEach(([start, end], i) => expect(start <= end && (i === 0 || start > intervals[i - 1][1])).toBe(true))

    // A trace file's clock offset moves its services' activity.
    setClockOffset(workspace.db, failing.artifactId, 10_000)
    expect(servicesActiveAt(serviceActivity(workspace.db, incident.id), startMs + 250).size).toBe(0)
    expect([...servicesActiveAt(serviceActivity(workspace.db, incident.id), startMs + 10_250)].sort()).toEqual(['api-gateway', 'checkout-service', 'payment-service'])
  })
})

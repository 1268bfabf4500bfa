import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../test-support/temp'
import { createFinding } from './findings'
import { Workspace } from './workspace'

const anchors = { timeMs: 1, traceId: null, spanId: null, node: null, edge: null }
const input = (title: string) => ({ title, notes: '', severity: 'low' as const, tags: [], author: '', anchors })

describe('incident and finding ids', () => {
  it('are never given twice, also after the newest was deleted and the workspace reopened', () => {
    const path = join(tempDir(), 'w.sqlite')
    let workspace = Workspace.open(path)
    const kept = workspace.createIncident('Kept')
    const doomed = workspace.createIncident('Doomed')
    const finding = createFinding(workspace.db, doomed.id, input('Written for Doomed'))
    workspace.deleteIncident(doomed.id)
    workspace.close()

    workspace = Workspace.open(path)
    const next = workspace.createIncident('Innocent new incident')
    expect(next.id).toBeGreaterThan(doomed.id)
    expect(createFinding(workspace.db, kept.id, input('Another')).id).toBeGreaterThan(finding.id)
    workspace.close()
  })
})

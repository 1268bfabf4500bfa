import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../test-support/temp'
import { deleteDiagram, saveDiagram } from './diagrams'
import { createFinding } from './findings'
import { deleteRunbook, saveRunbook } from './runbooks'
import { Workspace } from './workspace'

const anchors = { timeMs: 1, traceId: null, spanId: null, node: null, edge: null }
const input = (title: string) => ({ title, notes: '', severity: 'low' as const, tags: [], author: '', anchors })

describe('incident, finding, diagram and runbook ids', () => {
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

  it('of a deleted diagram or runbook never come to mean a newer one (an embed, a window’s draft)', () => {
    const path = join(tempDir(), 'w.sqlite')
    let workspace = Workspace.open(path)
    const diagram = saveDiagram(workspace.db, { title: 'Payments boundary', content: { nodes: [], edges: [] } })
    const runbook = saveRunbook(workspace.db, { markdown: `# Payments\n\n![Payments boundary](casefile:diagram/${diagram.id})\n` })
    deleteDiagram(workspace.db, diagram.id)
    deleteRunbook(workspace.db, runbook.id)
    workspace.close()

    workspace = Workspace.open(path)
    expect(saveDiagram(workspace.db, { title: 'Unrelated funnel', content: { nodes: [], edges: [] } }).id).toBeGreaterThan(diagram.id)
    expect(saveRunbook(workspace.db, { markdown: '# Unrelated\n' }).id).toBeGreaterThan(runbook.id)
    workspace.close()
  })
})

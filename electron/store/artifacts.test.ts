import { describe, expect, it } from 'vitest'
import { importedIncident } from '../test-support/imported'
import { writeSplitCheckoutTraces } from '../test-support/split-trace'
import { tempDir } from '../test-support/temp'
import { removeArtifact } from './artifacts'
import { createFinding, getFinding } from './findings'
import { deriveServiceGraph } from './service-graph'
import { loadTrace } from './trace-columns'
import { listTraces } from './trace-queries'
import type { Workspace } from './workspace'

function imported(...files: string[]) {
  const incident = importedIncident(...files)
  return { ...incident, ids: incident.workspace.db.prepare('SELECT id FROM artifacts ORDER BY id').pluck().all() as number[] }
}

/** What a user sees of an incident's traces: the list, the graph, each trace opened. */
function tracesOf({ workspace, incidentId }: { workspace: Workspace; incidentId: number }) {
  const list = listTraces(workspace.db, incidentId)
  const graph = deriveServiceGraph(workspace.db, incidentId)
  return {
    list: list.map(({ traceId, rootName, spans, errors, durationNs }) => ({ traceId, rootName, spans, errors, durationNs })),
    graph: { nodes: graph.nodes.map(({ id, spans, errorSpans }) => ({ id, spans, errorSpans })), edges: graph.edges.map(({ from, to, calls, errors }) => ({ from, to, calls, errors })) },
    opened: list.map((item) => loadTrace(workspace.db, item.artifactId, item.traceId).spanId.toSorted()),
  }
}

describe('removing a file from an incident', () => {
  it('leaves a trace it shared with another file as that file alone has it', () => {
    const split = writeSplitCheckoutTraces(tempDir())
    const servicesAlone = tracesOf(imported(split.services))
    const both = imported(split.gateway, split.services)
    expect(tracesOf(both)).not.toEqual(servicesAlone)

    expect(removeArtifact(both.workspace.db, both.ids[0])).toEqual({ incidentId: both.incidentId })
    expect(tracesOf(both)).toEqual(servicesAlone)
  })

  it('keeps the findings on its spans, which then say their span is missing', () => {
    const split = writeSplitCheckoutTraces(tempDir())
    const { workspace, incidentId, ids } = imported(split.gateway, split.services)
    const spanOf = (artifactId: number) => workspace.db.prepare('SELECT trace_id AS traceId, span_id AS spanId FROM spans WHERE artifact_id = ? LIMIT 1').get(artifactId) as { traceId: string; spanId: string }
    const onSpan = (artifactId: number) =>
      createFinding(workspace.db, incidentId, { title: 'x', notes: '', severity: 'low', tags: [], author: '', anchors: { timeMs: null, ...spanOf(artifactId), node: null, edge: null } })
    const [gatewaySpan, servicesSpan] = [onSpan(ids[0]), onSpan(ids[1])]
    expect(gatewaySpan.spanMissing).toBeUndefined()

    removeArtifact(workspace.db, ids[0])
    expect(getFinding(workspace.db, gatewaySpan.id).spanMissing).toBe(true)
    expect(getFinding(workspace.db, servicesSpan.id).spanMissing).toBeUndefined()
  })

  it('of a trace exported twice, leaves the other copy whole, whichever file goes', () => {
    const alone = tracesOf(imported('checkout.jaeger.json'))
    for (const gone of [0, 1]) {
      const twice = imported('checkout.otlp.json', 'checkout.jaeger.json')
      const kept = imported(gone === 0 ? 'checkout.jaeger.json' : 'checkout.otlp.json')
      removeArtifact(twice.workspace.db, twice.ids[gone])
      expect(tracesOf(twice)).toEqual(tracesOf(kept))
      expect(tracesOf(twice).list).toEqual(alone.list)
    }
  })

  it('takes a recording with its chunks and markers, and keeps the incident and its other files', () => {
    const { workspace, incidentId, ids } = imported('checkout-session.rrweb.json', 'checkout.otlp.json')
    const session = workspace.db.prepare("SELECT id FROM artifacts WHERE kind = 'session'").pluck().get() as number
    const rows = (table: string) => workspace.db.prepare(`SELECT count(*) FROM ${table} WHERE artifact_id = ?`).pluck().get(session)
    expect(rows('session_chunks')).toBeGreaterThan(0)

    removeArtifact(workspace.db, session)
    expect(workspace.incidentView(incidentId).artifacts.map((artifact) => artifact.id)).toEqual(ids.filter((id) => id !== session))
    expect([rows('session_chunks'), rows('session_markers')]).toEqual([0, 0])
    expect(removeArtifact(workspace.db, session)).toBeNull()
  })
})

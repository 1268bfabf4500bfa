import '@xyflow/react/dist/style.css'
import '../styles/diagram.css'
import { useEffect, useState } from 'react'
import { useIsGuest } from '../app/guest'
import { useFocus, useFocusStore } from '../focus/focus'
import { plural } from '../format/numbers'
import type { TraceArtifact } from '../panes/artifacts'
import { EmptyState } from '../panes/EmptyState'
import { Pane } from '../panes/Pane'
import { AuthoredView } from './authored/AuthoredView'
import { DerivedView } from './derived/DerivedView'
import { useDerivedGraph } from './derived/useDerivedGraph'
import { type DiagramMode, DiagramModeSwitch } from './DiagramModeSwitch'

/** The incident's service diagram: derived from its traces, or drawn by hand. */
export function DiagramPane({ traces }: { traces: readonly TraceArtifact[] }) {
  const [mode, setMode] = useState<DiagramMode>('derived')
  const guest = useIsGuest()
  // A diagram asked for from elsewhere (the command palette) shows in the Drawn tab.
  const requested = useFocus((state) => state.diagram)
  useEffect(() => {
    if (requested) setMode('authored')
  }, [requested])
  // A call picked from elsewhere (a finding restored) shows in the Derived tab, its spans listed.
  const pickedEdge = useFocus((state) => state.edge)
  useEffect(() => {
    if (pickedEdge !== null) setMode('derived')
  }, [pickedEdge])
  // The Drawn tab shows no derived call, nor its spans: a call picked there is let go.
  const focus = useFocusStore()
  const showMode = (next: DiagramMode) => {
    if (next === 'authored') focus.set({ edge: null })
    setMode(next)
  }
  const incidentId = traces[0]?.incidentId ?? null
  const derived = useDerivedGraph(
    incidentId,
    traces.map((trace) => trace.id).join(','),
    traces.map((trace) => `${trace.id}@${trace.clockOffsetMs}`).join(','),
  )
  const graph = derived.graph.data
  return (
    <Pane
      title="Diagram"
      testId="pane-diagram"
      paneId="diagram"
      summary={
        mode === 'derived' &&
        graph &&
        graph.nodes.length > 0 && (
          <span data-testid="diagram-service-count">
            {plural(graph.nodes.length, 'service')} · {plural(graph.edges.length, 'edge')}
          </span>
        )
      }
    >
      <div className="dg-pane">
        <DiagramModeSwitch mode={mode} onChange={showMode} />
        {mode === 'derived' &&
          (incidentId === null ? (
            <EmptyState title="No services yet" testId="diagram-empty" offerImport={false}>
              The service graph is drawn from the spans once traces are imported.
            </EmptyState>
          ) : (
            <DerivedView incidentId={incidentId} queries={derived} />
          ))}
        {mode === 'authored' &&
          (guest ? (
            <p className="dg-message" data-testid="diagram-guest-note">
              Drawn diagrams stay in the host’s workspace: a guest sees the diagram made from the traces.
            </p>
          ) : (
            <AuthoredView graph={graph} traceGraph={derived.trace.data ?? null} requested={requested} />
          ))}
      </div>
    </Pane>
  )
}

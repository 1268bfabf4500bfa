import { useEffect, useMemo, useState } from 'react'
import { MaximizedPaneContext, type PaneId, panesAskedFor } from './maximizedPane'
import { Group, type Layout, type LayoutChangedMeta, Panel, Separator } from 'react-resizable-panels'
import type { Artifact } from '../../shared/domain/model'
import { DiagramPane } from '../diagram/DiagramPane'
import { useFocusStore } from '../focus/focus'
import { ReplayPane } from '../replay/ReplayPane'
import { TracesPane } from '../traces/TracesPane'
import { sessionArtifacts, traceArtifacts } from './artifacts'

export type PaneSizes = [number, number, number]

const PANE_IDS: readonly PaneId[] = ['replay', 'traces', 'diagram']
const DEFAULT_SIZES: PaneSizes = [40, 35, 25]

const isValidSizes = (sizes: readonly number[] | undefined): sizes is PaneSizes =>
  sizes?.length === 3 && sizes.every((size) => Number.isFinite(size) && size > 0) && Math.abs(sizes[0] + sizes[1] + sizes[2] - 100) < 1

interface IncidentPanesProps {
  artifacts: readonly Artifact[]
  /** Sizes (percentages) to start with; read once, when the group mounts. */
  initialSizes: readonly number[] | undefined
  onSizesChange: (sizes: PaneSizes) => void
}

/** Replay, Traces and Diagram side by side, resizable, on one clock (the replay's playhead; IncidentScope provides it). */
export function IncidentPanes({ artifacts, initialSizes, onSizesChange }: IncidentPanesProps) {
  const sessions = useMemo(() => sessionArtifacts(artifacts), [artifacts])
  const traces = useMemo(() => traceArtifacts(artifacts), [artifacts])

  // The group reads its default layout on mount only.
  const [defaultLayout] = useState<Layout>(() => {
    const sizes = isValidSizes(initialSizes) ? initialSizes : DEFAULT_SIZES
    return Object.fromEntries(PANE_IDS.map((id, i) => [id, sizes[i]]))
  })

  const [maximized, setMaximized] = useState<PaneId | null>(null)
  const maximizedPane = useMemo(() => ({ maximized, toggle: (pane: PaneId) => setMaximized((shown) => (shown === pane ? null : pane)) }), [maximized])

  // Something asks to show a pane kept out of sight (a finding's moment in the replay, a call's trace):
  // all three come back, so the engineer sees both where they were and where it led.
  const focus = useFocusStore()
  useEffect(() => {
    if (!maximized) return
    let before = focus.get()
    return focus.subscribe(() => {
      const after = focus.get()
      if (panesAskedFor(before, after).some((pane) => pane !== maximized)) setMaximized(null)
      before = after
    })
  }, [focus, maximized])

  const handleLayoutChanged = (layout: Layout, meta: LayoutChangedMeta) => {
    // Sizes while one pane is maximized are not the ones to come back to.
    if (!meta.isUserInteraction || maximized) return
    const chosen = meta.requestedLayout ?? layout
    const sizes = PANE_IDS.map((id) => chosen[id])
    if (isValidSizes(sizes)) onSizesChange(sizes)
  }

  const panel = (id: PaneId) => ({ id, 'data-testid': `panel-${id}`, className: 'pane-panel', 'data-maximized': maximized === id || undefined })
  return (
    <MaximizedPaneContext.Provider value={maximizedPane}>
      <Group
        id="incident-panes"
        className="pane-group"
        orientation="horizontal"
        defaultLayout={defaultLayout}
        onLayoutChanged={handleLayoutChanged}
        data-maximized={maximized ?? undefined}
      >
        <Panel {...panel('replay')} minSize="180px">
          <ReplayPane sessions={sessions} />
        </Panel>
        <Separator className="pane-separator" aria-label="Resize Replay and Traces" data-testid="separator-replay-traces" />
        <Panel {...panel('traces')} minSize="180px">
          <TracesPane traces={traces} />
        </Panel>
        <Separator className="pane-separator" aria-label="Resize Traces and Diagram" data-testid="separator-traces-diagram" />
        <Panel {...panel('diagram')} minSize="160px">
          <DiagramPane traces={traces} />
        </Panel>
      </Group>
    </MaximizedPaneContext.Provider>
  )
}

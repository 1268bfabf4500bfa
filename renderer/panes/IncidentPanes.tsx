import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react'
import { MaximizedPaneContext, type PaneId, panesAskedFor } from './maximizedPane'
import { Group, type Layout, type LayoutChangedMeta, Panel, Separator } from 'react-resizable-panels'
import type { Artifact } from '../../shared/domain/model'
import { DiagramPane } from '../diagram/DiagramPane'
import { useFocusStore } from '../focus/focus'
import { ReplayPane } from '../replay/ReplayPane'
import { TracesPane } from '../traces/TracesPane'
import { focusWhenReady } from '../app/focusWhenReady'
import { useElementSize } from '../app/useElementSize'
import { sessionArtifacts, traceArtifacts } from './artifacts'

export type PaneSizes = [number, number, number]

const PANE_IDS: readonly PaneId[] = ['replay', 'traces', 'diagram']
const PANE_TITLES: Record<PaneId, string> = { replay: 'Replay', traces: 'Traces', diagram: 'Diagram' }
const DEFAULT_SIZES: PaneSizes = [40, 35, 25]
/**
 * Narrower than this (a small window, a zoomed page), three panes side by side leave each too
 * small to use: one shows at a time, picked by tabs, the others kept as they were.
 */
const ONE_AT_A_TIME_PX = 640

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

  const frame = useRef<HTMLDivElement>(null)
  const width = useElementSize(frame).width
  const oneAtATime = width > 0 && width < ONE_AT_A_TIME_PX
  const [maximized, setMaximized] = useState<PaneId | null>(null)
  const [tab, setTab] = useState<PaneId>('replay')
  // Narrowed with one pane maximized, that pane is the one shown.
  const [wasOneAtATime, setWasOneAtATime] = useState(oneAtATime)
  if (wasOneAtATime !== oneAtATime) {
    setWasOneAtATime(oneAtATime)
    if (oneAtATime && maximized) setTab(maximized)
  }
  const shown = oneAtATime ? tab : maximized
  const [covered, setCovered] = useState(false)
  const maximizedPane = useMemo(
    () => ({
      maximized: shown,
      oneAtATime,
      toggle: (pane: PaneId) => (oneAtATime ? setTab(pane) : setMaximized((current) => (current === pane ? null : pane))),
      cover: setCovered,
    }),
    [shown, oneAtATime],
  )

  // Something asks to show a pane kept out of sight (a finding's moment in the replay, a call's trace):
  // all three come back, so the engineer sees both where they were and where it led; one at a
  // time, that pane's tab is taken.
  const focus = useFocusStore()
  useEffect(() => {
    if (!shown) return
    let before = focus.get()
    return focus.subscribe(() => {
      const after = focus.get()
      const [asked] = panesAskedFor(before, after).filter((pane) => pane !== shown)
      if (asked && oneAtATime) {
        // The keyboard was in the pane going out of sight: it goes to the tab of the one shown.
        if (frame.current?.querySelector(`[data-panel][id="${shown}"]`)?.contains(document.activeElement)) {
          focusWhenReady(() => frame.current?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]'))
        }
        setTab(asked)
      } else if (asked) setMaximized(null)
      before = after
    })
  }, [focus, shown, oneAtATime])

  const handleLayoutChanged = (layout: Layout, meta: LayoutChangedMeta) => {
    // Sizes while one pane is maximized are not the ones to come back to.
    if (!meta.isUserInteraction || shown) return
    const chosen = meta.requestedLayout ?? layout
    const sizes = PANE_IDS.map((id) => chosen[id])
    if (isValidSizes(sizes)) onSizesChange(sizes)
  }

  const panel = (id: PaneId) => ({ id, 'data-testid': `panel-${id}`, className: 'pane-panel', 'data-maximized': shown === id || undefined })
  return (
    <MaximizedPaneContext.Provider value={maximizedPane}>
      <div className="incident-panes" ref={frame}>
        {oneAtATime && <PaneTabs shown={tab} onShow={setTab} />}
        <Group
          id="incident-panes"
          className="pane-group"
          orientation="horizontal"
          defaultLayout={defaultLayout}
          onLayoutChanged={handleLayoutChanged}
          disabled={covered}
          data-maximized={shown ?? undefined}
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
      </div>
    </MaximizedPaneContext.Provider>
  )
}

/** The tabs picking the one pane shown; the arrow keys, Home and End move between them. */
function PaneTabs({ shown, onShow }: { shown: PaneId; onShow: (pane: PaneId) => void }) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = PANE_IDS.indexOf(((event.target as HTMLElement).dataset.pane as PaneId | undefined) ?? shown)
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: PANE_IDS.length - 1 }[event.key]
    if (next === undefined) return
    event.preventDefault()
    const pane = PANE_IDS[(next + PANE_IDS.length) % PANE_IDS.length]
    onShow(pane)
    event.currentTarget.querySelector<HTMLElement>(`[data-pane="${pane}"]`)?.focus()
  }
  return (
    <div className="pane-tabs" role="tablist" aria-label="Pane shown" onKeyDown={onKeyDown}>
      {PANE_IDS.map((pane) => (
        <button
          key={pane}
          type="button"
          role="tab"
          className="tv-tab"
          data-pane={pane}
          data-testid={`pane-tab-${pane}`}
          aria-selected={pane === shown}
          aria-controls={pane}
          tabIndex={pane === shown ? 0 : -1}
          onClick={() => onShow(pane)}
        >
          {PANE_TITLES[pane]}
        </button>
      ))}
    </div>
  )
}

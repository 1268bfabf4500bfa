import { type Connection, ReactFlowProvider, useReactFlow } from '@xyflow/react'
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import type { Diagram, DiagramContent, DiagramNode } from '../../../shared/diagrams/model'
import { node as newNode } from '../../../shared/diagrams/model'
import type { ServiceGraph } from '../../../shared/graph/service-graph'
import { useApi } from '../../api/ApiProvider'
import { errorMessage, failedWith } from '../../api/errors'
import { useFocusStore } from '../../focus/focus'
import { draftKey, savedDraftKey, useDiagramDrafts } from './drafts'
import { DiagramCanvas, fitViewOptions } from './canvas/DiagramCanvas'
import { useMaximizedPane } from '../../panes/maximizedPane'
import { EditorActionsContext, type LiveServices, LiveServicesContext } from './canvas/EditorContext'
import { EditorToolbar } from './EditorToolbar'
import { exportMermaid, exportPng, exportSvg } from './exportFiles'
import { Inspector } from './Inspector'
import { layOutDiagram } from './layout/layoutClient'
import { copySelection, type Fragment, paste, remove } from './logic/clipboard'
import { type DiagramFlowEdge, type DiagramFlowNode, type DiagramNodeData, edgeAriaLabel, fromFlow, nodeAriaLabel, sameContent, toFlow } from './logic/flowModel'
import { absolutePosition, freeSpot, GRID, regroup, snap } from '../../../shared/diagrams/geometry'
import { canRedo, canUndo, type History, record, redo, startHistory, undo } from './logic/history'
import { editorCommand } from './logic/shortcuts'
import { RevisionsPanel } from './RevisionsPanel'

/** A diagram in the editor: saved (with an id) or not yet. */
export interface EditedDiagram {
  id: number | null
  title: string
  revisionId: number | null
  content: DiagramContent
}

interface DiagramEditorProps {
  diagram: EditedDiagram
  /** This opening of the editor: a new diagram's draft goes by it until saved. */
  opening: string
  /** The open incident's derived graph (bound nodes show its data), and the open trace's. */
  graph: ServiceGraph | undefined
  traceGraph: ServiceGraph | null
  expanded: boolean
  onExpandedChange: (expanded: boolean) => void
  onSaved: (diagram: Diagram) => void
  onClose: () => void
}

export function DiagramEditor(props: DiagramEditorProps) {
  return (
    <ReactFlowProvider>
      <Editor {...props} />
    </ReactFlowProvider>
  )
}

/** Shared by every editor: copy in one diagram, paste in another. */
let clipboard: Fragment | null = null
let nextId = 0
const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(nextId++).toString(36)}`

function Editor({ diagram, opening, graph, traceGraph, expanded, onExpandedChange, onSaved, onClose }: DiagramEditorProps) {
  const api = useApi()
  const focus = useFocusStore()
  const flow = useReactFlow<DiagramFlowNode, DiagramFlowEdge>()
  // Out of the full-window editor (or into it), or with the diagram pane maximized (or given
  // back), the drawing is fitted to the new size.
  const paneMaximized = useMaximizedPane()?.maximized === 'diagram'
  const size = `${expanded} ${paneMaximized}`
  const wasSize = useRef(size)
  useEffect(() => {
    if (wasSize.current === size) return
    wasSize.current = size
    requestAnimationFrame(() => void flow.fitView(fitViewOptions))
  }, [size, flow])
  const drafts = useDiagramDrafts()
  // Edits left unsaved last time come back, one undo away from the saved diagram.
  const [resumed] = useState(() => drafts.get(draftKey(diagram.id, opening)))
  // Edits left on a revision another window has saved over since: they stay based on the one they
  // were made on, and the newer save is offered (mine or theirs) rather than replaced unasked.
  const [base] = useState<EditedDiagram>(() => (resumed && resumed.base.revisionId !== diagram.revisionId ? resumed.base : diagram))
  const [initial] = useState(() => toFlow(resumed?.content ?? diagram.content))
  const [nodes, setNodes] = useState(initial.nodes)
  const [edges, setEdges] = useState(initial.edges)
  const [history, setHistory] = useState<History<DiagramContent>>(() =>
    resumed ? record(startHistory(base.content), resumed.content, sameContent) : startHistory(base.content),
  )
  const [saved, setSaved] = useState<EditedDiagram>({ id: base.id, title: base.title, revisionId: base.revisionId, content: base.content })
  const [title, setTitle] = useState(resumed?.title ?? diagram.title)
  const [snapOn, setSnapOn] = useState(true)
  const [showRevisions, setShowRevisions] = useState(false)
  const [status, setStatus] = useState<{ error: boolean; text: string } | null>(null)
  const [saving, setSaving] = useState(false)
  // Saved elsewhere (another window) since this drawing was opened: mine or theirs, the user says.
  const [theirs, setTheirs] = useState<EditedDiagram | null>(base === diagram ? null : diagram)
  // Deleted elsewhere since it was opened: these edits can still become a diagram of their own.
  const [deletedElsewhere, setDeletedElsewhere] = useState(false)
  const [layingOut, setLayingOut] = useState(false)
  const labelInput = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null)
  const pasteCount = useRef(0)
  const rootRef = useRef<HTMLDivElement>(null)

  // The latest state, for handlers that run between renders.
  const latest = useRef({ nodes, edges, history })
  latest.current = { nodes, edges, history }

  /** Shows `content` (an undo step, a restore, a layout) and selects `selectedIds`. */
  const show = useCallback((content: DiagramContent, selectedIds: ReadonlySet<string> = new Set()) => {
    const next = toFlow(content, selectedIds)
    setNodes(next.nodes)
    setEdges(next.edges)
  }, [])

  /** Records a step that changes the drawing, and shows it. */
  const apply = useCallback(
    (content: DiagramContent, selectedIds?: ReadonlySet<string>) => {
      setHistory((current) => record(current, content, sameContent))
      show(content, selectedIds)
    },
    [show],
  )

  // xyflow has already moved, resized or relabelled: record that as a step once React has rendered it.
  const [commitRequest, setCommitRequest] = useState<{ regroup: string[] } | null>(null)
  const commit = useCallback(() => setCommitRequest((current) => current ?? { regroup: [] }), [])
  useEffect(() => {
    if (!commitRequest) return
    setCommitRequest(null)
    const content = fromFlow(nodes, edges)
    const regrouped = commitRequest.regroup.length > 0 ? regroup(content, commitRequest.regroup) : content
    if (regrouped !== content) apply(regrouped, new Set(commitRequest.regroup))
    else setHistory((current) => record(current, content, sameContent))
  }, [commitRequest, nodes, edges, apply])

  const current = () => fromFlow(latest.current.nodes, latest.current.edges)
  // Nodes and edges apart: an imported diagram's edge may share an id with a node.
  const selection = () => {
    const chosen = <T extends { id: string; selected?: boolean }>(items: T[]) => new Set(items.filter((item) => item.selected).map((item) => item.id))
    return { nodes: chosen(latest.current.nodes), edges: chosen(latest.current.edges) }
  }
  const nothingIn = (chosen: ReturnType<typeof selection>) => chosen.nodes.size + chosen.edges.size === 0
  // What had focus may be about to go: keys then still reach the editor (Ctrl+Z right after Delete).
  const keepFocus = () => rootRef.current?.focus({ preventScroll: true })
  // Opened from the list, whose button goes away: the editor takes the keys (Ctrl+S, Ctrl+Z) at once.
  useEffect(() => {
    if (!rootRef.current?.contains(document.activeElement)) keepFocus()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const viewCenter = (): { x: number; y: number } => {
    const pane = document.querySelector('.dg-editor .react-flow')?.getBoundingClientRect()
    if (!pane) return { x: 0, y: 0 }
    return flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
  }

  const add = (kind: DiagramNode['kind']) => {
    const size = kind === 'group' ? { width: 320, height: 208 } : kind === 'note' ? { width: 192, height: 64 } : { width: 160, height: 56 }
    const center = viewCenter()
    const content = current()
    const byId = new Map(content.nodes.map((item) => [item.id, item]))
    // Groups may overlap what they are drawn around; nodes go beside the others.
    const taken = content.nodes.filter((item) => item.kind !== 'group').map((item) => ({ ...absolutePosition(item, byId), width: item.width, height: item.height }))
    const spot = { x: snap(center.x - size.width / 2), y: snap(center.y - size.height / 2) }
    const placed = newNode({
      id: newId(kind),
      kind,
      label: kind === 'group' ? 'Region' : kind === 'note' ? '' : 'service',
      ...(kind === 'group' ? spot : freeSpot({ ...spot, ...size }, taken)),
      ...(kind === 'group' ? { boundary: 'region' as const } : {}),
      ...size,
    })
    // Drawn now, so its label field can take the keys at once: typed right after Enter on the Add
    // button, a key must not reach the button (or the app's shortcuts) while a big drawing renders.
    flushSync(() =>
      apply(kind === 'group' ? { ...content, nodes: [placed, ...content.nodes] } : regroup({ ...content, nodes: [...content.nodes, placed] }, [placed.id]), new Set([placed.id])),
    )
    labelInput.current?.select()
    requestAnimationFrame(() => {
      // Keep the new node in sight (it may land beside the others, off screen).
      const pane = document.querySelector('.dg-editor .react-flow')?.getBoundingClientRect()
      if (pane) {
        const topLeft = flow.screenToFlowPosition({ x: pane.left, y: pane.top })
        const bottomRight = flow.screenToFlowPosition({ x: pane.right, y: pane.bottom })
        const box = { ...absolutePosition(placed, new Map([...byId, [placed.id, placed]])), width: placed.width, height: placed.height }
        const inSight = box.x >= topLeft.x && box.y >= topLeft.y && box.x + box.width <= bottomRight.x && box.y + box.height <= bottomRight.y
        if (!inSight) void flow.fitView(fitViewOptions)
      }
    })
  }

  const onConnect = (connection: Connection) => {
    if (!connection.source || !connection.target || connection.source === connection.target) return
    const content = current()
    const id = newId('edge')
    apply({ ...content, edges: [...content.edges, { id, source: connection.source, target: connection.target, label: '' }] }, new Set([id]))
  }
  // From the inspector (the keyboard's way to draw an edge): the new edge is selected, its label field takes the keys.
  const connectFrom = (source: string, target: string) => {
    flushSync(() => onConnect({ source, target, sourceHandle: null, targetHandle: null }))
    labelInput.current?.focus()
  }

  const save = async ({ replacingTheirs = false, asNew = false } = {}) => {
    if (saving) return
    const content = current()
    const name = title.trim() || 'Untitled diagram'
    // What is saved is a step of its own, though a label being typed is recorded only when its field is left.
    setHistory((steps) => record(steps, content, sameContent))
    setSaving(true)
    try {
      const basedOn = saved.revisionId === null || replacingTheirs || asNew ? {} : { basedOn: saved.revisionId }
      const result = await api.call('diagrams.save', { ...(saved.id === null || asNew ? {} : { id: saved.id }), title: name, content, ...basedOn })
      // Saved anew: the draft of the diagram that is gone goes with it.
      if (asNew && saved.id !== null) drafts.delete(savedDraftKey(saved.id))
      setSaved({ id: result.id, title: result.title, revisionId: result.revisionId, content: result.content })
      setTheirs(null)
      setDeletedElsewhere(false)
      setStatus({ error: false, text: 'Saved' })
      onSaved(result)
    } catch (error) {
      if (failedWith(error, 'conflict') && saved.id !== null) {
        const newer = await api.call('diagrams.get', { id: saved.id }).catch(() => null)
        if (newer) return setTheirs(newer)
      }
      if (failedWith(error, 'not_found') && saved.id !== null) return setDeletedElsewhere(true)
      setStatus({ error: true, text: `Could not save: ${errorMessage(error)}` })
    } finally {
      setSaving(false)
    }
  }

  /** Drops these edits for the drawing saved elsewhere. */
  const takeTheirs = () => {
    if (!theirs) return
    setSaved({ id: theirs.id, title: theirs.title, revisionId: theirs.revisionId, content: theirs.content })
    setTitle(theirs.title)
    apply(theirs.content)
    setTheirs(null)
    setStatus(null)
  }

  const layOut = async () => {
    if (layingOut) return
    const content = current()
    setLayingOut(true)
    try {
      const laid = await layOutDiagram(content)
      // Edited meanwhile: the layout is of a drawing that is gone.
      if (!sameContent(current(), content)) return
      apply(laid)
      requestAnimationFrame(() => void flow.fitView({ ...fitViewOptions, maxZoom: 1.25 }))
    } catch (error) {
      setStatus({ error: true, text: `Could not lay out: ${errorMessage(error)}` })
    } finally {
      setLayingOut(false)
    }
  }

  const restore = async (revisionId: number) => {
    if (saved.id === null) return
    try {
      const result = await api.call('diagrams.restore', { id: saved.id, revisionId })
      setSaved({ id: result.id, title: result.title, revisionId: result.revisionId, content: result.content })
      setTheirs(null)
      setTitle(result.title)
      apply(result.content)
      setStatus({ error: false, text: 'Restored as a new revision' })
      onSaved(result)
    } catch (error) {
      setStatus({ error: true, text: `Could not restore: ${errorMessage(error)}` })
    }
  }

  const run = (command: ReturnType<typeof editorCommand>) => {
    const { history: steps } = latest.current
    switch (command) {
      case 'undo':
      case 'redo': {
        const next = command === 'undo' ? undo(steps) : redo(steps)
        if (next === steps) return
        setHistory(next)
        show(next.present)
        return
      }
      case 'save':
        void save()
        return
      case 'copy':
      case 'cut':
      case 'duplicate': {
        const chosen = selection()
        const fragment = copySelection(current(), chosen.nodes)
        if (fragment.nodes.length === 0) return
        if (command === 'duplicate') {
          const pasted = paste(current(), fragment, { x: GRID * 2, y: GRID * 2 }, () => newId('copy'))
          apply(pasted.content, new Set(pasted.pastedIds))
          return
        }
        clipboard = fragment
        pasteCount.current = 0
        if (command === 'cut') {
          keepFocus()
          apply(remove(current(), chosen.nodes, chosen.edges))
        }
        return
      }
      case 'paste': {
        if (!clipboard) return
        pasteCount.current += 1
        const offset = GRID * 2 * pasteCount.current
        const pasted = paste(current(), clipboard, { x: offset, y: offset }, () => newId('copy'))
        apply(pasted.content, new Set(pasted.pastedIds))
        return
      }
      case 'selectAll':
        setNodes((all) => all.map((item) => ({ ...item, selected: true })))
        setEdges((all) => all.map((item) => ({ ...item, selected: true })))
        return
      case 'delete': {
        const chosen = selection()
        if (nothingIn(chosen)) return
        keepFocus()
        apply(remove(current(), chosen.nodes, chosen.edges))
        return
      }
      case null:
        return
    }
  }

  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement
    const command = editorCommand({
      key: event.key,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      shiftKey: event.shiftKey,
      altKey: event.altKey,
      inField: target.matches('input, textarea, select, [contenteditable="true"]'),
    })
    if (command) {
      event.preventDefault()
      run(command)
    } else if (event.key === 'Escape' && expanded && nothingIn(selection())) onExpandedChange(false)
  }

  // What screen readers call the nodes and edges follows their labels as they are typed.
  const dataOf = (id: string) => latest.current.nodes.find((item) => item.id === id)?.data
  const changeNode = (id: string, patch: Partial<DiagramNodeData>) => {
    const data = { ...dataOf(id)!, ...patch }
    setNodes((all) => all.map((item) => (item.id === id ? { ...item, data, ariaLabel: nodeAriaLabel(item.type ?? 'service', data) } : item)))
    // Only a new name changes what its edges are called: a shape picked, or a node without edges, leaves the edges as they are.
    const touches = (item: DiagramFlowEdge) => item.source === id || item.target === id
    if (!('label' in patch || 'service' in patch) || !latest.current.edges.some(touches)) return
    const named = (end: string) => (end === id ? data : dataOf(end))
    setEdges((all) =>
      all.map((item) => (touches(item) ? { ...item, ariaLabel: edgeAriaLabel(named(item.source), named(item.target), item.data?.label ?? '') } : item)),
    )
  }
  const changeEdgeLabel = (id: string, label: string) =>
    setEdges((all) => all.map((item) => (item.id === id ? { ...item, data: { label }, ariaLabel: edgeAriaLabel(dataOf(item.source), dataOf(item.target), label) } : item)))

  const selectedNodes = nodes.filter((item) => item.selected)
  const selectedEdges = edges.filter((item) => item.selected)
  const inspected = selectedNodes.length + selectedEdges.length === 1 ? { node: selectedNodes[0] ?? null, edge: selectedEdges[0] ?? null } : null

  // A drawn node bound to one of the incident's services, picked alone, picks that service (as
  // the derived graph's nodes do): a finding written now anchors it, the traces show those through it.
  const boundService = inspected?.node?.data.service ?? null
  const pickedService = boundService !== null && graph?.nodes.some((service) => service.id === boundService) ? boundService : null
  useEffect(() => {
    if (pickedService !== null) focus.set({ service: pickedService, edge: null })
  }, [pickedService, focus])

  const live = useMemo<LiveServices>(
    () => ({ byService: new Map((graph?.nodes ?? []).map((service) => [service.id, service])), traced: traceGraph ? new Set(traceGraph.nodes.map((service) => service.id)) : null }),
    [graph, traceGraph],
  )
  const services = useMemo(() => (graph?.nodes ?? []).map((service) => service.id), [graph])
  // What is drawn now: a label being typed is in it, though it becomes an undo step only when its field is left.
  const drawn = useMemo(() => fromFlow(nodes, edges), [nodes, edges])
  const edited = title.trim() !== saved.title || !sameContent(drawn, saved.content)
  const dirty = edited || saved.id === null
  useEffect(() => {
    // A new diagram saved at last is a draft of that diagram from then on.
    if (saved.id !== null && diagram.id === null) drafts.delete(opening)
    const key = draftKey(saved.id, opening)
    if (edited) drafts.set(key, { base: saved, title, content: drawn })
    else drafts.delete(key)
  }, [drafts, opening, diagram.id, saved, edited, title, drawn])
  const actions = useMemo(() => ({ commit }), [commit])

  return (
    <div className="dg-editor" ref={rootRef} onKeyDown={onKeyDown} tabIndex={-1} data-testid="diagram-editor" data-laying-out={layingOut || undefined}>
      <EditorToolbar
        title={title}
        onTitleChange={setTitle}
        dirty={dirty}
        saving={saving}
        status={status}
        canUndo={canUndo(history)}
        canRedo={canRedo(history)}
        snapOn={snapOn}
        canSeeRevisions={saved.id !== null}
        showRevisions={showRevisions}
        expanded={expanded}
        onAdd={add}
        onUndo={() => run('undo')}
        onRedo={() => run('redo')}
        layingOut={layingOut}
        onLayout={() => void layOut()}
        onSnapChange={setSnapOn}
        onSave={() => void save()}
        onRevisions={() => setShowRevisions((shown) => !shown)}
        onExport={(format) => {
          const content = current()
          const name = title.trim() || 'diagram'
          if (format === 'mermaid') exportMermaid(name, content)
          else if (format === 'svg') exportSvg(name, content)
          else exportPng(name, content).catch((error: unknown) => setStatus({ error: true, text: `Could not export: ${errorMessage(error)}` }))
        }}
        onExpand={() => onExpandedChange(!expanded)}
        onClose={onClose}
      />
      {deletedElsewhere && (
        <div className="dg-conflict" role="alert" data-testid="diagram-deleted-elsewhere">
          <span>Deleted elsewhere since you opened it. Save it as a new diagram to keep your drawing.</span>
          <button type="button" className="button button-primary" data-testid="diagram-save-as-new" disabled={saving} onClick={() => void save({ asNew: true })}>
            Save as new diagram
          </button>
        </div>
      )}
      {theirs && (
        <div className="dg-conflict" role="alert" data-testid="diagram-conflict">
          <span>
            Saved elsewhere since you opened it{theirs.title !== title.trim() ? ` (now “${theirs.title}”)` : ''}. Save mine to replace that save (it stays in Revisions), or load theirs
            to drop your edits.
          </span>
          <button type="button" className="button" data-testid="diagram-take-theirs" onClick={takeTheirs}>
            Load theirs
          </button>
          <button type="button" className="button button-primary" data-testid="diagram-replace-theirs" disabled={saving} onClick={() => void save({ replacingTheirs: true })}>
            Save mine
          </button>
        </div>
      )}
      <div className="dg-editor-body">
        <div className="dg-canvas" data-testid="diagram-canvas">
          <LiveServicesContext.Provider value={live}>
            <EditorActionsContext.Provider value={actions}>
              <DiagramCanvas
                nodes={nodes}
                edges={edges}
                setNodes={setNodes}
                setEdges={setEdges}
                snapToGrid={snapOn}
                onConnect={onConnect}
                onMoved={(ids) => setCommitRequest({ regroup: ids })}
                onNodeDoubleClick={() => requestAnimationFrame(() => labelInput.current?.select())}
                onOverviewPick={(id) => {
                  setNodes((all) => all.map((item) => (item.selected === (item.id === id) ? item : { ...item, selected: item.id === id })))
                  setEdges((all) => all.map((item) => (item.selected ? { ...item, selected: false } : item)))
                }}
              />
            </EditorActionsContext.Provider>
          </LiveServicesContext.Provider>
          {nodes.length === 0 && <p className="dg-canvas-hint">Add a service, a boundary or a note; drag from a node’s edge to another node to connect them, or pick one in “Connect to”.</p>}
        </div>
        {showRevisions && saved.id !== null && (
          <RevisionsPanel diagramId={saved.id} currentRevisionId={saved.revisionId} version={saved.revisionId ?? 0} onRestore={(id) => void restore(id)} onClose={() => setShowRevisions(false)} />
        )}
      </div>
      {inspected && (
        <Inspector
          node={inspected.node}
          edge={inspected.edge}
          services={services}
          others={nodes.filter((item) => item.type === 'service' && item.id !== inspected.node?.id)}
          edges={edges}
          labelInput={labelInput}
          onNodeChange={changeNode}
          onEdgeLabelChange={changeEdgeLabel}
          onConnect={connectFrom}
          onDone={commit}
        />
      )}
    </div>
  )
}

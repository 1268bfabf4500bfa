import { useEffect, useRef, useState } from 'react'
import { MAX_MESSAGE_BYTES } from '../../../shared/api/wire'
import type { Diagram } from '../../../shared/diagrams/model'
import type { ServiceGraph } from '../../../shared/graph/service-graph'
import { useApi } from '../../api/ApiProvider'
import { errorMessage } from '../../api/errors'
import { useQuery } from '../../api/useQuery'
import { TrashIcon } from '../../app/icons'
import { formatRelative } from '../../format/time'
import { DeleteDiagramConfirm } from './DeleteDiagramConfirm'
import { DiagramEditor, type EditedDiagram } from './DiagramEditor'
import { savedDraftKey, useDiagramDrafts } from './drafts'
import { seedFromGraph } from './logic/seedFromGraph'
import { useMaximizedPane } from '../../panes/maximizedPane'

/** What one call can carry, less room for the rest of the message. */
const MAX_DIAGRAM_FILE_BYTES = MAX_MESSAGE_BYTES - 64 * 1024

interface AuthoredViewProps {
  /** The open incident's derived graph: bound nodes light up with it; "Start from traces" copies it. */
  graph: ServiceGraph | undefined
  traceGraph: ServiceGraph | null
  /** A diagram to open, asked for from elsewhere; a new `serial` asks again. */
  requested: { id: number; serial: number } | null
}

/** Diagrams drawn by hand or imported (workspace-wide), and the editor for one of them. */
export function AuthoredView({ graph, traceGraph, requested }: AuthoredViewProps) {
  const api = useApi()
  const drafts = useDiagramDrafts()
  const [version, setVersion] = useState(0)
  const list = useQuery((client) => client.call('diagrams.list', {}), [version])
  const [open, setOpen] = useState<(EditedDiagram & { key: string }) | null>(null)
  const [expanded, setExpanded] = useState(false)
  const panes = useMaximizedPane()
  useEffect(() => {
    if (!expanded || !panes) return
    panes.cover(true)
    return () => panes.cover(false)
  }, [expanded, panes])
  const [problem, setProblem] = useState<string | null>(null)
  const [deleting, setDeleting] = useState<number | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)

  const edit = (diagram: Diagram) => setOpen({ key: `${diagram.id}:${diagram.revisionId}`, id: diagram.id, title: diagram.title, revisionId: diagram.revisionId, content: diagram.content })
  const openSaved = async (id: number) => {
    try {
      edit(await api.call('diagrams.get', { id }))
      setProblem(null)
    } catch (error) {
      setProblem(`Could not open the diagram: ${errorMessage(error)}`)
    }
  }
  const requestedSerial = requested?.serial
  useEffect(() => {
    if (requested) void openSaved(requested.id)
    // Once per request, not again when the opener changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestedSerial])
  const remove = async (id: number) => {
    try {
      await api.call('diagrams.delete', { id })
      drafts.delete(savedDraftKey(id))
      setProblem(null)
    } catch (error) {
      setProblem(`Could not delete the diagram: ${errorMessage(error)}`)
    }
    setDeleting(null)
    setVersion((n) => n + 1)
  }
  const importFile = async (file: File) => {
    const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MB`
    if (file.size > MAX_DIAGRAM_FILE_BYTES) {
      setProblem(`Could not import ${file.name}: it is ${mb(file.size)}; a diagram file is at most ${mb(MAX_DIAGRAM_FILE_BYTES)}.`)
      return
    }
    try {
      const diagram = await api.call('diagrams.import', { name: file.name, text: await file.text() })
      setVersion((n) => n + 1)
      setProblem(null)
      edit(diagram)
    } catch (error) {
      // The host's reasons name the file already.
      const reason = errorMessage(error)
      setProblem(`Could not import ${reason.startsWith(`${file.name}: `) ? reason : `${file.name}: ${reason}`}`)
    }
  }

  // New diagrams left unsaved, listed first until saved.
  const newDrafts = [...drafts].filter(([, draft]) => draft.base.id === null)

  return (
    <div className="dg-authored" data-expanded={expanded || undefined} data-testid="authored-view">
      {open ? (
        <DiagramEditor
          key={open.key}
          diagram={open}
          opening={open.key}
          graph={graph}
          traceGraph={traceGraph}
          expanded={expanded}
          onExpandedChange={setExpanded}
          onSaved={() => setVersion((n) => n + 1)}
          onClose={() => {
            setOpen(null)
            setExpanded(false)
          }}
        />
      ) : (
        <div className="dg-library">
          <div className="dg-library-actions">
            <button type="button" className="button dg-button" data-testid="diagram-new" onClick={() => setOpen({ key: `new:${Date.now()}`, id: null, title: 'Untitled diagram', revisionId: null, content: { nodes: [], edges: [] } })}>
              New diagram
            </button>
            <button
              type="button"
              className="button dg-button"
              disabled={!graph || graph.nodes.length === 0}
              title="A diagram of this incident’s services and calls, to arrange and annotate"
              data-testid="diagram-from-traces"
              onClick={() => graph && setOpen({ key: `seed:${Date.now()}`, id: null, title: 'Services from traces', revisionId: null, content: seedFromGraph(graph) })}
            >
              Start from traces
            </button>
            <button type="button" className="button dg-button" title="draw.io / diagrams.net (.drawio, .xml) or Mermaid flowchart (.mmd)" data-testid="diagram-import" onClick={() => fileInput.current?.click()}>
              Import…
            </button>
            <input
              ref={fileInput}
              type="file"
              hidden
              accept=".drawio,.xml,.mmd,.mermaid,.txt"
              data-testid="diagram-import-input"
              onChange={(event) => {
                const file = event.target.files?.[0]
                event.target.value = ''
                if (file) void importFile(file)
              }}
            />
          </div>
          {problem && (
            <p className="dg-problem" role="alert" data-testid="diagram-problem">
              {problem}
              <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setProblem(null)}>
                ×
              </button>
            </p>
          )}
          {list.error ? (
            <p className="dg-message dg-message-error">Could not list the diagrams: {errorMessage(list.error)}</p>
          ) : list.data && list.data.length === 0 && newDrafts.length === 0 ? (
            <p className="dg-message">No diagrams yet. Draw one, start from this incident’s traces, or import a draw.io or Mermaid file.</p>
          ) : (
            <ul className="dg-library-list" aria-label="Diagrams">
              {newDrafts.map(([key, draft]) => (
                <li key={key} className="dg-library-row">
                  <button type="button" className="dg-library-item" data-testid="diagram-item" data-draft="new" onClick={() => setOpen({ ...draft.base, key })}>
                    <span className="dg-library-title">{draft.title.trim() || 'Untitled diagram'}</span>
                    <span className="dg-library-detail dg-library-unsaved">not saved yet</span>
                  </button>
                </li>
              ))}
              {(list.data ?? []).map((summary) =>
                deleting === summary.id ? (
                  <DeleteDiagramConfirm key={summary.id} summary={summary} onKeep={() => setDeleting(null)} onDelete={() => void remove(summary.id)} />
                ) : (
                  <li key={summary.id} className="dg-library-row">
                    <button type="button" className="dg-library-item" data-testid="diagram-item" data-draft={drafts.has(savedDraftKey(summary.id)) ? 'edited' : undefined} onClick={() => void openSaved(summary.id)}>
                      <span className="dg-library-title">{summary.title}</span>
                      <span className="dg-library-detail">
                        {formatRelative(summary.updatedAt)} · {summary.revisions} revision{summary.revisions === 1 ? '' : 's'}
                        {drafts.has(savedDraftKey(summary.id)) && <span className="dg-library-unsaved"> · unsaved changes</span>}
                      </span>
                    </button>
                    <button type="button" className="icon-button dg-library-delete" aria-label={`Delete “${summary.title}”`} title="Delete" data-testid="diagram-delete" onClick={() => setDeleting(summary.id)}>
                      <TrashIcon />
                    </button>
                  </li>
                ),
              )}
            </ul>
          )}
        </div>
      )}
    </div>
  )
}

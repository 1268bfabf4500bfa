import { type KeyboardEvent, type RefObject, useRef, useState } from 'react'
import type { DiagramNode } from '../../../shared/diagrams/model'
import { BOUNDARY_NAMES } from './canvas/GroupNode'
import type { DiagramFlowEdge, DiagramFlowNode, DiagramNodeData } from './logic/flowModel'

interface InspectorProps {
  node: DiagramFlowNode | null
  edge: DiagramFlowEdge | null
  /** Services of the open incident, offered for binding. */
  services: readonly string[]
  /** The diagram's other service nodes, and its edges: what a service node can be connected to. */
  others: readonly DiagramFlowNode[]
  edges: readonly DiagramFlowEdge[]
  labelInput: RefObject<HTMLInputElement | HTMLTextAreaElement | null>
  onNodeChange: (id: string, patch: Partial<DiagramNodeData>) => void
  onEdgeLabelChange: (id: string, label: string) => void
  /** Draws an edge from `source` to `target`. */
  onConnect: (source: string, target: string) => void
  /** A field was left: record the edit as one undo step. */
  onDone: () => void
}

const SHAPES: Array<[DiagramNode['shape'], string]> = [
  ['service', 'Service'],
  ['database', 'Database'],
  ['external', 'External'],
]

/** Label, binding and kind of the one selected node or edge. */
export function Inspector({ node, edge, services, others, edges, labelInput, onNodeChange, onEdgeLabelChange, onConnect, onDone }: InspectorProps) {
  if (!node && !edge) return null
  // The nodes the picked one calls already: not offered again.
  const connected = new Set(edges.flatMap((item) => (item.source === node?.id ? [item.target] : [])))
  const onKeyDown = (event: KeyboardEvent) => {
    // Enter ends the edit and hands the keyboard back to the canvas (for Delete, Ctrl+Z, ...).
    if (event.key === 'Enter' && !(event.target instanceof HTMLTextAreaElement)) event.currentTarget.closest<HTMLElement>('.dg-editor')?.focus()
  }
  return (
    <div className="dg-inspector" data-testid="diagram-inspector" onKeyDown={onKeyDown}>
      {edge && (
        <label className="dg-field">
          <span>Edge label</span>
          <input
            ref={labelInput as RefObject<HTMLInputElement>}
            className="input"
            value={edge.data?.label ?? ''}
            placeholder="e.g. POST /charges"
            data-testid="inspector-label"
            onChange={(event) => onEdgeLabelChange(edge.id, event.target.value)}
            onBlur={onDone}
          />
        </label>
      )}
      {node && (
        <>
          <label className="dg-field dg-field-wide">
            <span>{node.type === 'note' ? 'Note' : node.type === 'group' ? 'Boundary name' : 'Label'}</span>
            {node.type === 'note' ? (
              <textarea
                ref={labelInput as RefObject<HTMLTextAreaElement>}
                className="input dg-textarea"
                value={node.data.label}
                data-testid="inspector-label"
                onChange={(event) => onNodeChange(node.id, { label: event.target.value })}
                onBlur={onDone}
              />
            ) : (
              <input
                ref={labelInput as RefObject<HTMLInputElement>}
                className="input"
                value={node.data.label}
                data-testid="inspector-label"
                onChange={(event) => onNodeChange(node.id, { label: event.target.value })}
                onBlur={onDone}
              />
            )}
          </label>
          {node.type === 'service' && (
            <>
              <label className="dg-field">
                <span>Bound to service</span>
                <input
                  className="input"
                  list="dg-known-services"
                  value={node.data.service ?? ''}
                  placeholder="none"
                  data-testid="inspector-service"
                  onChange={(event) => onNodeChange(node.id, { service: event.target.value || null })}
                  // Trimmed once typed: a name with a space in it can be typed.
                  onBlur={(event) => {
                    const typed = event.target.value.trim() || null
                    if (typed !== node.data.service) onNodeChange(node.id, { service: typed })
                    onDone()
                  }}
                />
                <datalist id="dg-known-services">
                  {services.map((service) => (
                    <option key={service} value={service} />
                  ))}
                </datalist>
              </label>
              {others.length > 0 && <ConnectField source={node.id} others={others} connected={connected} onConnect={onConnect} />}
              <label className="dg-field">
                <span>Shape</span>
                <select
                  className="input"
                  value={node.data.shape}
                  data-testid="inspector-shape"
                  onChange={(event) => {
                    onNodeChange(node.id, { shape: event.target.value as DiagramNode['shape'] })
                    onDone()
                  }}
                >
                  {SHAPES.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </label>
            </>
          )}
          {node.type === 'group' && (
            <label className="dg-field">
              <span>Boundary</span>
              <select
                className="input"
                value={node.data.boundary ?? ''}
                data-testid="inspector-boundary"
                onChange={(event) => {
                  onNodeChange(node.id, { boundary: (event.target.value || undefined) as DiagramNode['boundary'] })
                  onDone()
                }}
              >
                <option value="">Group</option>
                {Object.entries(BOUNDARY_NAMES).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
          )}
        </>
      )}
    </div>
  )
}

/** Keys that move through a closed list's options (Chromium picks each one it passes: a change). */
const browsesOptions = (key: string) => key.startsWith('Arrow') || key === 'Home' || key === 'End' || key === 'PageUp' || key === 'PageDown' || key.length === 1

interface ConnectFieldProps {
  source: string
  others: readonly DiagramFlowNode[]
  connected: ReadonlySet<string>
  onConnect: (source: string, target: string) => void
}

/**
 * Draws an edge to the node picked. A pick with the pointer (or in the open list) draws it at once;
 * keys moving through the closed list only pick, and Enter draws, so each option can be passed on
 * the way to the one wanted.
 */
function ConnectField({ source, others, connected, onConnect }: ConnectFieldProps) {
  const [picked, setPicked] = useState('')
  const browsing = useRef(false)
  return (
    <label className="dg-field">
      <span>Connect to</span>
      <select
        className="input"
        value={picked}
        data-testid="inspector-connect"
        title="Pick a node; with the arrow keys, Enter connects"
        onPointerDown={() => (browsing.current = false)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && picked) {
            event.preventDefault()
            // The new edge's label takes the keys, not the canvas (the inspector's Enter).
            event.stopPropagation()
            onConnect(source, picked)
            return
          }
          browsing.current = !event.altKey && browsesOptions(event.key)
        }}
        onChange={(event) => {
          const target = event.target.value
          if (browsing.current) setPicked(target)
          else if (target) onConnect(source, target)
        }}
      >
        <option value="">another node…</option>
        {others.map((other) => (
          <option key={other.id} value={other.id} disabled={connected.has(other.id)}>
            {other.data.label || other.data.service || 'Untitled'}
          </option>
        ))}
      </select>
    </label>
  )
}

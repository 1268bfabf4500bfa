import { useState } from 'react'
import { useMenu } from '../../app/useMenu'
import { BoundaryIcon, ExitFullscreenIcon, ExportIcon, FullscreenIcon, GridIcon, LayoutIcon, NoteIcon, RedoIcon, ServiceIcon, UndoIcon } from '../../app/icons'
import { withModifier } from '../../app/typing'
import type { DiagramNode } from '../../../shared/diagrams/model'

export type ExportFormat = 'mermaid' | 'svg' | 'png'

interface EditorToolbarProps {
  title: string
  onTitleChange: (title: string) => void
  dirty: boolean
  saving: boolean
  status: { error: boolean; text: string } | null
  canUndo: boolean
  canRedo: boolean
  snapOn: boolean
  canSeeRevisions: boolean
  showRevisions: boolean
  expanded: boolean
  onAdd: (kind: DiagramNode['kind']) => void
  onUndo: () => void
  onRedo: () => void
  /** A layout is being worked out: the button waits. */
  layingOut: boolean
  onLayout: () => void
  onSnapChange: (on: boolean) => void
  onSave: () => void
  onRevisions: () => void
  onExport: (format: ExportFormat) => void
  onExpand: () => void
  onClose: () => void
}

export function EditorToolbar(props: EditorToolbarProps) {
  const { title, dirty, saving, status } = props
  return (
    <div className="dg-toolbar" role="toolbar" aria-label="Diagram">
      <div className="dg-toolbar-row">
        <button type="button" className="icon-button" aria-label="Back to the diagrams" title="Back to the diagrams" data-testid="diagram-close" onClick={props.onClose}>
          ‹
        </button>
        <input className="dg-title input" value={title} aria-label="Diagram title" data-testid="diagram-title" onChange={(event) => props.onTitleChange(event.target.value)} />
        <span className="dg-save-state" data-testid="diagram-save-state" data-error={status?.error || undefined} data-dirty={dirty || undefined}>
          {status?.error ? status.text : saving ? 'Saving…' : dirty ? 'Unsaved' : (status?.text ?? 'Saved')}
        </span>
        <button type="button" className="button button-primary dg-button" disabled={saving || !dirty} title={`Save a revision (${withModifier('S')})`} data-testid="diagram-save" onClick={props.onSave}>
          Save
        </button>
        <button type="button" className="button dg-button" title={props.expanded ? 'Back into the pane (Esc)' : 'Edit in the whole window'} data-testid="diagram-expand" onClick={props.onExpand}>
          {props.expanded ? <ExitFullscreenIcon /> : <FullscreenIcon />}
          <span className="dg-label">{props.expanded ? 'Collapse' : 'Expand'}</span>
        </button>
      </div>
      <div className="dg-toolbar-row">
        <button type="button" className="button dg-button" title="Add a service" data-testid="diagram-add-service" onClick={() => props.onAdd('service')}>
          <ServiceIcon />
          <span className="dg-label">+ Service</span>
        </button>
        <button type="button" className="button dg-button" title="Add a boundary: a region, trust zone or team holding nodes" data-testid="diagram-add-group" onClick={() => props.onAdd('group')}>
          <BoundaryIcon />
          <span className="dg-label">+ Boundary</span>
        </button>
        <button type="button" className="button dg-button" title="Add a note" data-testid="diagram-add-note" onClick={() => props.onAdd('note')}>
          <NoteIcon />
          <span className="dg-label">+ Note</span>
        </button>
        <span className="dg-toolbar-gap" />
        <button type="button" className="button dg-button" disabled={!props.canUndo} title={`Undo (${withModifier('Z')})`} aria-label="Undo" data-testid="diagram-undo" onClick={props.onUndo}>
          <UndoIcon />
        </button>
        <button type="button" className="button dg-button" disabled={!props.canRedo} title={`Redo (${withModifier('Shift+Z')})`} aria-label="Redo" data-testid="diagram-redo" onClick={props.onRedo}>
          <RedoIcon />
        </button>
        <button type="button" className="button dg-button" title="Lay the diagram out left to right" data-testid="diagram-layout" disabled={props.layingOut} aria-busy={props.layingOut} onClick={props.onLayout}>
          <LayoutIcon />
          <span className="dg-label">{props.layingOut ? 'Laying out…' : 'Layout'}</span>
        </button>
        <label className="dg-check" title="Snap positions to a 16 px grid">
          <input type="checkbox" checked={props.snapOn} onChange={(event) => props.onSnapChange(event.target.checked)} data-testid="diagram-snap" />
          <GridIcon />
          <span className="dg-label">Snap</span>
        </label>
        <span className="dg-toolbar-gap" />
        {props.canSeeRevisions && (
          <button type="button" className="button dg-button" aria-pressed={props.showRevisions} data-testid="diagram-revisions-toggle" onClick={props.onRevisions}>
            Revisions
          </button>
        )}
        <ExportMenu onExport={props.onExport} />
      </div>
    </div>
  )
}

const EXPORTS = [
  ['mermaid', 'Mermaid text (.mmd)'],
  ['svg', 'SVG image'],
  ['png', 'PNG image'],
] as const
/** The menu's least width (see .dg-menu-items). */
const MENU_WIDTH = 170

/** Export as Mermaid, SVG or PNG: a menu that stays inside the editor, however the toolbar wraps. */
function ExportMenu({ onExport }: { onExport: (format: ExportFormat) => void }) {
  const { open, setOpen, root } = useMenu()
  const [alignStart, setAlignStart] = useState(false)
  const toggle = () => {
    const button = root.current?.getBoundingClientRect()
    const editor = root.current?.closest('.dg-editor')?.getBoundingClientRect()
    // Opened leftwards from a button near the editor's left edge, it would leave the pane.
    setAlignStart(button !== undefined && editor !== undefined && button.right - MENU_WIDTH < editor.left)
    setOpen((shown) => !shown)
  }
  return (
    <div
      className="dg-menu"
      ref={root}
      onKeyDown={(event) => {
        // Escape closes the menu, not the full-window editor around it.
        if (event.key !== 'Escape' || !open) return
        event.stopPropagation()
        setOpen(false)
        root.current?.querySelector<HTMLElement>('[aria-haspopup]')?.focus()
      }}
    >
      <button type="button" className="button dg-button" title="Export as Mermaid, SVG or PNG" aria-haspopup="menu" aria-expanded={open} data-testid="diagram-export" onClick={toggle}>
        <ExportIcon />
        <span className="dg-label">Export</span>
      </button>
      {open && (
        <div className="dg-menu-items" role="menu" aria-label="Export" data-align={alignStart ? 'start' : undefined}>
          {EXPORTS.map(([format, label]) => (
            <button
              key={format}
              type="button"
              role="menuitem"
              className="dg-menu-item"
              data-testid={`diagram-export-${format}`}
              onClick={() => {
                setOpen(false)
                onExport(format)
              }}
            >
              {label}
            </button>
          ))}
        </div>
      )}
    </div>
  )
}

import { useQuery } from '../../api/useQuery'
import { useMenu } from '../../app/useMenu'
import { formatDateTime } from '../../format/time'

/** Picks an authored diagram to embed in the runbook. */
export function InsertDiagramMenu({ onPick }: { onPick: (diagram: { id: number; title: string }) => void }) {
  const { open, setOpen, root } = useMenu()
  const diagrams = useQuery((api) => (open ? api.call('diagrams.list', {}) : Promise.resolve(null)), [open])
  return (
    <div className="rb-insert-menu" ref={root}>
      <button type="button" className="button" aria-haspopup="menu" aria-expanded={open} data-testid="runbook-insert-diagram" onClick={() => setOpen((value) => !value)}>
        Insert diagram
      </button>
      {open && (
        <div className="menu rb-insert-menu-list" role="menu" aria-label="Insert diagram">
          {diagrams.data?.length === 0 && <p className="menu-empty">No authored diagrams yet: draw one in an incident’s Diagram pane.</p>}
          {diagrams.data?.map((diagram) => (
            <button
              key={diagram.id}
              type="button"
              role="menuitem"
              className="menu-item"
              onClick={() => {
                setOpen(false)
                onPick(diagram)
              }}
            >
              <span className="menu-item-name">{diagram.title}</span>
              <span className="menu-item-detail">Saved {formatDateTime(diagram.updatedAt)}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  )
}

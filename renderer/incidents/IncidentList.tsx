import { type ReactNode, useLayoutEffect, useRef } from 'react'
import type { Incident } from '../../shared/domain/model'
import { PlusIcon, SidebarIcon } from '../app/icons'
import { withModifier } from '../app/typing'
import { useNow } from '../format/useNow'
import { IncidentRow } from './IncidentRow'
import { TitleInput } from './TitleInput'

interface IncidentListProps {
  incidents: readonly Incident[] | undefined
  selectedId: number | null | undefined
  creating: boolean
  onStartCreate: () => void
  onCancelCreate: () => void
  onCreate: (title: string) => void
  onOpen: (id: number) => void
  onRename: (id: number, title: string) => void
  onDelete: (id: number) => void
  /** Creating, renaming and deleting are offered (not to a pairing guest, who sees the one shared incident). */
  editable: boolean
  /** Below the list: the way to the other screens (runbooks). */
  children?: ReactNode
  /** Folded to a narrow rail: the toggle and the ways to other screens only. */
  collapsed: boolean
  onToggleCollapsed: () => void
}

/** The sidebar: every incident in the workspace, newest activity first as the host orders them. */
export function IncidentList(props: IncidentListProps) {
  const { incidents, selectedId, creating, collapsed } = props
  // A title names one incident (the CLI finds incidents by it): one another incident has is refused.
  const titleTaken = (own: number | null) => (title: string) =>
    incidents?.some((incident) => incident.id !== own && incident.title === title) ? `Another incident is titled “${title}”: a title names one incident.` : null
  const now = useNow()
  // Folded with the keyboard in the list (the window narrowed, Ctrl+B), which went with it: the
  // rail's button takes it.
  const toggleRef = useRef<HTMLButtonElement>(null)
  const wasCollapsed = useRef(collapsed)
  useLayoutEffect(() => {
    const folded = collapsed && !wasCollapsed.current
    wasCollapsed.current = collapsed
    if (folded && (document.activeElement === null || document.activeElement === document.body)) toggleRef.current?.focus()
  }, [collapsed])
  const toggle = (
    <button
      ref={toggleRef}
      type="button"
      className="icon-button sidebar-toggle"
      aria-label={collapsed ? 'Show the incidents' : 'Hide the incidents'}
      aria-expanded={!collapsed}
      title={`${collapsed ? 'Show' : 'Hide'} the incidents (${withModifier('B')})`}
      data-testid="sidebar-toggle"
      onClick={props.onToggleCollapsed}
    >
      <SidebarIcon />
    </button>
  )
  if (collapsed && !creating) {
    return (
      <nav className="sidebar" data-collapsed="" aria-label="Incidents" data-testid="sidebar">
        {toggle}
        {props.children}
      </nav>
    )
  }
  return (
    <nav className="sidebar" aria-label="Incidents" data-testid="sidebar">
      <header className="sidebar-header">
        <h2 className="sidebar-title">
          Incidents
          {incidents && incidents.length > 0 && <span className="sidebar-count">{incidents.length}</span>}
        </h2>
        <div className="sidebar-actions">
          {props.editable && (
            <button type="button" className="icon-button" aria-label="New incident" title="New incident" data-testid="new-incident" onClick={props.onStartCreate}>
              <PlusIcon />
            </button>
          )}
          {toggle}
        </div>
      </header>
      {creating && (
        <div className="sidebar-create">
          <TitleInput
            label="New incident title"
            placeholder="Incident title, e.g. Checkout 502s"
            testId="new-incident-title"
            refuse={titleTaken(null)}
            onSubmit={props.onCreate}
            onCancel={props.onCancelCreate}
          />
        </div>
      )}
      {incidents && incidents.length === 0 && !creating && (
        <p className="sidebar-empty">No incidents yet. Create one, or drop files on the window.</p>
      )}
      <ul className="incident-list" data-testid="incident-list">
        {incidents?.map((incident) => (
          <IncidentRow
            key={incident.id}
            incident={incident}
            selected={incident.id === selectedId}
            now={now}
            onOpen={props.onOpen}
            onRename={props.onRename}
            onDelete={props.onDelete}
            refuseTitle={titleTaken(incident.id)}
            editable={props.editable}
          />
        ))}
      </ul>
      {props.children}
    </nav>
  )
}

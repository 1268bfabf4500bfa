import type { WorkspaceInfo } from '../../shared/domain/model'
import { ChevronDownIcon, FolderIcon } from './icons'
import { useMenu } from './useMenu'

/** Splits a path into its file name and the folder holding it, for compact display. */
export function splitPath(path: string): { name: string; folder: string } {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  return cut < 0 ? { name: path, folder: '' } : { name: path.slice(cut + 1), folder: path.slice(0, cut) }
}

interface WorkspaceMenuProps {
  info: WorkspaceInfo | undefined
  onOpen: (path: string) => void
}

/** The open workspace's path; its menu lists recent workspaces (switchable only on the desktop). */
export function WorkspaceMenu({ info, onOpen }: WorkspaceMenuProps) {
  const { open, setOpen, root } = useMenu()


  if (!info) return <div className="workspace-menu" />
  const current = splitPath(info.path)

  return (
    <div className="workspace-menu" ref={root}>
      <button
        type="button"
        className="workspace-button"
        aria-haspopup="menu"
        aria-expanded={open}
        title={info.path}
        data-testid="workspace-button"
        onClick={() => setOpen((value) => !value)}
      >
        <FolderIcon />
        <span className="workspace-path" data-testid="workspace-path">
          <span className="workspace-name">{current.name}</span>
          {current.folder && <span className="workspace-folder">{current.folder}</span>}
        </span>
        <ChevronDownIcon />
      </button>
      {open && (
        <div className="menu" role="menu" aria-label="Recent workspaces" data-testid="recent-workspaces">
          <div className="menu-label">Recent workspaces</div>
          {info.recent.length === 0 && <div className="menu-empty">No recent workspaces</div>}
          {info.recent.map((path) => {
            const { name, folder } = splitPath(path)
            const isCurrent = path === info.path
            const enabled = info.canSwitch && !isCurrent
            return (
              <button
                key={path}
                type="button"
                role="menuitem"
                className="menu-item"
                title={path}
                disabled={!enabled}
                aria-current={isCurrent ? 'true' : undefined}
                data-testid="recent-workspace"
                onClick={() => {
                  setOpen(false)
                  onOpen(path)
                }}
              >
                <span className="menu-item-name">{name}</span>
                <span className="menu-item-detail">{isCurrent ? 'open now' : folder}</span>
              </button>
            )
          })}
          {!info.canSwitch && <div className="menu-note">Switch workspaces from the Casefile desktop app.</div>}
        </div>
      )}
    </div>
  )
}

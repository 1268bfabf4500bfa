import type { WorkspaceInfo } from '../../shared/domain/model'
import { ImportButton } from '../import/ImportButton'
import { WorkspaceMenu } from './WorkspaceMenu'

interface TopBarProps {
  workspace: WorkspaceInfo | undefined
  onOpenWorkspace: (path: string) => void
}

export function TopBar({ workspace, onOpenWorkspace }: TopBarProps) {
  return (
    <header className="top-bar">
      <span className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Casefile
      </span>
      <WorkspaceMenu info={workspace} onOpen={onOpenWorkspace} />
      <span className="top-bar-spacer" />
      <ImportButton />
    </header>
  )
}

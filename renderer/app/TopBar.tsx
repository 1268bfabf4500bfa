import type { WorkspaceInfo } from '../../shared/domain/model'
import { ImportButton } from '../import/ImportButton'
import { JoinMenu } from '../pairing/JoinMenu'
import { WorkspaceMenu } from './WorkspaceMenu'

interface TopBarProps {
  workspace: WorkspaceInfo | undefined
  onOpenWorkspace: (path: string) => void
}

export function TopBar({ workspace, onOpenWorkspace }: TopBarProps) {
  // A pairing guest sees the one shared incident: nothing to import into, no workspace to switch.
  const guest = workspace?.sharedIncidentId !== undefined
  return (
    <header className="top-bar">
      <span className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Casefile
      </span>
      {guest ? (
        <span className="top-bar-shared" data-testid="shared-session-label">
          Shared session
        </span>
      ) : (
        <WorkspaceMenu info={workspace} onOpen={onOpenWorkspace} />
      )}
      <span className="top-bar-spacer" />
      {!guest && <JoinMenu />}
      {!guest && <ImportButton />}
    </header>
  )
}

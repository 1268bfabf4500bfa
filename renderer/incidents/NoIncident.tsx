import { useImportActions } from '../import/ImportContext'

/** Shown when the workspace has no incidents at all. */
export function NoIncident({ onCreate }: { onCreate: () => void }) {
  const { pickFiles, busy } = useImportActions()
  return (
    <div className="no-incident" data-testid="no-incident">
      <div className="empty-state">
        <p className="empty-state-title">No incident open</p>
        <p className="empty-state-text">
          Create an incident, or drop session recordings and trace exports anywhere on the window to start one.
        </p>
        <div className="button-row">
          <button type="button" className="button button-primary" onClick={onCreate}>
            New incident
          </button>
          <button type="button" className="button" onClick={pickFiles} disabled={busy}>
            Import…
          </button>
        </div>
      </div>
    </div>
  )
}

import { useImportActions } from './ImportContext'

export function ImportButton() {
  const { pickFiles, busy } = useImportActions()
  return (
    <button
      type="button"
      className="button button-primary"
      onClick={pickFiles}
      disabled={busy}
      data-testid="import-button"
      title="Import session recordings and trace exports (or drop files anywhere)"
    >
      Import…
    </button>
  )
}

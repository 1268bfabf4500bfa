import { formatBytes } from '../format/numbers'
import { useImportActions } from './ImportContext'

/** A thin strip under the top bar while an import runs. */
export function ImportProgressBar() {
  const { status, cancel } = useImportActions()
  if (!status) return null
  const phaseFraction = status.totalBytes > 0 ? Math.min(1, status.doneBytes / status.totalBytes) : 0
  // One bar for the whole run: uploading fills the first half, importing the second.
  const fraction = (status.phase === 'uploading' ? 0 : 0.5) + phaseFraction / 2
  const verb = status.phase === 'uploading' ? 'Uploading' : 'Importing'
  const files = status.fileCount > 1 ? ` (file ${status.fileNumber} of ${status.fileCount})` : ''
  return (
    <div className="import-progress" data-testid="import-progress" data-phase={status.phase}>
      <div className="import-progress-text">
        <span className="import-progress-label">
          {/* A long name gives way before how far through the files the import is. */}
          <span className="import-progress-file">
            {verb} <strong>{status.file}</strong>
          </span>
          {(files || status.elsewhere) && (
            <span className="import-progress-count" data-testid="import-progress-count">
              {files}
              {status.elsewhere && ' (another window)'}
            </span>
          )}
        </span>
        {status.totalBytes > 0 && (
          <span className="import-progress-bytes">
            {formatBytes(status.doneBytes)} of {formatBytes(status.totalBytes)}
          </span>
        )}
        {!status.elsewhere &&
          (cancel ? (
            <button type="button" className="link-button import-progress-cancel" onClick={cancel}>
              Cancel
            </button>
          ) : (
            <span className="import-progress-cancelling" role="status">
              Cancelling…
            </span>
          ))}
      </div>
      <div
        className="import-progress-track"
        role="progressbar"
        aria-label={`${verb} ${status.file}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
      >
        <div className="import-progress-fill" style={{ width: `${fraction * 100}%` }} />
      </div>
    </div>
  )
}

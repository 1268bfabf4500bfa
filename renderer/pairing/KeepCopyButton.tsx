import { useState } from 'react'
import { useApi } from '../api/ApiProvider'
import { errorMessage } from '../api/errors'
import { downloadBundle } from '../export/download'
import { saveFile } from '../export/saveFile'

/**
 * A guest keeps the shared incident, with everyone's findings so far, as a .casefile bundle to
 * drop into their own workspace: the host's copy goes away when sharing stops.
 */
export function KeepCopyButton({ incidentId }: { incidentId: number }) {
  const api = useApi()
  const [progress, setProgress] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const keep = async () => {
    setProgress(0)
    setError(null)
    try {
      const { name, blob } = await downloadBundle(api, incidentId, setProgress)
      saveFile(name, blob)
    } catch (failure) {
      setError(`Could not keep a copy: ${errorMessage(failure)}`)
    } finally {
      setProgress(null)
    }
  }
  return (
    <div className="pairing-keep">
      <button
        type="button"
        className="header-button"
        data-testid="keep-copy"
        disabled={progress !== null}
        title="Save this incident with all its findings as a .casefile bundle, to open in your own workspace"
        onClick={() => void keep()}
      >
        {progress === null ? 'Keep a copy' : `Keeping a copy… ${Math.round(progress * 100)}%`}
      </button>
      {progress !== null && <progress className="pairing-progress pairing-keep-progress" max={1} value={progress} aria-label="Keeping a copy" />}
      {error && (
        <span className="pairing-error" role="alert">
          {error}
        </span>
      )}
    </div>
  )
}

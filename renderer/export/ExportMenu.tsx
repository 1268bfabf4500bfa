import { useState } from 'react'
import type { Incident } from '../../shared/domain/model'
import { fileNameFor } from '../../shared/domain/file-name'
import { useApi } from '../api/ApiProvider'
import { errorMessage } from '../api/errors'
import { useMenu } from '../app/useMenu'
import { usePairing } from '../pairing/PairingProvider'
import { downloadBundle } from './download'
import { saveFile } from './saveFile'

type Export = 'md' | 'html' | 'bundle'

const CHOICES: Array<{ kind: Export; name: string; detail: string }> = [
  { kind: 'md', name: 'Report (Markdown)', detail: 'Summary, findings, runbook steps, failing spans' },
  { kind: 'html', name: 'Report (HTML)', detail: 'The same as one self-contained page, with the diagram' },
  { kind: 'bundle', name: 'Bundle (.casefile)', detail: 'Everything, for a colleague to open offline' },
]

/** Exports the open incident: a report to share, or a bundle that opens as the same incident elsewhere. */
export function ExportMenu({ incident }: { incident: Incident }) {
  const api = useApi()
  const { open, setOpen, root } = useMenu()
  const [busy, setBusy] = useState<Export | null>(null)
  const [error, setError] = useState<string | null>(null)
  // A guest's exports are built by the host: once the session is over there is no one to build them.
  const pairing = usePairing()
  const over = pairing?.role === 'guest' && (pairing.ended !== null || pairing.connection === 'ended')

  const run = async (kind: Export) => {
    setBusy(kind)
    setError(null)
    try {
      if (kind === 'bundle') {
        const { name, blob } = await downloadBundle(api, incident.id)
        saveFile(name, blob)
      } else {
        const { text } = await api.call('reports.build', { incidentId: incident.id, format: kind })
        saveFile(`${fileNameFor(incident.title)}.${kind}`, new Blob([text], { type: kind === 'md' ? 'text/markdown' : 'text/html' }))
      }
      setOpen(false)
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      setBusy(null)
    }
  }

  return (
    <div className="export-menu" ref={root}>
      <button type="button" className="header-button" aria-haspopup="menu" aria-expanded={open} data-testid="export-button" onClick={() => setOpen((value) => !value)}>
        Export
      </button>
      {open && (
        <div className="menu export-menu-list" role="menu" aria-label="Export" data-testid="export-menu">
          {CHOICES.map(({ kind, name, detail }) => (
            <button key={kind} type="button" role="menuitem" className="menu-item" disabled={busy !== null || over} data-testid={`export-${kind}`} onClick={() => void run(kind)}>
              <span className="menu-item-name">{busy === kind ? `${name}…` : name}</span>
              <span className="menu-item-detail">{detail}</span>
            </button>
          ))}
          {over && (
            <div className="menu-note" data-testid="export-session-over">
              The session is over, and the host built the exports. Next time, Keep a copy before it ends to export on your own.
            </div>
          )}
          {error && (
            <div className="menu-note export-error" role="alert">
              {error}
            </div>
          )}
        </div>
      )}
    </div>
  )
}

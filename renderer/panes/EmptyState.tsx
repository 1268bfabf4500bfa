import type { ReactNode } from 'react'
import { useImportActions } from '../import/ImportContext'

interface EmptyStateProps {
  title: string
  children: ReactNode
  /** Offer the Import… button (files can always be dropped too). */
  offerImport?: boolean
  testId?: string
}

export function EmptyState({ title, children, offerImport = true, testId }: EmptyStateProps) {
  const { pickFiles, busy } = useImportActions()
  return (
    <div className="empty-state" data-testid={testId}>
      <p className="empty-state-title">{title}</p>
      <p className="empty-state-text">{children}</p>
      {offerImport && (
        <button type="button" className="button" onClick={pickFiles} disabled={busy}>
          Import…
        </button>
      )}
    </div>
  )
}

import type { ReactNode } from 'react'

interface ArtifactCardProps {
  file: string
  /** Small label after the file name, e.g. the format. */
  badge?: string
  testId: string
  artifactId: number
  children: ReactNode
}

/** The frame shared by session and trace cards: file name header, then facts. */
export function ArtifactCard({ file, badge, testId, artifactId, children }: ArtifactCardProps) {
  return (
    <article className="artifact-card" data-testid={testId} data-artifact-id={artifactId}>
      <header className="artifact-card-header">
        <span className="artifact-file" title={file} data-testid="artifact-file">
          {file}
        </span>
        {badge && <span className="badge">{badge}</span>}
      </header>
      {children}
    </article>
  )
}

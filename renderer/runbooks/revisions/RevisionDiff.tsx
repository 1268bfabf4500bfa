import { useMemo } from 'react'
import { diffStats, lineDiff } from './lineDiff'

const MARK = { same: ' ', added: '+', removed: '−' } as const

/** A revision's text against the editor's, line by line. */
export function RevisionDiff({ before, after }: { before: string; after: string }) {
  const lines = useMemo(() => lineDiff(before, after), [before, after])
  const { added, removed } = diffStats(lines)
  return (
    <div className="rb-diff" data-testid="runbook-diff">
      <p className="rb-diff-summary">
        {added === 0 && removed === 0 ? (
          'Same text as the editor.'
        ) : (
          <>
            Against the editor’s text: <span className="rb-diff-added-count">+{added}</span> <span className="rb-diff-removed-count">−{removed}</span>
          </>
        )}
      </p>
      <pre className="rb-diff-lines">
        {lines.map((line, i) => (
          <div key={i} className="rb-diff-line" data-kind={line.kind} data-testid={line.kind === 'same' ? undefined : `diff-${line.kind}`}>
            <span className="rb-diff-number">{line.oldLine ?? ''}</span>
            <span className="rb-diff-number">{line.newLine ?? ''}</span>
            <span className="rb-diff-mark" aria-hidden="true">
              {MARK[line.kind]}
            </span>
            <span className="rb-diff-text">{line.text || ' '}</span>
          </div>
        ))}
      </pre>
    </div>
  )
}

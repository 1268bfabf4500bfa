import { plural } from '../format/numbers'
import type { SessionArtifact } from '../panes/artifacts'
import { EmptyState } from '../panes/EmptyState'
import { Pane } from '../panes/Pane'
import { SessionCard } from './SessionCard'

export function ReplayPane({ sessions }: { sessions: readonly SessionArtifact[] }) {
  const events = sessions.reduce((total, session) => total + session.summary.events, 0)
  return (
    <Pane
      title="Replay"
      testId="pane-replay"
      summary={
        sessions.length > 0 && (
          <>
            {plural(sessions.length, 'session')} · <span data-testid="replay-total-events">{plural(events, 'event')}</span>
          </>
        )
      }
    >
      {sessions.length === 0 ? (
        <EmptyState title="No session recordings" testId="replay-empty">
          Drop an rrweb recording (.json) anywhere on the window, or import one.
        </EmptyState>
      ) : (
        <div className="card-list">
          {sessions.map((session) => (
            <SessionCard key={session.id} session={session} />
          ))}
        </div>
      )}
    </Pane>
  )
}

import { FileControls } from '../incidents/FileControls'
import { formatCount, plural } from '../format/numbers'
import { formatDuration, formatRangeMs } from '../format/time'
import type { SessionArtifact } from '../panes/artifacts'
import { fileLabel } from '../../shared/domain/file-name'

interface SessionHeaderProps {
  sessions: readonly SessionArtifact[]
  session: SessionArtifact
  onChoose: (artifactId: number) => void
}

/** A recording as the selector names it: its file, and which browser window of the file's session it is. */
const recordingLabel = ({ file, browserWindow }: SessionArtifact['summary']) =>
  browserWindow ? `${fileLabel(file)} · window ${browserWindow.index} of ${browserWindow.of}` : fileLabel(file)

/** How many traces the recording's requests carry ids of, and how many of those the incident's trace files hold. */
function LinkedTraces({ ids, here }: { ids: readonly string[]; here: number | undefined }) {
  const missing = here === undefined ? 0 : ids.length - here
  return (
    <span data-testid="session-trace-ids" data-missing={missing || undefined} title={`${ids.join('\n')}${missing > 0 ? '\n\nImport the backend’s traces of these minutes to open them from the replay.' : ''}`}>
      {formatCount(ids.length)} linked {ids.length === 1 ? 'trace' : 'traces'}
      {missing > 0 && <span className="session-fact-note">, {here === 0 ? 'none' : formatCount(here!)} here</span>}
    </span>
  )
}

/** The recording on show, as one compact line: which file (a selector when there are several), its size and its markers. */
export function SessionHeader({ sessions, session, onChoose }: SessionHeaderProps) {
  const { summary } = session
  const { markers } = summary
  const range = formatRangeMs(session.startMs, session.endMs)
  return (
    <div className="session-header" data-testid="session-card" data-artifact-id={session.id}>
      {sessions.length > 1 ? (
        <select
          className="session-select"
          aria-label="Recording"
          data-testid="session-select"
          value={session.id}
          onChange={(event) => onChoose(Number(event.target.value))}
        >
          {sessions.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {recordingLabel(candidate.summary)}
            </option>
          ))}
        </select>
      ) : null}
      <span className="session-file" title={summary.file} data-testid="artifact-file" hidden={sessions.length > 1}>
        {recordingLabel(summary)}
      </span>
      <FileControls artifact={session} />
      <span className="session-facts">
        {summary.browserWindow && (
          <>
            <span data-testid="session-window" title="The session was recorded in several browser windows; each is a recording of its own">
              window {summary.browserWindow.index} of {summary.browserWindow.of}
            </span>
            <span className="session-fact-sep" aria-hidden="true">·</span>
          </>
        )}
        <span data-testid="session-events">{plural(summary.events, 'event')}</span>
        <span className="session-fact-sep" aria-hidden="true">·</span>
        <span data-testid="session-duration" title={`Recorded ${range}`}>
          {formatDuration(summary.durationMs)}
        </span>
        <span className="session-fact-sep" aria-hidden="true">·</span>
        <span data-testid="markers-clicks">{plural(markers.clicks, 'click')}</span>
        <span className="session-fact-sep" aria-hidden="true">·</span>
        <span data-testid="markers-navigations">{plural(markers.navigations, 'page', 'pages')}</span>
        {markers.consoleErrors > 0 && (
          <>
            <span className="session-fact-sep" aria-hidden="true">·</span>
            <span data-testid="markers-consoleErrors" data-tone="danger">
              {plural(markers.consoleErrors, 'error')}
            </span>
          </>
        )}
        {summary.traceIds.length > 0 && (
          <>
            <span className="session-fact-sep" aria-hidden="true">·</span>
            <LinkedTraces ids={summary.traceIds} here={session.linkedTracesHere} />
          </>
        )}
      </span>
      {summary.otherWindows && (
        <p className="session-warning" role="note" data-testid="session-other-windows">
          Only the session’s first browser window replays here;{' '}
          {summary.otherWindows.windows === 1
            ? `the other one (${plural(summary.otherWindows.events, 'event')}) is left out.`
            : `the ${formatCount(summary.otherWindows.windows)} others (${plural(summary.otherWindows.events, 'event')}) are left out.`}
        </p>
      )}
    </div>
  )
}

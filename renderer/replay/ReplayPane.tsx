import 'rrweb/dist/style.css'
import '../styles/replay.css'
import { useEffect, useRef, useState } from 'react'
import { ClockReadout } from '../clock/ClockReadout'
import { useClockStore } from '../clock/ClockContext'
import { useFocusStore } from '../focus/focus'
import { nextSeek } from '../focus/navigation'
import { plural } from '../format/numbers'
import type { SessionArtifact } from '../panes/artifacts'
import { EmptyState } from '../panes/EmptyState'
import { Pane } from '../panes/Pane'
import { SessionHeader } from './SessionHeader'
import { recordingFor } from './recordingFor'
import { loadPlaybackPrefs, savePlaybackPrefs } from './playbackPrefs'
import { SessionPlayer } from './SessionPlayer'

export function ReplayPane({ sessions }: { sessions: readonly SessionArtifact[] }) {
  const events = sessions.reduce((total, session) => total + session.summary.events, 0)
  const [chosenId, setChosenId] = useState<number | null>(null)
  const session = sessions.find((candidate) => candidate.id === chosenId) ?? sessions[0]
  const [playback, setPlayback] = useState(loadPlaybackPrefs)
  useEffect(() => savePlaybackPrefs(playback), [playback])
  const paneRef = useRef<HTMLDivElement>(null)
  // A move to a moment of another recording (a span picked, a followed driver) shows that recording.
  const focus = useFocusStore()
  const seenMove = useRef<number | undefined>(undefined)
  useEffect(() => {
    if (!session) return
    const follow = () => {
      const move = focus.get().seek
      if (!move || move.serial === seenMove.current) return
      seenMove.current = move.serial
      setChosenId(recordingFor(sessions, session, move).id)
    }
    follow()
    return focus.subscribe(follow)
  }, [focus, sessions, session])
  // Another recording picked shows the incident's moment in it (when it has it), as a move to it does.
  const clock = useClockStore()
  const choose = (artifactId: number) => {
    const { timeMs, playing } = clock.get()
    if (timeMs === null) setChosenId(artifactId)
    else focus.set({ seek: nextSeek(focus.get(), { timeMs, recordingId: artifactId, playing }) })
  }
  return (
    <Pane
      title="Replay"
      testId="pane-replay"
      paneId="replay"
      summary={
        sessions.length > 0 && (
          <>
            <ClockReadout />
            {plural(sessions.length, 'session')} · <span data-testid="replay-total-events">{plural(events, 'event')}</span>
          </>
        )
      }
    >
      {!session ? (
        <EmptyState title="No session recordings" testId="replay-empty">
          Drop an rrweb recording (.json) anywhere on the window, or import one.
        </EmptyState>
      ) : (
        <div className="replay" ref={paneRef}>
          <SessionHeader sessions={sessions} session={session} onChoose={choose} />
          <SessionPlayer key={session.id} session={session} paneRef={paneRef} playback={playback} onPlaybackChange={setPlayback} />
        </div>
      )}
    </Pane>
  )
}

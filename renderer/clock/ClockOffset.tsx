import { useEffect, useState } from 'react'
import { ClockOffsetMs } from '../../shared/api/contract'
import type { Artifact } from '../../shared/domain/model'
import { useApi } from '../api/ApiProvider'
import { errorMessage } from '../api/errors'
import { useMenu } from '../app/useMenu'
import { formatDuration } from '../format/time'
import { useIsGuest } from '../app/guest'

const NUDGES = [-100, -10, 10, 100] as const
/** A suggestion this far from the offset set is worth saying on the chip. */
const CLEARLY_OFF_MS = 1000

/** "+120 ms", "−3.5 ms", "0 ms"; a second or more as a duration, "−2 h 00 min" (exact in the popover's field). */
export const formatOffset = (ms: number): string => {
  const size = Math.abs(ms)
  return `${ms > 0 ? '+' : ms < 0 ? '−' : ''}${size < 1000 ? `${Math.abs(Number(ms.toFixed(1)))} ms` : formatDuration(size)}`
}

interface ClockOffsetProps {
  artifact: Artifact
}

/**
 * A file's clock offset (ms added to its times to line it up with the incident's other files):
 * shown as a chip, nudged or typed in a popover, or set from what the recording's requests that
 * reached the traces suggest. Saved at once; every pane follows.
 */
export function ClockOffset({ artifact }: ClockOffsetProps) {
  const api = useApi()
  const { open, setOpen, root } = useMenu()
  const [draft, setDraft] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [suggestion, setSuggestion] = useState<{ offsetMs: number; linked: number; consistent: boolean } | null>(null)
  const offset = artifact.clockOffsetMs
  const guest = useIsGuest()

  const save = async (offsetMs: number) => {
    // Said here in the user's words, not the API's.
    const refused = ClockOffsetMs.safeParse(offsetMs).error?.issues[0].message
    if (refused) return setError(`${refused[0].toUpperCase()}${refused.slice(1)}: was the value in µs or ns?`)
    setError(null)
    try {
      await api.call('clock.setOffset', { artifactId: artifact.id, offsetMs })
      setDraft(String(offsetMs))
    } catch (failure) {
      setError(errorMessage(failure))
    }
  }

  // A recording's requests that reached the traces say how far off its clock is; asked at once,
  // so a recording clearly off (another time zone, a wrong clock) says so on its chip.
  const isSession = artifact.summary.kind === 'session'
  useEffect(() => {
    if (!isSession) return
    let live = true
    api.call('clock.alignment', { incidentId: artifact.incidentId }).then(
      (alignments) => live && setSuggestion(alignments.find((alignment) => alignment.artifactId === artifact.id) ?? null),
      () => live && setSuggestion(null),
    )
    return () => {
      live = false
    }
  }, [api, isSession, artifact.incidentId, artifact.id, offset])
  const offBy = suggestion && Math.abs(suggestion.offsetMs - offset) >= CLEARLY_OFF_MS ? suggestion.offsetMs - offset : null

  const toggle = () => {
    if (open) return setOpen(false)
    setOpen(true)
    setDraft(String(offset))
    setError(null)
  }

  const typed = Number(draft)
  return (
    <div className="clock-offset" ref={root}>
      <button
        type="button"
        className="clock-offset-chip"
        data-testid="clock-offset"
        data-offset={offset}
        aria-haspopup="dialog"
        aria-expanded={open}
        data-off={offBy === null ? undefined : ''}
        disabled={guest}
        title={
          guest
            ? "Clock offset: added to this file's times to line them up with the others; the host sets it"
            : offBy === null
              ? "Clock offset: added to this file's times to line them up with the others"
              : `The recording's requests reached the traces ${formatDuration(Math.abs(offBy))} ${offBy > 0 ? 'after' : 'before'} this clock says: open to line it up`
        }
        onClick={toggle}
      >
        {offset === 0 ? 'Clock' : `Clock ${formatOffset(offset)}`}
        {offBy !== null && <span className="clock-offset-off"> · {formatDuration(Math.abs(offBy))} off?</span>}
      </button>
      {open && (
        <div className="menu clock-offset-menu" role="dialog" aria-label="Clock offset" data-testid="clock-offset-menu">
          <div className="menu-label">Clock offset</div>
          <form
            className="clock-offset-row"
            onSubmit={(event) => {
              event.preventDefault()
              if (Number.isFinite(typed)) void save(typed)
            }}
          >
            <input
              type="number"
              step="1"
              className="clock-offset-input"
              aria-label="Offset in milliseconds"
              data-testid="clock-offset-input"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
            />
            <span className="clock-offset-unit">ms</span>
            <button type="submit" className="clock-offset-button" disabled={!Number.isFinite(typed) || typed === offset}>
              Set
            </button>
          </form>
          <div className="clock-offset-row">
            {NUDGES.map((nudge) => (
              <button
                key={nudge}
                type="button"
                className="clock-offset-button"
                data-testid={`clock-nudge-${nudge}`}
                title={`${formatOffset(nudge)} (later when positive)`}
                onClick={() => void save(offset + nudge)}
              >
                {nudge > 0 ? `+${nudge}` : `−${-nudge}`}
              </button>
            ))}
            <button type="button" className="clock-offset-button" disabled={offset === 0} onClick={() => void save(0)}>
              Reset
            </button>
          </div>
          {suggestion && (
            <div className="menu-note" data-testid="clock-suggestion">
              {suggestion.offsetMs === offset ? (
                <>Lined up with the traces by {suggestion.linked} linked {suggestion.linked === 1 ? 'request' : 'requests'}.</>
              ) : (
                <>
                  {suggestion.linked} linked {suggestion.linked === 1 ? 'request suggests' : 'requests suggest'} {formatOffset(suggestion.offsetMs)}
                  {suggestion.consistent ? '' : ' (they disagree; check before applying)'}.{' '}
                  <button type="button" className="link-button" data-testid="clock-apply-suggestion" onClick={() => void save(suggestion.offsetMs)}>
                    Apply
                  </button>
                </>
              )}
            </div>
          )}
          {error && (
            <div className="menu-note clock-offset-error" role="alert">
              {error}
            </div>
          )}
        </div>
      )}
    </div>
  )
}

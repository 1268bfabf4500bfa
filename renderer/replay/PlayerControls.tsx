import { useState } from 'react'
import { useApi } from '../api/ApiProvider'
import { ExitFullscreenIcon, FullscreenIcon, ListIcon, PauseIcon, PlayIcon, ShieldIcon, SkipIdleIcon } from '../app/icons'
import { chooseRemoteAssets, remoteAssetsBlocked, UnsavedEdits } from './remoteAssets'
import type { ReplayController } from './ReplayController'
import { formatElapsed, SPEEDS } from './timeline'
import { usePlayer } from './usePlayer'

interface PlayerControlsProps {
  controller: ReplayController | null
  startMs: number
  endMs: number
  fullscreen: boolean
  onToggleFullscreen: () => void
  listShown: boolean
  onToggleList: () => void
}

export function PlayerControls({ controller, startMs, endMs, fullscreen, onToggleFullscreen, listShown, onToggleList }: PlayerControlsProps) {
  const playing = usePlayer(controller, (state) => state.playing, false)
  const speed = usePlayer(controller, (state) => state.speed, 1)
  const skipInactive = usePlayer(controller, (state) => state.skipInactive, false)
  const skipping = usePlayer(controller, (state) => state.skipped !== null, false)
  const usable = usePlayer(controller, (state) => state.status === 'ready' || state.status === 'loading', false)
  const elapsedSeconds = usePlayer(controller, (state) => Math.floor((state.timeMs - startMs) / 1000), 0)

  return (
    <div className="player-controls" data-testid="replay-controls" data-speed={speed} data-playing={playing || undefined}>
      <button
        type="button"
        className="player-button player-play"
        data-testid="replay-play"
        aria-label={playing ? 'Pause' : 'Play'}
        title={playing ? 'Pause (Space)' : 'Play (Space)'}
        disabled={!usable}
        onClick={() => controller?.toggle()}
      >
        {playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <span className="player-time" aria-label="Elapsed time">
        <span data-testid="replay-elapsed">{formatElapsed(elapsedSeconds * 1000)}</span>
        <span className="player-time-sep">/</span>
        <span data-testid="replay-total">{formatElapsed(endMs - startMs)}</span>
      </span>
      <button
        type="button"
        className="player-speed player-speed-cycle"
        aria-label={`Speed ${speed}×`}
        title="Speed ([ slower, ] faster)"
        onClick={() => controller?.setSpeed(SPEEDS[(SPEEDS.indexOf(speed as (typeof SPEEDS)[number]) + 1) % SPEEDS.length])}
      >
        {speed}×
      </button>
      <div className="player-speeds" role="group" aria-label="Speed" title="Speed ([ slower, ] faster)">
        {SPEEDS.map((candidate) => (
          <button
            key={candidate}
            type="button"
            className="player-speed"
            data-testid={`replay-speed-${candidate}`}
            aria-pressed={speed === candidate}
            onClick={() => controller?.setSpeed(candidate)}
          >
            {candidate}×
          </button>
        ))}
      </div>
      <button
        type="button"
        className="player-button player-toggle"
        data-testid="replay-skip-inactive"
        aria-pressed={skipInactive}
        data-skipping={skipping || undefined}
        title={skipInactive ? 'Skipping inactivity (click to play idle stretches)' : 'Skip inactivity'}
        aria-label="Skip inactivity"
        onClick={() => controller?.setSkipInactive(!skipInactive)}
      >
        <SkipIdleIcon />
      </button>
      <span className="player-spacer" />
      <RemoteAssetsNote controller={controller} />
      <button
        type="button"
        className="player-button player-toggle"
        data-testid="replay-list-toggle"
        aria-pressed={listShown}
        aria-label={listShown ? 'Hide console and network list' : 'Show console and network list'}
        title={listShown ? 'Hide console and network list' : 'Show console and network list'}
        onClick={onToggleList}
      >
        <ListIcon />
      </button>
      <button
        type="button"
        className="player-button"
        data-testid="replay-fullscreen"
        aria-label={fullscreen ? 'Exit full screen' : 'Full screen'}
        title={fullscreen ? 'Exit full screen' : 'Full screen'}
        onClick={onToggleFullscreen}
      >
        {fullscreen ? <ExitFullscreenIcon /> : <FullscreenIcon />}
      </button>
    </div>
  )
}

/**
 * Whether the replayed page's remote images, fonts and stylesheets are fetched (see
 * remoteAssets.ts), with the count of those refused so far and a toggle. The choice in force
 * only changes with a reload, so the toggle says it reloads.
 */
function RemoteAssetsNote({ controller }: { controller: ReplayController | null }) {
  const api = useApi()
  const refused = usePlayer(controller, (state) => state.blockedLoads, 0)
  const [blocked] = useState(() => remoteAssetsBlocked())
  const [saving, setSaving] = useState<'idle' | 'saving' | 'failed' | 'unsaved-edits'>('idle')
  const toggle = () => {
    setSaving('saving')
    chooseRemoteAssets(api, blocked).catch((error: unknown) => {
      if (error instanceof UnsavedEdits) return setSaving('unsaved-edits')
      console.warn('[casefile] saving the remote assets choice failed', error)
      setSaving('failed')
    })
  }
  const label = saving === 'failed' ? 'Not saved, try again' : saving === 'unsaved-edits' ? 'Save your edits first' : blocked ? 'Allow & reload' : 'Block & reload'
  return (
    <span
      className="player-note"
      data-testid="replay-remote-note"
      data-remote-assets={blocked ? 'blocked' : 'allowed'}
      data-blocked={refused}
      title={
        blocked
          ? `Remote assets blocked${refused > 0 ? ` (${refused} seen so far)` : ''}: images, fonts and stylesheets the recorded page loaded from other servers are not fetched, so the replay may look plainer than the original page.`
          : 'Remote assets allowed: images, fonts and stylesheets the recorded page loaded from other servers are fetched from them again (their servers see the requests). Recorded scripts never run.'
      }
    >
      <ShieldIcon />
      <span className="player-note-text">{blocked ? 'Remote assets blocked' : 'Remote assets allowed'}</span>
      {blocked && refused > 0 && <span className="player-note-count">{refused}</span>}
      <button
        type="button"
        className="link-button player-note-toggle"
        data-testid="replay-remote-toggle"
        disabled={saving === 'saving'}
        title={
          saving === 'unsaved-edits'
            ? 'The change reloads the window: save or discard the finding, runbook or diagram being edited, then try again'
            : blocked
              ? 'Load remote images, fonts and stylesheets in replays (reloads the window)'
              : 'Stop loading remote assets in replays (reloads the window)'
        }
        onClick={toggle}
      >
        {label}
      </button>
    </span>
  )
}

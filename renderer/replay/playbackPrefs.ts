import { SPEEDS } from './timeline'

/** How the replay plays: kept in this browser for every recording and incident. */
export interface PlaybackPrefs {
  speed: number
  skipInactive: boolean
}

const KEY = 'casefile.replay.playback'
const DEFAULT: PlaybackPrefs = { speed: 1, skipInactive: false }

export function loadPlaybackPrefs(): PlaybackPrefs {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<PlaybackPrefs> | null
    return {
      speed: SPEEDS.includes(stored?.speed as (typeof SPEEDS)[number]) ? stored!.speed! : DEFAULT.speed,
      skipInactive: stored?.skipInactive === true,
    }
  } catch {
    return DEFAULT
  }
}

export function savePlaybackPrefs(prefs: PlaybackPrefs): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(prefs))
  } catch {
    // Storage full or off: the choice still holds for this page's life.
  }
}

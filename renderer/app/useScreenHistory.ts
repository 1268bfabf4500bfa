import { useEffect, useEffectEvent, useRef } from 'react'
import { historyKey } from './historyKey'

/** A screen of the workbench to come back to: an incident, or the runbooks with the one shown. */
export type Screen = { incidentId: number } | { runbookId: number | null }

const HISTORY_LIMIT = 50

interface ScreenHistory {
  behind: Screen[]
  ahead: Screen[]
  shown: Screen | null
}

const sameScreen = (a: Screen, b: Screen) => JSON.stringify(a) === JSON.stringify(b)

/**
 * Alt+←/→ between screens, as a browser between pages: when the open incident has no place of its
 * own further back (or forward), to the screen shown before (or after) it. `show` opens a screen,
 * or says it cannot (an incident deleted since), which is then skipped. Every Alt+←/→ outside a
 * text field is the app's: in a browser (casefile serve) it would otherwise leave the app.
 */
export function useScreenHistory(screen: Screen | null, show: (screen: Screen) => boolean, workspacePath: string | undefined): void {
  const history = useRef<ScreenHistory>({ behind: [], ahead: [], shown: null })
  // Another workspace: its ids mean other incidents and runbooks.
  useEffect(() => {
    history.current = { behind: [], ahead: [], shown: null }
  }, [workspacePath])

  const key = screen && JSON.stringify(screen)
  useEffect(() => {
    const { current } = history
    if (!key) return
    const next = JSON.parse(key) as Screen
    if (current.shown && sameScreen(current.shown, next)) return
    if (current.shown) {
      current.behind.push(current.shown)
      if (current.behind.length > HISTORY_LIMIT) current.behind.shift()
      current.ahead.length = 0
    }
    current.shown = next
  }, [key])

  const walk = useEffectEvent((from: Screen[], to: Screen[]) => {
    const { current } = history
    for (let next = from.pop(); next; next = from.pop()) {
      if (!show(next)) continue
      if (current.shown) to.push(current.shown)
      current.shown = next
      return
    }
  })
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const step = historyKey(event)
      if (step === null) return
      event.preventDefault()
      const { behind, ahead } = history.current
      if (step === 'back') walk(behind, ahead)
      else walk(ahead, behind)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}

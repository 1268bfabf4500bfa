import { useCallback, useEffect } from 'react'
import { useClockStore } from '../clock/ClockContext'
import { useFocusStore } from '../focus/focus'
import { type Anchors, captureAnchors } from './anchors'
import { openFindingEditor, useFindingsUiStore } from './FindingsProvider'
import { leaveFullscreen } from '../app/fullscreen'
import { isTyping } from '../app/typing'

/** What is on screen now, as a finding's anchors: the replay's moment, the selected span, the picked service and call. */
export function useAnchorsOnScreen(): () => Anchors {
  const clock = useClockStore()
  const focus = useFocusStore()
  return useCallback(() => {
    const { trace, span, service, edge } = focus.get()
    const { timeMs, atStart } = clock.get()
    return captureAnchors({ clockMs: timeMs, clockAtStart: atStart, trace, span, service, edge })
  }, [clock, focus])
}

/** Opens the add form anchored to what is on screen now. */
export function useAddFinding(): () => void {
  const onScreen = useAnchorsOnScreen()
  const ui = useFindingsUiStore()
  return useCallback(() => {
    const anchors = onScreen()
    // The form is not inside a full-screen player: it opens once full screen is left.
    void leaveFullscreen().then(() => openFindingEditor(ui, { mode: 'new', anchors }))
  }, [onScreen, ui])
}

/**
 * F adds a finding, unless the key is typed into a field. With the form open and the keyboard
 * elsewhere, it asks as Add finding does: an untouched form takes what is on screen now, one
 * with typing asks first, and either way the keys go back to it.
 */
export function useAddFindingKey(): void {
  const add = useAddFinding()
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'f' && event.key !== 'F') return
      if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey || event.defaultPrevented || event.repeat) return
      if (isTyping(event.target) || (event.target instanceof Element && event.target.closest('.finding-form'))) return
      event.preventDefault()
      add()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [add])
}

import { type RefObject, useEffect, useEffectEvent } from 'react'
import { isTyping } from '../app/typing'

export interface ReplayKeyActions {
  toggle: () => void
  /** ±5 s */
  skip: (deltaMs: number) => void
  /** The recording's start or end. */
  jump: (to: 'start' | 'end') => void
  /** Previous (-1) or next (1) marker. */
  marker: (step: 1 | -1) => void
  /** Slower (-1) or faster (1). */
  speed: (step: 1 | -1) => void
}

/** Whether keys pressed with `target` focused are the replay's: focus in the pane (or nowhere), not in a text field. */
export function keysBelongToReplay(target: EventTarget | null, pane: Element | null): boolean {
  const element = target instanceof Element ? target : null
  if (!element || element === document.body || element === document.documentElement) return true
  if (isTyping(element)) return false
  return pane !== null && pane.contains(element)
}

/**
 * Space play/pause, ←/→ ±5 s, Shift+←/→ previous/next marker, Home/End start/end, [ and ] speed, while focus is in
 * `paneRef` (or on the page body) and not in a text field.
 */
export function useReplayKeys(paneRef: RefObject<Element | null>, actions: ReplayKeyActions): void {
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return
    if (!keysBelongToReplay(event.target, paneRef.current)) return
    switch (event.key) {
      case ' ':
        if (event.shiftKey || event.repeat) break
        actions.toggle()
        break
      case 'ArrowLeft':
        if (event.shiftKey) actions.marker(-1)
        else actions.skip(-5000)
        break
      case 'ArrowRight':
        if (event.shiftKey) actions.marker(1)
        else actions.skip(5000)
        break
      case 'Home':
        actions.jump('start')
        break
      case 'End':
        actions.jump('end')
        break
      case '[':
        actions.speed(-1)
        break
      case ']':
        actions.speed(1)
        break
      default:
        return
    }
    event.preventDefault()
  })

  // A focused button would also "click" on Space's keyup: the replay already handled the key.
  const onKeyUp = useEffectEvent((event: KeyboardEvent) => {
    if (event.key === ' ' && keysBelongToReplay(event.target, paneRef.current)) event.preventDefault()
  })

  useEffect(() => {
    const down = (event: KeyboardEvent) => onKeyDown(event)
    const up = (event: KeyboardEvent) => onKeyUp(event)
    document.addEventListener('keydown', down)
    document.addEventListener('keyup', up)
    return () => {
      document.removeEventListener('keydown', down)
      document.removeEventListener('keyup', up)
    }
  }, [])
}

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
function keysBelongToReplay(target: EventTarget | null, pane: Element | null): boolean {
  const element = target instanceof Element ? target : null
  if (!element || element === document.body || element === document.documentElement) return true
  if (isTyping(element)) return false
  return pane !== null && pane.contains(element)
}

const CONTROLS = 'button, [role="button"], a[href], summary, input[type="checkbox"], input[type="radio"], [role="checkbox"], [role="switch"], [role="tab"], [role="menuitem"], [role="option"]'

/** The element the pointer last focused (a click on a button focuses it). */
let clickedFocus: Element | null = null
let pointerDown = false

/**
 * A control reached by keyboard takes Space itself (as everywhere else in the app); one focused
 * by a click leaves Space to play and pause, as a player's controls do.
 */
const pressesControl = (target: EventTarget | null): boolean => {
  const control = target instanceof Element ? target.closest(CONTROLS) : null
  return control !== null && control !== clickedFocus
}

/**
 * Space play/pause (unless a control reached by keyboard takes it), ←/→ ±5 s, Shift+←/→ previous/next marker, Home/End start/end, [ and ] speed, while focus is in
 * `paneRef` (or on the page body) and not in a text field.
 */
export function useReplayKeys(paneRef: RefObject<Element | null>, actions: ReplayKeyActions): void {
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return
    if (!keysBelongToReplay(event.target, paneRef.current)) return
    switch (event.key) {
      case ' ':
        if (pressesControl(event.target)) return
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

  // A focused element the replay took Space from would also act on its keyup.
  const onKeyUp = useEffectEvent((event: KeyboardEvent) => {
    if (event.key === ' ' && keysBelongToReplay(event.target, paneRef.current) && !pressesControl(event.target)) event.preventDefault()
  })

  useEffect(() => {
    const down = (event: KeyboardEvent) => onKeyDown(event)
    const up = (event: KeyboardEvent) => onKeyUp(event)
    const pressed = () => (pointerDown = true)
    const released = () => (pointerDown = false)
    const focused = (event: FocusEvent) => {
      const control = event.target instanceof Element ? event.target.closest(CONTROLS) : null
      // Focus given back to the control last clicked (by a dialog that closed) is still a click's;
      // another control reached without the pointer is the keyboard's.
      if (pointerDown) clickedFocus = control
      else if (control !== null && control !== clickedFocus) clickedFocus = null
    }
    document.addEventListener('keydown', down)
    document.addEventListener('keyup', up)
    document.addEventListener('pointerdown', pressed, true)
    document.addEventListener('pointerup', released, true)
    document.addEventListener('focusin', focused)
    return () => {
      document.removeEventListener('keydown', down)
      document.removeEventListener('keyup', up)
      document.removeEventListener('pointerdown', pressed, true)
      document.removeEventListener('pointerup', released, true)
      document.removeEventListener('focusin', focused)
    }
  }, [])
}

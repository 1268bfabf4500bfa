import { isTyping } from './typing'

/** The step through history a key press asks for (Alt+← back, Alt+→ forward), if any and not handled already. */
export function historyKey(event: KeyboardEvent): 'back' | 'forward' | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.defaultPrevented) return null
  // In a text field Alt+arrows move by word (macOS).
  if (isTyping(event.target)) return null
  return event.key === 'ArrowLeft' ? 'back' : event.key === 'ArrowRight' ? 'forward' : null
}

import { type RefObject, useEffect, useState } from 'react'
import { focusablesIn } from './focusables'
import { leaveFullscreen } from './fullscreen'


/**
 * A modal dialog's keyboard contract: Tab and Shift+Tab cycle through its controls and never
 * reach the page behind; closed, focus goes back to what had it before it opened, unless
 * `handedOff` says the choice made in it took the focus on.
 */
export function useModal(dialog: RefObject<HTMLElement | null>, handedOff?: RefObject<boolean>): void {
  // Taken while rendering, before the dialog's own effects move focus into it.
  const [before] = useState(() => document.activeElement)
  // A dialog opened over the full-screen replay would be unseen: leave full screen, then focus it.
  useEffect(() => {
    if (!document.fullscreenElement) return
    void leaveFullscreen().then(() => {
      const root = dialog.current
      if (root && !root.contains(document.activeElement)) (focusablesIn(root)[0] ?? root).focus()
    })
  }, [dialog])
  // The focused control taken out of the dialog (its view changed under it) leaves the focus on
  // the page: it goes back to the dialog, whose keys (Escape, Tab) would otherwise go nowhere.
  useEffect(() => {
    const root = dialog.current
    if (!root) return
    const observer = new MutationObserver(() => {
      if (document.activeElement === null || document.activeElement === document.body) root.focus()
    })
    observer.observe(root, { childList: true, subtree: true })
    return () => observer.disconnect()
  }, [dialog])
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const root = dialog.current
      if (!root) return
      // The app's one-key shortcuts (F, the replay's keys, Alt+←) wait while a modal is open: its
      // own keys have run by now (React's, on the dialog); the window's listeners come after this.
      // Ctrl/⌘ combinations (Ctrl+K toggling the palette) still reach them.
      if (event.key !== 'Tab' && !event.ctrlKey && !event.metaKey && root.contains(event.target as Node)) return event.stopPropagation()
      if (event.key !== 'Tab' || event.defaultPrevented) return
      const controls = focusablesIn(root)
      const at = controls.indexOf(document.activeElement as HTMLElement)
      const next = event.shiftKey ? (at <= 0 ? controls.length - 1 : at - 1) : at === -1 || at === controls.length - 1 ? 0 : at + 1
      event.preventDefault()
      ;(controls[next] ?? root).focus()
    }
    document.addEventListener('keydown', onKeyDown)
    return () => {
      document.removeEventListener('keydown', onKeyDown)
      // Unless what was chosen in it takes the focus elsewhere (`handedOff`).
      if (!handedOff?.current && before instanceof HTMLElement && before.isConnected) before.focus()
    }
  }, [dialog, before, handedOff])
}

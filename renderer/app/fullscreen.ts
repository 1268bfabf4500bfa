/**
 * Leaves full screen (the replay's), resolving once the page is back: what opens next (a form, a
 * dialog) is outside the full-screen element and would otherwise open unseen.
 */
export function leaveFullscreen(): Promise<void> {
  if (!document.fullscreenElement) return Promise.resolve()
  return document.exitFullscreen().catch(() => {})
}

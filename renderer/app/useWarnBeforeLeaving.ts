import { useEffect } from 'react'

/**
 * Closing or reloading the page asks first (the browser's own prompt; Electron's dialog) while
 * `unsaved()` holds. Asked at that moment, so edits kept away from the screen that made them count.
 */
export function useWarnBeforeLeaving(unsaved: () => boolean): void {
  useEffect(() => {
    const ask = (event: BeforeUnloadEvent) => {
      if (unsaved()) event.preventDefault()
    }
    window.addEventListener('beforeunload', ask)
    return () => window.removeEventListener('beforeunload', ask)
  }, [unsaved])
}

import { useEffect, useRef } from 'react'
import { useFindingsData, useFindingsUi, useFindingsUiStore } from './FindingsProvider'
import { useAddFinding } from './useAddFinding'

/** In the incident header: Add finding (also F), and the findings drawer's toggle with their count. */
export function FindingsHeaderActions() {
  const add = useAddFinding()
  const ui = useFindingsUiStore()
  const drawerOpen = useFindingsUi((state) => state.drawerOpen)
  const count = useFindingsData()?.findings?.length ?? 0
  // The drawer closed from inside (its ✕): the keyboard comes back to its toggle, not to the page.
  const toggle = useRef<HTMLButtonElement>(null)
  const wasOpen = useRef(drawerOpen)
  useEffect(() => {
    if (wasOpen.current && !drawerOpen && (document.activeElement === null || document.activeElement === document.body)) toggle.current?.focus()
    wasOpen.current = drawerOpen
  }, [drawerOpen])
  return (
    <>
      <button type="button" className="header-button" title="Add a finding anchored to what you are looking at (F)" data-testid="add-finding" onClick={add}>
        Add finding <kbd>F</kbd>
      </button>
      <button
        ref={toggle}
        type="button"
        className="header-button"
        aria-pressed={drawerOpen}
        aria-controls="findings-drawer"
        data-testid="findings-toggle"
        onClick={() => ui.set({ drawerOpen: !ui.get().drawerOpen })}
      >
        Findings <span className="header-count" data-testid="findings-count">{count}</span>
      </button>
    </>
  )
}

import { useFindingsData, useFindingsUi, useFindingsUiStore } from './FindingsProvider'
import { useAddFinding } from './useAddFinding'

/** In the incident header: Add finding (also F), and the findings drawer's toggle with their count. */
export function FindingsHeaderActions() {
  const add = useAddFinding()
  const ui = useFindingsUiStore()
  const drawerOpen = useFindingsUi((state) => state.drawerOpen)
  const count = useFindingsData()?.findings?.length ?? 0
  return (
    <>
      <button type="button" className="header-button" title="Add a finding anchored to what you are looking at (F)" data-testid="add-finding" onClick={add}>
        Add finding <kbd>F</kbd>
      </button>
      <button
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

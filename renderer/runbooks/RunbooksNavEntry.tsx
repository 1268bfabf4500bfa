interface RunbooksNavEntryProps {
  active: boolean
  onOpen: () => void
}

/** The sidebar's way to the runbooks screen, below the incidents. */
export function RunbooksNavEntry({ active, onOpen }: RunbooksNavEntryProps) {
  return (
    <div className="rb-nav">
      <button type="button" className="rb-nav-button" title="Runbooks" data-testid="open-runbooks" aria-current={active ? 'page' : undefined} data-selected={active || undefined} onClick={onOpen}>
        <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
          <path d="M3 1.8h6.2L11 3.6v8.6H3z M5 5.5h4 M5 7.8h4 M5 10h2.5" fill="none" stroke="currentColor" strokeWidth="1.2" strokeLinejoin="round" strokeLinecap="round" />
        </svg>
        <span className="rb-nav-label">Runbooks</span>
      </button>
    </div>
  )
}

export type DiagramMode = 'derived' | 'authored'

const MODES: Array<{ id: DiagramMode; label: string; hint: string }> = [
  { id: 'derived', label: 'From traces', hint: 'The services and calls of this incident’s spans' },
  { id: 'authored', label: 'Drawn', hint: 'Diagrams drawn by hand or imported, lit up by this incident' },
]

export function DiagramModeSwitch({ mode, onChange }: { mode: DiagramMode; onChange: (mode: DiagramMode) => void }) {
  return (
    <div className="dg-modes" role="tablist" aria-label="Diagram">
      {MODES.map((entry) => (
        <button
          key={entry.id}
          type="button"
          role="tab"
          className="tv-tab"
          aria-selected={mode === entry.id}
          title={entry.hint}
          data-testid={`diagram-mode-${entry.id}`}
          onClick={() => onChange(entry.id)}
        >
          {entry.label}
        </button>
      ))}
    </div>
  )
}

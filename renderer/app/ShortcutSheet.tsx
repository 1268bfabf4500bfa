import '../styles/shortcuts.css'
import { createContext, useContext, useEffect, useRef } from 'react'
import { CloseIcon } from './icons'
import { SHORTCUTS } from './shortcuts'
import { useModal } from './useModal'

/** Opens the keyboard shortcuts sheet (? anywhere, or a pane's keyboard button). */
export const ShortcutSheetContext = createContext<() => void>(() => {})

export const useShortcutSheet = () => useContext(ShortcutSheetContext)

/** Every keyboard shortcut of the app, by where it works; Esc, ? or a click outside closes it. */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => ref.current?.focus(), [])
  useModal(ref)
  return (
    <div className="shortcut-sheet-backdrop" onPointerDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={ref}
        className="shortcut-sheet"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        data-testid="shortcut-sheet"
        tabIndex={-1}
        onKeyDown={(event) => {
          if (event.key === 'Escape' || event.key === '?') {
            event.preventDefault()
            event.stopPropagation()
            onClose()
          }
        }}
      >
        <header className="shortcut-sheet-head">
          <h3>Keyboard shortcuts</h3>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close">
            <CloseIcon />
          </button>
        </header>
        <div className="shortcut-sheet-groups">
          {SHORTCUTS.map((group) => (
            <section key={group.group}>
              <h4>{group.group}</h4>
              <dl>
                {group.keys.map(([keys, text]) => (
                  <div key={text} className="shortcut-sheet-row">
                    <dt>
                      {keys.map((key) => (
                        <kbd key={key}>{key}</kbd>
                      ))}
                    </dt>
                    <dd>{text}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </div>
  )
}

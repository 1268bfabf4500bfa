import { useEffect, useRef } from 'react'
import { useModal } from '../../app/useModal'
import { CloseIcon } from '../icons'
import { SHORTCUTS } from './shortcuts'

/** The keyboard shortcuts, over the waterfall; Esc, ? or a click outside closes it. */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => ref.current?.focus(), [])
  useModal(ref)
  return (
    <div className="wf-sheet-backdrop" onPointerDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={ref}
        className="wf-sheet"
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
        <header className="wf-sheet-head">
          <h3>Keyboard shortcuts</h3>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close">
            <CloseIcon />
          </button>
        </header>
        <div className="wf-sheet-groups">
          {SHORTCUTS.map((group) => (
            <section key={group.group}>
              <h4>{group.group}</h4>
              <dl>
                {group.keys.map(([keys, text]) => (
                  <div key={text} className="wf-sheet-row">
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

import { useEffect, useRef, useState } from 'react'
import { focusWhenReady } from './focusWhenReady'

const MOVES: Record<string, (at: number, count: number) => number> = {
  ArrowDown: (at, count) => (at + 1) % count,
  ArrowUp: (at, count) => (at <= 0 ? count : at) - 1,
  Home: () => 0,
  End: (_at, count) => count - 1,
}

/**
 * A menu or popover's open state and its root element: while open, a press outside the root,
 * the focus leaving it or Escape closes it, and the arrow keys, Home and End move between its menu items. Closed by
 * Escape or by choosing an item, it hands focus back to the button that opened it.
 */
export function useMenu() {
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  const wasOpen = useRef(false)
  const pressedOutside = useRef(false)
  useEffect(() => {
    // Closed by a press elsewhere, focus is where that press put it.
    if (open || !wasOpen.current || pressedOutside.current || (document.activeElement && document.activeElement !== document.body)) return
    // The item chosen went with the menu: the keyboard goes back to the button that opened it.
    return focusWhenReady(() => root.current?.querySelector<HTMLElement>('[aria-haspopup]'))
  }, [open])
  useEffect(() => {
    wasOpen.current = open
    pressedOutside.current = false
    if (!open) return
    const onPointer = (event: PointerEvent) => {
      if (root.current?.contains(event.target as Node)) return
      pressedOutside.current = true
      setOpen(false)
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false)
        root.current?.querySelector<HTMLElement>('[aria-haspopup]')?.focus()
        return
      }
      const move = MOVES[event.key]
      const items = [...(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled)') ?? [])]
      if (!move || items.length === 0) return
      event.preventDefault()
      items[move(items.indexOf(document.activeElement as HTMLElement), items.length)].focus()
    }
    // Tab taking the keyboard out of it closes it too, as a press outside does (a confirm left
    // open behind the focus would still act on Enter once clicked back into).
    const onFocusOut = (event: FocusEvent) => {
      if (!(event.relatedTarget instanceof Node) || root.current?.contains(event.relatedTarget)) return
      pressedOutside.current = true
      setOpen(false)
    }
    const element = root.current
    document.addEventListener('pointerdown', onPointer)
    document.addEventListener('keydown', onKey)
    element?.addEventListener('focusout', onFocusOut)
    return () => {
      document.removeEventListener('pointerdown', onPointer)
      document.removeEventListener('keydown', onKey)
      element?.removeEventListener('focusout', onFocusOut)
    }
  }, [open])
  return { open, setOpen, root }
}

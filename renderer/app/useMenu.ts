import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { focusablesIn } from './focusables'
import { focusWhenReady } from './focusWhenReady'

const MOVES: Record<string, (at: number, count: number) => number> = {
  ArrowDown: (at, count) => (at + 1) % count,
  ArrowUp: (at, count) => (at <= 0 ? count : at) - 1,
  Home: () => 0,
  End: (_at, count) => count - 1,
}

/** The least room a menu's panel keeps from the window's sides. */
const EDGE_PX = 8

/**
 * A menu or popover's open state and its root element: while open, a press outside the root, the
 * focus leaving it or Escape closes it, and the arrow keys, Home and End move between its menu
 * items. Closed by Escape or by choosing an item, it hands focus back to the button that opened it.
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
  // Opened by a button near the window's edge (a narrow window, a zoomed page), the panel is moved
  // back inside it rather than cut off, with the controls it holds.
  useLayoutEffect(() => {
    const panel = open ? root.current?.querySelector<HTMLElement>('.menu') : null
    if (!panel) return
    panel.style.translate = ''
    const { left, right } = panel.getBoundingClientRect()
    const shift = left < EDGE_PX ? EDGE_PX - left : right > innerWidth - EDGE_PX ? Math.max(EDGE_PX - left, innerWidth - EDGE_PX - right) : 0
    if (shift !== 0) panel.style.translate = `${shift}px 0`
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
    // The focused control went with a change of the panel (Start sharing gives way to the
    // invitation) or disabled itself (Reset): the keyboard stays in the panel, not on the page.
    // (Checked once the page has drawn, and a little later on a busy page: a disabled control
    // loses the focus only when the browser next draws.)
    const refocus = () => {
      const active = document.activeElement
      const panel = element?.querySelector('.menu')
      if (panel?.isConnected && (active === null || active === document.body)) focusablesIn(panel)[0]?.focus()
    }
    const keepFocusIn = new MutationObserver(() => requestAnimationFrame(() => [0, 100, 300].forEach((ms) => setTimeout(refocus, ms))))
    if (element) keepFocusIn.observe(element, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] })
    document.addEventListener('pointerdown', onPointer)
    document.addEventListener('keydown', onKey)
    element?.addEventListener('focusout', onFocusOut)
    return () => {
      keepFocusIn.disconnect()
      document.removeEventListener('pointerdown', onPointer)
      document.removeEventListener('keydown', onKey)
      element?.removeEventListener('focusout', onFocusOut)
    }
  }, [open])
  return { open, setOpen, root }
}

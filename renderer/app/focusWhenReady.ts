/** How long a view may take to show what gets the focus (a trace's spans load first). */
const WAIT_MS = 3000

/**
 * Moves focus to what `find` returns once it is on the page, so the keyboard keeps its place
 * when a view replaces the one that had the focus (or an element about to go, which had it);
 * unless the user put focus somewhere else meanwhile.
 */
export function focusWhenReady(find: () => HTMLElement | null | undefined): () => void {
  const until = performance.now() + WAIT_MS
  const from = document.activeElement
  let frame = 0
  const attempt = () => {
    const active = document.activeElement
    if (active && active !== document.body && active !== from) return
    const target = find()
    if (target) target.focus()
    else if (performance.now() < until) frame = requestAnimationFrame(attempt)
  }
  frame = requestAnimationFrame(attempt)
  return () => cancelAnimationFrame(frame)
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])'

const isRadio = (element: HTMLElement): element is HTMLInputElement => element instanceof HTMLInputElement && element.type === 'radio' && element.name !== ''

/**
 * The controls in `root` Tab stops at, in document order: shown, enabled, not inert; a group of
 * radios once, at its checked one (its first when none is), as the browser's own Tab goes.
 */
export function focusablesIn(root: Element): HTMLElement[] {
  const shown = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => element.getClientRects().length > 0 && !element.closest('[inert]'))
  const radios = shown.filter(isRadio)
  return shown.filter((element) => {
    if (!isRadio(element)) return true
    const group = radios.filter((other) => other.name === element.name && other.form === element.form)
    return element === (group.find((radio) => radio.checked) ?? group[0])
  })
}

/** Where keys are text being typed: shortcuts leave them alone. */
const TEXT_FIELDS = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])'

/** Whether a key event's target is a text field (or inside one). */
export const isTyping = (target: EventTarget | null): boolean => target instanceof Element && target.closest(TEXT_FIELDS) !== null

const onMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

/** The modifier shortcuts name (Ctrl, or ⌘ on macOS), as the handlers accept either. */
export const MODIFIER_KEY = onMac ? '⌘' : 'Ctrl'

/** A shortcut with the modifier, as the platform writes it: "Ctrl+S", or "⌘S" on macOS. */
export const withModifier = (keys: string): string => (onMac ? `⌘${keys}` : `Ctrl+${keys}`)

/** Where keys are text being typed: shortcuts leave them alone. */
const TEXT_FIELDS = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])'

/** Whether a key event's target is a text field (or inside one). */
export const isTyping = (target: EventTarget | null): boolean => target instanceof Element && target.closest(TEXT_FIELDS) !== null

/** The modifier shortcuts name (Ctrl, or ⌘ on macOS), as the handlers accept either. */
export const MODIFIER_KEY = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl'

/**
 * Puts `text` on the clipboard. The Clipboard API exists only in a secure context, which a pairing
 * guest on plain http to a LAN address is not: there the copy goes through a selected, off-screen
 * text area and the copy command (allowed in a click's handler). Rejects when neither can.
 */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard) return navigator.clipboard.writeText(text)
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.left = '-10000px'
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null
  document.body.append(area)
  area.select()
  try {
    if (!document.execCommand('copy')) throw new Error('the browser refused to copy')
  } finally {
    area.remove()
    focused?.focus()
  }
}

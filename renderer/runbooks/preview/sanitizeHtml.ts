import DOMPurify from 'dompurify'

// Runbooks are written by people and arrive in bundles from other workspaces: their HTML is
// untrusted. DOMPurify removes scripts, event handlers and dangerous URLs; on top of that,
// images load only from data: URLs (embedded diagrams, pasted images), so a runbook cannot make
// the app fetch from other hosts, and links open outside the app.

const purifier = DOMPurify()

export function sanitizeHtml(html: string): string {
  const fragment = purifier.sanitize(html, { RETURN_DOM_FRAGMENT: true, FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select'] })
  for (const image of fragment.querySelectorAll('img')) {
    const src = image.getAttribute('src') ?? ''
    if (/^data:image\//i.test(src)) continue
    const note = document.createElement('span')
    note.className = 'rb-blocked-image'
    note.title = 'Images from other hosts are not loaded'
    note.textContent = image.getAttribute('alt') || 'image'
    image.replaceWith(note)
  }
  for (const link of fragment.querySelectorAll('a[href]')) {
    link.setAttribute('target', '_blank')
    link.setAttribute('rel', 'noopener noreferrer')
  }
  const container = document.createElement('div')
  container.append(fragment)
  return container.innerHTML
}

import { app, BrowserWindow, dialog, type Session, shell, type WebContents } from 'electron'

/** Opens http(s) links in the user's browser after they confirm; everything else is refused. */
async function confirmExternal(contents: WebContents, url: string): Promise<void> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return
  const owner = BrowserWindow.fromWebContents(contents)
  const options = {
    type: 'question' as const,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this link in your browser?',
    detail: parsed.href,
  }
  const { response } = owner ? await dialog.showMessageBox(owner, options) : await dialog.showMessageBox(options)
  // Only http(s), only after the user has seen the address and agreed.
  if (response === 0) await shell.openExternal(parsed.href) // eng-disable OPEN_EXTERNAL_JS_CHECK
}

/**
 * The app's windows show only the bundled renderer: no navigation away from it, no new windows,
 * no webviews, no permissions (camera, notifications, ...).
 */
export function lockDown(session: Session, isAppUrl: (url: string) => boolean): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) {
        event.preventDefault()
        void confirmExternal(contents, url)
      }
    })
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      void confirmExternal(contents, url)
      return { action: 'deny' }
    })
  })
}

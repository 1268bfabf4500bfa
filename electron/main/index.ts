import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, session } from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { type Caller, dispatch } from '../../shared/api/dispatch'
import { createHandlers } from '../host/handlers'
import { Host } from '../host/host'
import { CALL_CHANNEL, EVENT_CHANNEL } from '../ipc-channels'
import { recentWorkspaces } from '../workspace/recent'
import { defaultWorkspacePath } from '../workspace/paths'
import { installMenu } from './menu'
import { lockDown } from './security'
import { loadWindowState, trackWindowState } from './window-state'

// The Electron shell: one window, its menu and the IPC side of the API. Everything else lives
// in the plain-Node core shared with the CLI.

const here = dirname(fileURLToPath(import.meta.url))
const rendererIndex = join(here, '..', 'renderer', 'index.html')
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
const appUrl = devServerUrl ?? pathToFileURL(rendererIndex).href

/** Whether a URL is the app's own page (ignoring query and hash). */
const isAppUrl = (url: string) => {
  try {
    const target = new URL(url)
    const own = new URL(appUrl)
    return target.origin === own.origin && target.pathname === own.pathname
  } catch {
    return false
  }
}

app.enableSandbox()

async function start() {
  await app.whenReady()
  lockDown(session.defaultSession, isAppUrl)

  const host = new Host({
    dbPath: process.env.CASEFILE_DB ?? recentWorkspaces()[0] ?? defaultWorkspacePath(),
    worker: { script: new URL('./workspace-worker.js', import.meta.url) },
    canSwitch: true,
    seedDemo: true,
    rendererDir: join(here, '..', 'renderer'),
  })
  const handlers = createHandlers(host)

  const state = loadWindowState()
  const window = new BrowserWindow({
    width: state.bounds?.width ?? 1440,
    height: state.bounds?.height ?? 900,
    x: state.bounds?.x,
    y: state.bounds?.y,
    minWidth: 900,
    minHeight: 560,
    title: 'Casefile',
    show: false,
    webPreferences: {
      // The preload exposes one typed Transport (invoke/subscribe) and nothing of Node or ipcRenderer.
      preload: join(here, '..', 'preload', 'index.cjs'), // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  })
  if (state.maximized) window.maximize()
  trackWindowState(window)
  // The page asks to stay (a runbook or diagram with unsaved edits): Electron would just not
  // close or reload, without a word. Ask the user.
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['Leave', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      message: 'Leave with unsaved changes?',
      detail: 'A runbook or diagram has edits that are not saved yet.',
    })
    if (choice === 0) event.preventDefault()
  })
  window.once('ready-to-show', () => window.show())

  const caller: Caller = {
    transport: 'ipc',
    emit: (event, payload) => {
      if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event, payload)
    },
  }
  const disconnect = host.connect(caller)
  window.on('closed', disconnect)

  ipcMain.handle(CALL_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    // Only the app's own top frame may call the API.
    if (event.sender !== window.webContents || !event.senderFrame || event.senderFrame !== window.webContents.mainFrame || !isAppUrl(event.senderFrame.url)) {
      return { ok: false, error: { code: 'invalid_input', message: 'calls are accepted from the Casefile window only' } }
    }
    return dispatch(handlers, method, input, caller)
  })

  installMenu(window, host)
  app.on('window-all-closed', () => {
    void host.close().finally(() => app.quit())
  })
  if (devServerUrl) await window.loadURL(devServerUrl)
  else await window.loadFile(rendererIndex)
}

start().catch((error) => {
  console.error('[casefile] failed to start:', error)
  app.exit(1)
})

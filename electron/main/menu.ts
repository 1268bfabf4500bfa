import { app, type BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron'
import { basename } from 'node:path'
import type { Host } from '../host/host'
import { ImportError } from '../import/import-files'

const IMPORT_FILTERS = [
  { name: 'Recordings, traces and bundles', extensions: ['json', 'jsonl', 'ndjson', 'casefile'] },
  { name: 'All files', extensions: ['*'] },
]
const WORKSPACE_FILTERS = [{ name: 'Casefile workspaces', extensions: ['sqlite', 'db'] }]

async function importFromDialog(window: BrowserWindow, host: Host): Promise<void> {
  const { canceled, filePaths } = await dialog.showOpenDialog(window, {
    title: 'Import recordings and traces',
    properties: ['openFile', 'multiSelections'],
    filters: IMPORT_FILTERS,
  })
  if (canceled || filePaths.length === 0) return
  const lastIncidentId = host.workspace.getPrefs().lastIncidentId
  const current = lastIncidentId ? host.workspace.listIncidents().find((incident) => incident.id === lastIncidentId) : undefined
  const target = current ? { incidentId: current.id } : { title: basename(filePaths[0]) }
  const importId = `menu-${Date.now()}`
  try {
    const result = await host.importFiles(
      target,
      filePaths.map((path) => ({ path, name: basename(path) })),
      (progress) => host.broadcast('import.progress', { importId, ...progress }),
    )
    host.broadcast('workspace.changed', { incidentId: result.incident.id })
  } catch (error) {
    dialog.showErrorBox('Import failed', error instanceof ImportError ? error.amongFiles(filePaths.length) : String((error as Error).message))
  }
}

async function openWorkspace(window: BrowserWindow, host: Host, create: boolean): Promise<void> {
  const path = create
    ? (await dialog.showSaveDialog(window, { title: 'New workspace', defaultPath: 'incidents.casefile.sqlite', filters: WORKSPACE_FILTERS })).filePath
    : (await dialog.showOpenDialog(window, { title: 'Open workspace', properties: ['openFile'], filters: WORKSPACE_FILTERS })).filePaths[0]
  if (!path) return
  try {
    host.switchTo(path)
  } catch (error) {
    dialog.showErrorBox('Cannot open workspace', `${path}: ${(error as Error).message}`)
  }
}

export function installMenu(window: BrowserWindow, host: Host): void {
  const recent: MenuItemConstructorOptions[] = host.recent().map((path) => ({
    label: path,
    click: () => {
      host.switchTo(path)
      installMenu(window, host)
    },
  }))
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => void importFromDialog(window, host) },
        { type: 'separator' },
        { label: 'New Workspace…', click: () => void openWorkspace(window, host, true).then(() => installMenu(window, host)) },
        { label: 'Open Workspace…', click: () => void openWorkspace(window, host, false).then(() => installMenu(window, host)) },
        { label: 'Recent Workspaces', submenu: recent.length > 0 ? recent : [{ label: 'None', enabled: false }] },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

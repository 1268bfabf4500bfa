import { homedir } from 'node:os'
import { join } from 'node:path'

/** Casefile's own folder, where Electron keeps userData for an app named "Casefile". */
export function appDataDir(): string {
  if (process.env.CASEFILE_HOME) return process.env.CASEFILE_HOME
  const home = homedir()
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Casefile')
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Casefile')
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Casefile')
}

export const defaultWorkspacePath = (): string => join(appDataDir(), 'workspace.casefile.sqlite')

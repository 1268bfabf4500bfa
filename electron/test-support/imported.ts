import { basename, isAbsolute, join } from 'node:path'
import { importFiles } from '../import/import-files'
import { Workspace } from '../store/workspace'
import { tempDir } from './temp'

const data = join(import.meta.dirname, '..', '..', 'e2e', 'fixtures', 'data')

/** A fresh workspace with one incident holding `files` (fixture names, or paths), imported as the app does. */
export function importedIncident(...files: string[]): { workspace: Workspace; incidentId: number } {
  const workspace = Workspace.open(join(tempDir(), 'w.sqlite'))
  const { incident } = importFiles(
    workspace,
    { title: 'imported' },
    files.map((file) => ({ path: isAbsolute(file) ? file : join(data, file), name: basename(file) })),
  )
  return { workspace, incidentId: incident.id }
}

import type { ApiClient } from '../../shared/api/contract'
import { titleClash } from '../../shared/runbooks/files'
import { MAX_RUNBOOK_CHARS, type RunbookImport } from '../../shared/runbooks/model'
import { errorMessage } from '../api/errors'

/**
 * Runbooks kept as markdown files, dropped or picked with the evidence: each becomes the runbook
 * of its title (a new revision of it when there is one), as `casefile runbook import` does.
 * Rejects with the file's name and why, before sending anything when two files share a title.
 */
export async function importRunbookFiles(api: ApiClient, files: readonly File[]): Promise<RunbookImport[]> {
  const tooBig = files.find((file) => file.size > MAX_RUNBOOK_CHARS)
  if (tooBig) throw new Error(`${tooBig.name}: a runbook is at most ${MAX_RUNBOOK_CHARS.toLocaleString('en')} characters`)
  const sources = await Promise.all(files.map(async (file) => ({ name: file.name, markdown: await file.text() })))
  const clash = titleClash(sources)
  if (clash !== null) throw new Error(clash)
  const runbooks: RunbookImport[] = []
  for (const { name, markdown } of sources) {
    try {
      runbooks.push(await api.call('runbooks.import', { fileName: name, markdown }))
    } catch (error) {
      throw new Error(`${name}: ${errorMessage(error)}`)
    }
  }
  return runbooks
}

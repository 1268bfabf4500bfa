import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../test-support/temp'
import { saveRunbook } from './runbooks'
import { search } from './search'
import { Workspace } from './workspace'

describe('search snippets', () => {
  it('show a runbook’s words as a reader sees them, without its markdown marks', () => {
    const workspace = Workspace.open(join(tempDir(), 'w.sqlite'))
    saveRunbook(workspace.db, {
      markdown: '# Postgres failover\n\n## Promote the replica\n\n```sh\nkubectl exec pg-replica -- pg_ctl promote\n```\n\nThen **check** the `pg_stat_replication` view.\n',
    })
    const [hit] = search(workspace.db, 'kubectl')
    expect(hit.snippet).toBe('Postgres failover Promote the replica <mark>kubectl</mark> exec pg-replica -- pg_ctl promote Then check the…')
    workspace.close()
  })
})

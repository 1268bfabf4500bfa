import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Workspace } from '../store/workspace'
import { tempDir } from '../test-support/temp'
import { OutsideWrites } from './outside-writes'

describe('OutsideWrites', () => {
  it('reports a commit made by another connection once, and never the workspace’s own writes', () => {
    const path = join(tempDir(), 'watched.sqlite')
    const workspace = Workspace.open(path)
    const other = new Database(path)
    let changes = 0
    const watch = new OutsideWrites(() => workspace.db, () => changes++)
    watch.sync()

    workspace.createIncident('Written here')
    watch.check()
    expect(changes).toBe(0)

    other.prepare("INSERT INTO incidents (title, created_at, updated_at) VALUES ('From a terminal', 1, 1)").run()
    watch.check()
    watch.check()
    expect(changes).toBe(1)
    expect(workspace.listIncidents().map((incident) => incident.title)).toContain('From a terminal')

    // A write its callers were already told about is taken as seen.
    other.prepare("UPDATE incidents SET title = 'Renamed' WHERE title = 'From a terminal'").run()
    watch.sync()
    watch.check()
    expect(changes).toBe(1)
    other.close()
    workspace.close()
  })

  it('follows a switch to another workspace file without reporting the switch itself', () => {
    const first = Workspace.open(join(tempDir(), 'first.sqlite'))
    const secondPath = join(tempDir(), 'second.sqlite')
    const second = Workspace.open(secondPath)
    let current = first
    let changes = 0
    const watch = new OutsideWrites(() => current.db, () => changes++)
    watch.sync()
    current = second
    watch.check()
    expect(changes).toBe(0)

    const other = new Database(secondPath)
    other.prepare("INSERT INTO incidents (title, created_at, updated_at) VALUES ('Elsewhere', 1, 1)").run()
    watch.check()
    expect(changes).toBe(1)
    other.close()
    first.close()
    second.close()
  })
})

import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it, onTestFinished } from 'vitest'
import { createClient } from '../../shared/api/client'
import { SOCKET_PATH, TOKEN_PARAM } from '../../shared/api/wire'
import { diagramEmbed } from '../../shared/runbooks/embeds'
import { createHandlers } from '../host/handlers'
import { startWebServer } from '../host/web-server'
import { importFiles } from '../import/import-files'
import { saveDiagram } from '../store/diagrams'
import { createFinding, linkFinding } from '../store/findings'
import { saveRunbook } from '../store/runbooks'
import { nodeSocketTransport, startTestHost, upgradeStatus } from '../test-support/host'
import { tempDir } from '../test-support/temp'
import { Workspace } from '../store/workspace'
import { Room } from './room'
import { guestCaller, guestHandlers } from './guest-scope'

const data = join(import.meta.dirname, '..', '..', 'e2e', 'fixtures', 'data')

/** A host sharing the demo incident with guests, and a private incident next to it. */
async function sharing() {
  const { host, dir } = await startTestHost({ seedDemo: true })
  const [shared] = host.workspace.listIncidents()
  const secret = importFiles(host.workspace, { title: 'Private: payroll outage' }, [{ path: join(data, 'checkout.zipkin.json'), name: 'payroll.json' }])
  const cited = saveRunbook(host.workspace.db, { markdown: '# Checkout 502\n\n1. Check payments.\n2. Fail over.\n' })
  const uncited = saveRunbook(host.workspace.db, { markdown: '# Payroll runbook\n\n1. Secret payroll step.\n' })
  const anchor = { timeMs: 1, traceId: null, spanId: null, node: null, edge: null }
  const evidence = createFinding(host.workspace.db, shared.id, { title: 'Payments fail over', notes: '', severity: 'high', tags: [], author: 'host', anchors: anchor })
  linkFinding(host.workspace.db, evidence.id, cited.id, cited.steps[1].id)
  const privateFinding = createFinding(host.workspace.db, secret.incident.id, { title: 'Payroll payments leak', notes: '', severity: 'critical', tags: [], author: 'host', anchors: anchor })

  const rendererDir = join(dir, 'guest-renderer')
  mkdirSync(rendererDir)
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>')
  const server = await startWebServer({
    host: '127.0.0.1',
    port: 0,
    rendererDir,
    handlers: guestHandlers(createHandlers(host), () => host.workspace.db, shared.id, { room: new Room(shared.id), memberId: () => undefined, guestKey: () => 'the-guest' }),
    connect: (caller) => host.connect(guestCaller(caller, () => host.workspace.db, shared.id)),
  })
  onTestFinished(() => server.close())
  const transport = await nodeSocketTransport(`ws://127.0.0.1:${server.port}${SOCKET_PATH}?${TOKEN_PARAM}=${server.token}`)
  onTestFinished(() => void transport.socket.close())
  const guest = createClient(transport)
  await guest.call('pairing.join', { name: 'Bo' })
  return { host, server, guest, shared, secret: secret.incident, cited, uncited, privateFinding }
}

describe('a pairing guest', () => {
  it('sees the shared incident and nothing else of the workspace', async () => {
    const { guest, shared, secret, host, uncited, privateFinding } = await sharing()
    expect((await guest.call('incidents.list', {})).map((i) => i.id)).toEqual([shared.id])
    await expect(guest.call('incidents.open', { id: secret.id })).rejects.toMatchObject({ code: 'not_found' })
    const secretArtifact = host.workspace.incidentView(secret.id).artifacts[0]
    await expect(guest.call('traces.list', { incidentId: secret.id })).rejects.toMatchObject({ code: 'not_found' })
    const secretTrace = host.workspace.db.prepare('SELECT trace_id FROM spans WHERE artifact_id = ? LIMIT 1').pluck().get(secretArtifact.id) as string
    await expect(guest.call('traces.get', { artifactId: secretArtifact.id, traceId: secretTrace })).rejects.toMatchObject({ code: 'not_found' })
    const secretSpan = host.workspace.db.prepare('SELECT id FROM spans WHERE artifact_id = ? LIMIT 1').pluck().get(secretArtifact.id) as number
    await expect(guest.call('spans.detail', { rowId: secretSpan })).rejects.toMatchObject({ code: 'not_found' })
    await expect(guest.call('runbooks.get', { id: uncited.id })).rejects.toMatchObject({ code: 'not_found' })
    await expect(guest.call('runbooks.revisions', { id: uncited.id })).rejects.toMatchObject({ code: 'not_found' })
    const [uncitedRevision] = host.workspace.db.prepare('SELECT id FROM runbook_revisions WHERE runbook_id = ?').pluck().all(uncited.id) as number[]
    await expect(guest.call('runbooks.revision', { id: uncited.id, revisionId: uncitedRevision })).rejects.toMatchObject({ code: 'not_found' })
    await expect(guest.call('runbooks.restore', { id: uncited.id, revisionId: uncitedRevision })).rejects.toMatchObject({ code: 'not_found' })
    await expect(guest.call('findings.update', { id: privateFinding.id, finding: { title: 'x', notes: '', severity: 'low', tags: [], author: 'guest', anchors: { timeMs: 1, traceId: null, spanId: null, node: null, edge: null } } })).rejects.toMatchObject({ code: 'not_found' })
    expect((await guest.call('search.query', { text: 'payroll' })).map((hit) => hit.title)).toEqual([])
    expect((await guest.call('search.query', { text: 'payments' })).map((hit) => hit.title).sort()).toEqual(['Checkout 502', 'Payments fail over'])
    expect(await guest.call('workspace.info', {})).toMatchObject({ path: 'Shared session', sharedIncidentId: shared.id })
    await expect(guest.call('exports.bundle', { incidentId: secret.id })).rejects.toMatchObject({ code: 'not_found' })
  })

  it('hears of a file the host imports into the shared incident (here from a terminal), and sees it', async () => {
    const { guest, shared, host } = await sharing()
    const heard: Array<number | null> = []
    guest.on('workspace.changed', ({ incidentId }) => heard.push(incidentId))
    const before = (await guest.call('incidents.open', { id: shared.id })).artifacts.length
    const terminal = Workspace.open(host.workspace.path)
    importFiles(terminal, { incidentId: shared.id }, [{ path: join(data, 'checkout.jaeger.json'), name: 'checkout.jaeger.json' }])
    terminal.close()
    await expect.poll(() => heard.length, { timeout: 5000 }).toBeGreaterThan(0)
    expect((await guest.call('incidents.open', { id: shared.id })).artifacts).toHaveLength(before + 1)
  })

  it('writes the shared incident\'s report without the host\'s authored diagrams, even one a note of its own embeds', async () => {
    const { guest, shared, host } = await sharing()
    const privateMap = saveDiagram(host.workspace.db, {
      title: 'Private network map',
      content: { nodes: [{ id: 'vault', kind: 'service', label: 'SECRET-VAULT-DB', x: 0, y: 0, width: 160, height: 60, parentId: null, service: null, shape: 'database' }], edges: [] },
    })
    const anchors = { timeMs: 1, traceId: null, spanId: null, node: null, edge: null }
    await guest.call('findings.create', { incidentId: shared.id, finding: { title: 'Where it runs', notes: diagramEmbed(privateMap.id, 'map'), severity: 'low', tags: [], author: 'guest', anchors } })
    for (const format of ['md', 'html'] as const) {
      const { text } = await guest.call('reports.build', { incidentId: shared.id, format, diagrams: true })
      const images = [...text.matchAll(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/g)].map((match) => Buffer.from(match[1], 'base64').toString())
      expect(images.join('')).not.toContain('SECRET-VAULT-DB')
      expect(text).not.toContain('SECRET-VAULT-DB')
      expect(text).toContain('diagram “map” not included')
    }
  })

  it('keeps a copy of the shared incident as a bundle, without the host\'s authored diagrams, one copy at a time', async () => {
    const { guest, shared, host } = await sharing()
    // An embed a guest writes itself must not carry a diagram it may not open out in the copy.
    const privateMap = saveDiagram(host.workspace.db, { title: 'Private network map', content: { nodes: [], edges: [] } })
    await expect(guest.call('diagrams.get', { id: privateMap.id })).rejects.toMatchObject({ code: 'invalid_input' })
    // One that does not exist is said not to, as to the host (a note embedding it says it is gone).
    await expect(guest.call('diagrams.get', { id: privateMap.id + 100 })).rejects.toMatchObject({ code: 'not_found' })
    const anchors = { timeMs: 1, traceId: null, spanId: null, node: null, edge: null }
    await guest.call('findings.create', { incidentId: shared.id, finding: { title: 'Where it runs', notes: diagramEmbed(privateMap.id, 'map'), severity: 'low', tags: [], author: 'guest', anchors } })

    const download = await guest.call('exports.bundle', { incidentId: shared.id })
    const parts: Buffer[] = []
    for (let done = false, offset = 0; !done; ) {
      const chunk = await guest.call('downloads.chunk', { downloadId: download.downloadId, offset })
      parts.push(Buffer.from(chunk.data, 'base64'))
      offset += parts.at(-1)!.length
      done = chunk.done
    }
    const file = join(tempDir(), 'copy.casefile')
    writeFileSync(file, Buffer.concat(parts))
    const copy = new Database(file, { readonly: true })
    try {
      expect(copy.prepare('SELECT title FROM findings').pluck().all()).toContain('Where it runs')
      expect(copy.prepare('SELECT count(*) FROM diagrams').pluck().get()).toBe(0)
    } finally {
      copy.close()
    }
    await expect(guest.call('exports.bundle', { incidentId: shared.id })).rejects.toMatchObject({ code: 'rate_limited', message: /try again in \d+ s/ })
  })

  it('investigates and adds findings to the shared incident, saved in the host workspace; cannot import or manage incidents', async () => {
    const { guest, shared, host, cited } = await sharing()
    const [failing] = await guest.call('traces.list', { incidentId: shared.id })
    expect((await guest.call('traces.get', { artifactId: failing.artifactId, traceId: failing.traceId })).spanId.length).toBe(failing.spans)
    const added = await guest.call('findings.create', {
      incidentId: shared.id,
      finding: { title: 'Guest saw the retry storm', notes: '', severity: 'medium', tags: [], author: 'guest', anchors: { timeMs: 2, traceId: null, spanId: null, node: null, edge: null } },
    })
    expect(host.workspace.db.prepare('SELECT title FROM findings WHERE id = ?').pluck().get(added.id)).toBe('Guest saw the retry storm')
    // Signed with the name it joined under, whatever it asks; an edit of the host's finding keeps the host's name.
    expect(added.author).toBe('Bo')
    const posing = await guest.call('findings.create', { incidentId: shared.id, finding: { title: 'Posing', notes: '', severity: 'low', tags: [], author: 'Host', anchors: { timeMs: 3, traceId: null, spanId: null, node: null, edge: null } } })
    expect(posing.author).toBe('Bo')
    const [evidence] = (await guest.call('findings.list', { incidentId: shared.id })).filter((finding) => finding.title === 'Payments fail over')
    expect((await guest.call('findings.update', { id: evidence.id, finding: { ...evidence, author: 'Bo' } })).author).toBe('host')
    expect((await guest.call('runbooks.get', { id: cited.id })).title).toBe('Checkout 502')
    expect((await guest.call('runbooks.revisions', { id: cited.id })).map((revision) => revision.title)).toEqual(['Checkout 502'])
    await expect(guest.call('uploads.begin', { name: 'x.json', size: 1 })).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(guest.call('incidents.delete', { id: shared.id })).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(guest.call('artifacts.remove', { artifactId: failing.artifactId })).rejects.toMatchObject({ code: 'invalid_input' })
    expect(host.workspace.incidentView(shared.id).artifacts.map((artifact) => artifact.id)).toContain(failing.artifactId)
    await expect(guest.call('runbooks.save', { markdown: '# New runbook' })).rejects.toMatchObject({ code: 'invalid_input' })
    // Layout preferences stay with the guest.
    await guest.call('prefs.set', { paneSizes: [10, 20, 70] })
    expect(host.workspace.getPrefs().paneSizes).toBeUndefined()
  })

  it("deletes and brings back only the findings it added itself: the host's stay the host's", async () => {
    const { guest, shared, host, server } = await sharing()
    const anchors = { timeMs: 2, traceId: null, spanId: null, node: null, edge: null }
    const hosts = createFinding(host.workspace.db, shared.id, { title: 'Host’s lead', notes: '', severity: 'high', tags: [], author: 'Ana', anchors })
    await expect(guest.call('findings.delete', { id: hosts.id })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/ask the host/) })
    expect(host.workspace.db.prepare('SELECT deleted_at FROM findings WHERE id = ?').pluck().get(hosts.id)).toBeNull()

    // One the host deleted (its undo long gone) stays deleted.
    await host.workspace.db.prepare('UPDATE findings SET deleted_at = 1 WHERE id = ?').run(hosts.id)
    await expect(guest.call('findings.restore', { id: hosts.id })).rejects.toMatchObject({ code: 'invalid_input' })

    const mine = await guest.call('findings.create', { incidentId: shared.id, finding: { title: 'Mine', notes: '', severity: 'low', tags: [], author: 'Bo', anchors } })
    // Its list marks the ones it may delete, also on a new connection of the same guest (a reload).
    const marked = async (client: typeof guest) => (await client.call('findings.list', { incidentId: shared.id })).filter((finding) => finding.addedByYou).map((finding) => finding.id)
    expect(await marked(guest)).toEqual([mine.id])
    const again = await nodeSocketTransport(`ws://127.0.0.1:${server.port}${SOCKET_PATH}?${TOKEN_PARAM}=${server.token}`)
    onTestFinished(() => void again.socket.close())
    expect(await marked(createClient(again))).toEqual([mine.id])
    expect(await guest.call('findings.delete', { id: mine.id })).toEqual({ deleted: true })
    expect((await guest.call('findings.restore', { id: mine.id })).title).toBe('Mine')
  })

  it('without the secret gets HTTP 401 and nothing else', async () => {
    const { server } = await sharing()
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}${SOCKET_PATH}?${TOKEN_PARAM}=${'A'.repeat(server.token.length)}`)).toBe(401)
  })
})

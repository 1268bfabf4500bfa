import type Database from 'better-sqlite3'
import { ApiError, type EventName, type EventPayload } from '../../shared/api/contract'
import type { Caller, Handlers } from '../../shared/api/dispatch'
import { parseDocId } from '../../shared/collab/model'
import type { Prefs } from '../../shared/domain/model'
import type { Room } from './room'

// What a pairing guest may reach: the shared incident and the runbooks its findings cite, nothing
// else of the host's workspace. Every method of the contract is listed (the type demands it), so a
// method added later is refused to guests until someone decides otherwise here.

const hidden = (what: string) => new ApiError('not_found', `${what} is not part of this shared session`)

/** The checks behind a guest's reach; each throws not_found for what is outside it. */
function scope(db: () => Database.Database, incidentId: number) {
  const belongs = (sql: string, id: number | string) => db().prepare(sql).pluck().get(id) === incidentId
  const incident = (id: number) => {
    if (id !== incidentId) throw hidden(`incident ${id}`)
  }
  const artifact = (id: number) => {
    if (!belongs('SELECT incident_id FROM artifacts WHERE id = ?', id)) throw hidden(`artifact ${id}`)
  }
  const finding = (id: number) => {
    if (!belongs('SELECT incident_id FROM findings WHERE id = ?', id)) throw hidden(`finding ${id}`)
  }
  const citedRunbooks = () =>
    new Set(
      db()
        .prepare('SELECT DISTINCT l.runbook_id FROM finding_links l JOIN findings f ON f.id = l.finding_id WHERE f.incident_id = ? AND f.deleted_at IS NULL')
        .pluck()
        .all(incidentId) as number[],
    )
  const runbook = (id: number) => {
    if (!citedRunbooks().has(id)) throw hidden(`runbook ${id}`)
  }
  const collabDoc = (docId: string) => {
    const { kind, id } = parseDocId(docId)
    if (kind === 'finding') finding(id)
    else runbook(id)
  }
  return { belongs, incident, artifact, finding, citedRunbooks, runbook, collabDoc }
}

/** A guest's caller, hearing only the events it may (guestSees). */
export function guestCaller(caller: Caller, db: () => Database.Database, incidentId: number): Caller {
  const sees = guestSees(db, incidentId)
  return { ...caller, emit: (event, payload) => sees(event, payload) && caller.emit(event, payload) }
}

/** Which events a guest may receive: only those about the shared incident. */
function guestSees(db: () => Database.Database, incidentId: number) {
  const { collabDoc, runbook } = scope(db, incidentId)
  const reaches = (check: () => unknown) => {
    try {
      check()
      return true
    } catch {
      return false
    }
  }
  return <E extends EventName>(event: E, payload: EventPayload<E>): boolean => {
    if (event === 'collab.update') return reaches(() => collabDoc((payload as EventPayload<'collab.update'>).docId))
    if (event === 'runbooks.changed') return reaches(() => runbook((payload as EventPayload<'runbooks.changed'>).id))
    // Unnamed, a change may be the shared incident's (a file imported into it): the guest reads it again.
    if (event === 'workspace.changed') return [incidentId, null].includes((payload as EventPayload<'workspace.changed'>).incidentId)
    if (event === 'findings.changed') return (payload as EventPayload<'findings.changed'>).incidentId === incidentId
    return false // the host's imports, and any event added later, stay with the host
  }
}

/**
 * A guest's copy of the incident is written on the host's main thread: one every this often, all
 * guests together, so guests cannot keep the host busy (or fill its disk) with copies.
 */
export const GUEST_COPY_INTERVAL_MS = 10_000

/** The live session guests take part in, and which member a guest's connection is. */
export interface GuestRoom {
  room: Room
  memberId(caller: Caller): string | undefined
  /** What stays the same for one guest across its reconnects (its secret). */
  guestKey(caller: Caller): string | undefined
}

export function guestHandlers(handlers: Handlers, db: () => Database.Database, incidentId: number, live: GuestRoom): Handlers {
  const { room } = live
  const { belongs, incident, artifact, finding, citedRunbooks, runbook, collabDoc } = scope(db, incidentId)
  const refused = (what: string) => () => {
    throw new ApiError('invalid_input', `${what} is not available to a guest of a shared session`)
  }
  // Each guest's preferences are its own (its name, its remote-assets choice), across its reconnects.
  const prefsByGuest = new Map<string, Prefs>()
  const prefsOf = (caller: Caller): Prefs => prefsByGuest.get(live.guestKey(caller) ?? '') ?? { lastIncidentId: incidentId }
  let lastCopyAt = -Infinity
  // A guest deletes only the findings it added in this session, and brings back only those it deleted:
  // the host's findings (and ones deleted before) are the host's to remove and restore.
  const addedBy = new Map<string, Set<number>>()
  const deletedBy = new Map<string, Set<number>>()
  // The name each guest last joined under: a finding it wrote while its connection was down arrives before it joins again.
  const joinedAs = new Map<string, string>()
  const guestsOwn = (byGuest: Map<string, Set<number>>, caller: Caller): Set<number> => {
    const key = live.guestKey(caller) ?? ''
    let ids = byGuest.get(key)
    if (!ids) byGuest.set(key, (ids = new Set()))
    return ids
  }

  return {
    'workspace.info': () => ({ path: 'Shared session', recent: [], canSwitch: false, sharedIncidentId: incidentId }),
    'workspace.open': refused('switching workspaces'),
    'incidents.list': async (input, caller) => (await handlers['incidents.list'](input, caller)).filter((i) => i.id === incidentId),
    'incidents.create': refused('creating incidents'),
    'incidents.rename': refused('renaming incidents'),
    'incidents.delete': refused('deleting incidents'),
    'incidents.open': (input, caller) => (incident(input.id), handlers['incidents.open'](input, caller)),
    'sessions.outline': (input, caller) => (artifact(input.artifactId), handlers['sessions.outline'](input, caller)),
    'sessions.chunks': (input, caller) => (artifact(input.artifactId), handlers['sessions.chunks'](input, caller)),
    'clock.alignment': (input, caller) => (incident(input.incidentId), handlers['clock.alignment'](input, caller)),
    // A file's offset moves every pane and every finding's moment for everyone: the host's to set.
    'clock.setOffset': refused('setting a file’s clock offset'),
    'artifacts.remove': refused('removing files'),
    'traces.list': (input, caller) => (incident(input.incidentId), handlers['traces.list'](input, caller)),
    'traces.get': (input, caller) => (artifact(input.artifactId), handlers['traces.get'](input, caller)),
    'spans.detail': (input, caller) => {
      if (!belongs('SELECT a.incident_id FROM spans s JOIN artifacts a ON a.id = s.artifact_id WHERE s.id = ?', input.rowId)) throw hidden(`span ${input.rowId}`)
      return handlers['spans.detail'](input, caller)
    },
    'spans.findText': (input, caller) => (artifact(input.artifactId), handlers['spans.findText'](input, caller)),
    'graph.derived': (input, caller) => (incident(input.incidentId), handlers['graph.derived'](input, caller)),
    'graph.activity': (input, caller) => (incident(input.incidentId), handlers['graph.activity'](input, caller)),
    'graph.edgeSpans': (input, caller) => (incident(input.incidentId), handlers['graph.edgeSpans'](input, caller)),
    'findings.list': async (input, caller) => {
      incident(input.incidentId)
      const added = guestsOwn(addedBy, caller)
      return (await handlers['findings.list'](input, caller)).map((finding) => (added.has(finding.id) ? { ...finding, addedByYou: true as const } : finding))
    },
    'findings.get': (input, caller) => (finding(input.id), handlers['findings.get'](input, caller)),
    // A guest's findings are signed with the name it joined under (it cannot sign as the host, or
    // as another guest), and an edit keeps the author the finding has.
    'findings.create': async (input, caller) => {
      incident(input.incidentId)
      const author = room.nameOf(caller) ?? joinedAs.get(live.guestKey(caller) ?? '')
      if (author === undefined) throw new ApiError('invalid_input', 'join the shared session before adding findings')
      const created = await handlers['findings.create']({ ...input, finding: { ...input.finding, author } }, caller)
      guestsOwn(addedBy, caller).add(created.id)
      return created
    },
    'findings.update': (input, caller) => {
      finding(input.id)
      const author = db().prepare('SELECT author FROM findings WHERE id = ?').pluck().get(input.id) as string
      return handlers['findings.update']({ ...input, finding: { ...input.finding, author } }, caller)
    },
    'findings.delete': async (input, caller) => {
      finding(input.id)
      if (!guestsOwn(addedBy, caller).has(input.id)) throw new ApiError('invalid_input', 'a guest deletes only the findings it added: ask the host to delete this one')
      const outcome = await handlers['findings.delete'](input, caller)
      guestsOwn(deletedBy, caller).add(input.id)
      return outcome
    },
    'findings.restore': (input, caller) => {
      finding(input.id)
      if (!guestsOwn(deletedBy, caller).has(input.id)) throw new ApiError('invalid_input', 'a guest brings back only the findings it deleted: ask the host')
      return handlers['findings.restore'](input, caller)
    },
    'findings.link': (input, caller) => (finding(input.findingId), runbook(input.runbookId), handlers['findings.link'](input, caller)),
    'findings.unlink': (input, caller) => (finding(input.findingId), runbook(input.runbookId), handlers['findings.unlink'](input, caller)),
    'runbooks.list': async (input, caller) => {
      const cited = citedRunbooks()
      return (await handlers['runbooks.list'](input, caller)).filter((r) => cited.has(r.id))
    },
    'runbooks.get': (input, caller) => (runbook(input.id), handlers['runbooks.get'](input, caller)),
    'runbooks.import': refused('importing runbooks'),
    'runbooks.save': (input, caller) => {
      if (input.id === undefined) throw new ApiError('invalid_input', 'creating runbooks is not available to a guest of a shared session')
      runbook(input.id)
      return handlers['runbooks.save'](input, caller)
    },
    // A guest may edit the runbooks the shared incident cites, so their history too.
    'runbooks.revisions': (input, caller) => (runbook(input.id), handlers['runbooks.revisions'](input, caller)),
    'runbooks.revision': (input, caller) => (runbook(input.id), handlers['runbooks.revision'](input, caller)),
    'runbooks.restore': (input, caller) => (runbook(input.id), handlers['runbooks.restore'](input, caller)),
    'runbooks.delete': refused('deleting runbooks'),
    'runbooks.backlinks': async (input, caller) => {
      runbook(input.id)
      return (await handlers['runbooks.backlinks'](input, caller)).filter((link) => link.incidentId === incidentId)
    },
    // The host's authored diagrams are not shared: a guest's report shows their captions only.
    'reports.build': (input, caller) => (incident(input.incidentId), handlers['reports.build']({ ...input, diagrams: false }, caller)),
    'search.query': async (input, caller) => {
      const cited = citedRunbooks()
      const hits = await handlers['search.query'](input, caller)
      return hits.filter((hit) => (hit.kind === 'runbook' ? cited.has(hit.id) : belongs('SELECT incident_id FROM findings WHERE id = ?', hit.id)))
    },
    'diagrams.list': () => [],
    // Refused, but one that does not exist is said not to (a guest's notes can then say it is gone).
    'diagrams.get': async (input, caller) => {
      await handlers['diagrams.get'](input, caller)
      return refused('authored diagrams')()
    },
    'diagrams.save': refused('authored diagrams'),
    'diagrams.revisions': refused('authored diagrams'),
    'diagrams.restore': refused('authored diagrams'),
    'diagrams.delete': refused('authored diagrams'),
    'diagrams.embedders': refused('authored diagrams'),
    'diagrams.import': refused('importing'),
    // A guest keeps a copy of the shared incident (with everyone's findings) as a bundle, without
    // the authored diagrams its texts embed: those are not shared (anyone may write an embed).
    // Download ids are random UUIDs handed to whoever asked for the export, so reading one needs no scope.
    'exports.bundle': (input, caller) => {
      incident(input.incidentId)
      const wait = lastCopyAt + GUEST_COPY_INTERVAL_MS - Date.now()
      if (wait > 0) throw new ApiError('rate_limited', `a copy of this session was made moments ago; try again in ${Math.ceil(wait / 1000)} s`)
      lastCopyAt = Date.now()
      return handlers['exports.bundle']({ ...input, diagrams: false }, caller)
    },
    'downloads.chunk': (input, caller) => handlers['downloads.chunk'](input, caller),
    'uploads.begin': refused('importing'),
    'uploads.chunk': refused('importing'),
    'imports.run': refused('importing'),
    'imports.cancel': refused('importing'),
    'pairing.addresses': refused('sharing'),
    'pairing.check': refused('joining another session'),
    'pairing.share': refused('sharing'),
    'pairing.status': refused('sharing'),
    'pairing.remove': refused('sharing'),
    'pairing.stop': refused('sharing'),
    'collab.pull': (input, caller) => (collabDoc(input.docId), handlers['collab.pull'](input, caller)),
    'collab.push': (input, caller) => (collabDoc(input.docId), handlers['collab.push'](input, caller)),
    'pairing.join': ({ name }, caller) => {
      const joined = room.join(caller, name, 'guest', live.memberId(caller), live.guestKey(caller))
      joinedAs.set(live.guestKey(caller) ?? '', room.nameOf(caller)!)
      return joined
    },
    'pairing.presence': (presence, caller) => (room.presence(caller, presence), {}),
    'pairing.drive': (playback, caller) => room.drive(caller, playback),
    'pairing.control': (control, caller) => room.control(caller, control),
    'pairing.ping': (ping, caller) => (room.ping(caller, ping), {}),
    'pairing.leave': (_input, caller) => (room.leave(caller), {}),
    'prefs.get': (_input, caller) => prefsOf(caller),
    'prefs.set': (input, caller) => {
      const key = live.guestKey(caller)
      const prefs = { ...prefsOf(caller), ...input }
      if (key !== undefined) prefsByGuest.set(key, prefs)
      return prefs
    },
  }
}

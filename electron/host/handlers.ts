import { ApiError } from '../../shared/api/contract'
import { type CollabDocId, parseDocId } from '../../shared/collab/model'
import { fromBase64, toBase64 } from '../../shared/domain/base64'
import type { Caller, Handlers } from '../../shared/api/dispatch'
import { importDiagramText } from '../../shared/diagrams/import'
import { fileNameFor } from '../../shared/domain/file-name'
import { FormatError } from '../../shared/formats/errors'
import { ImportCancelled, ImportError } from '../import/import-files'
import { shareableAddresses } from '../pairing/sharing'
import { hostAnswers } from '../pairing/check'
import { buildReport } from '../report/report'
import { removeArtifact } from '../store/artifacts'
import { alignSessions, setClockOffset } from '../store/clock'
import { pullDoc, pushDoc, reconcileDoc } from '../store/collab'
import { createFinding, deleteFinding, getFinding, linkFinding, listFindings, restoreFinding, runbookBacklinks, unlinkFinding, updateFinding } from '../store/findings'
import { fallbackTitleOf } from '../../shared/runbooks/files'
import { deleteRunbook, getRunbook, getRunbookRevision, importRunbook, listRunbooks, refuseTitleInUse, restoreRunbook, runbookRevisions, saveRunbook } from '../store/runbooks'
import { search } from '../store/search'
import { sessionChunks, sessionOutline } from '../store/sessions'
import { bindToKnownServices, deleteDiagram, diagramEmbedders, diagramRevisions, getDiagram, listDiagrams, restoreDiagram, saveDiagram } from '../store/diagrams'
import { edgeSpans } from '../store/edge-spans'
import { serviceActivity } from '../store/service-activity'
import { deriveServiceGraph } from '../store/service-graph'
import { loadTrace } from '../store/trace-columns'
import { listTraces, spanDetail, spansContaining } from '../store/trace-queries'
import { explainBusy } from '../store/workspace'
import type { Host } from './host'

/** The one handler table, served over Electron IPC and over the WebSocket host alike. */
export function createHandlers(host: Host): Handlers {
  const info = () => ({ path: host.workspace.path, recent: host.recent(), canSwitch: host.canSwitch })
  // Every window on the incident (a pairing partner's too) re-reads its findings; work on its
  // findings is work on the incident (its "updated" time, its place in the list).
  const findingsChanged = <F extends { incidentId: number }>(finding: F): F => {
    host.workspace.touchIncident(finding.incidentId)
    host.broadcast('findings.changed', { incidentId: finding.incidentId })
    return finding
  }
  /** The imports running, by their importId: how `imports.cancel` reaches one. */
  const runningImports = new Map<string, AbortController>()
  const incidentOfFinding = (id: number) => host.workspace.db.prepare('SELECT incident_id FROM findings WHERE id = ?').pluck().get(id) as number | undefined
  // A text saved outside live editing reaches the documents of those editing it live.
  const textSaved = <T,>(docId: CollabDocId, saved: T): T => {
    const update = reconcileDoc(host.workspace.db, docId)
    if (update) host.broadcast('collab.update', { docId, update: toBase64(update) })
    return saved
  }
  /** `runbook`, once every window is told it changed. */
  const runbookChanged = <T extends { id: number }>(runbook: T): T => {
    host.broadcast('runbooks.changed', { id: runbook.id })
    return runbook
  }
  /** `result`, once every window is told the incident (null: the incident list) changed. */
  const changed = <T>(incidentId: number | null, result: T): T => {
    host.broadcast('workspace.changed', { incidentId })
    return result
  }
  const table: Handlers = {
    'workspace.info': () => info(),
    'workspace.open': ({ path }) => {
      if (!host.canSwitch) throw new ApiError('invalid_input', 'this session cannot switch workspaces')
      host.switchTo(path)
      return info()
    },
    'incidents.list': () => host.workspace.listIncidents(),
    // Every window's list follows: one left on a deleted incident must not write into it.
    'incidents.create': ({ title }) => changed(null, host.workspace.createIncident(title)),
    'incidents.rename': ({ id, title }) => changed(id, host.workspace.renameIncident(id, title)),
    'incidents.delete': async ({ id }) => {
      const deleted = host.workspace.deleteIncident(id)
      // Its guests are told, rather than left in a session of nothing.
      if (deleted && host.sharing?.incidentId === id) await host.stopSharing('The host deleted the shared incident.')
      return changed(id, { deleted })
    },
    'incidents.open': ({ id }) => host.workspace.incidentView(id),
    'sessions.outline': ({ artifactId }) => sessionOutline(host.workspace.db, artifactId),
    'sessions.chunks': ({ artifactId, fromSeq, toSeq }) => sessionChunks(host.workspace.db, artifactId, fromSeq, toSeq),
    'clock.alignment': ({ incidentId }) => alignSessions(host.workspace.db, host.workspace.getIncident(incidentId).id),
    'clock.setOffset': ({ artifactId, offsetMs }) => {
      setClockOffset(host.workspace.db, artifactId, offsetMs)
      const incidentId = host.workspace.db.prepare('SELECT incident_id FROM artifacts WHERE id = ?').pluck().get(artifactId) as number
      // Every window showing the incident re-reads its artifacts, so all panes move together.
      return changed(incidentId, host.workspace.incidentView(incidentId).artifacts.find((artifact) => artifact.id === artifactId)!)
    },
    'artifacts.remove': ({ artifactId }) => {
      const removed = host.workspace.transaction(() => {
        const from = removeArtifact(host.workspace.db, artifactId)
        if (from) host.workspace.touchIncident(from.incidentId)
        return from
      })
      return changed(removed?.incidentId ?? null, { removed: removed !== null })
    },
    'traces.list': ({ incidentId }) => listTraces(host.workspace.db, host.workspace.getIncident(incidentId).id),
    'traces.get': ({ artifactId, traceId }) => loadTrace(host.workspace.db, artifactId, traceId),
    'graph.derived': ({ incidentId, traceId }) => deriveServiceGraph(host.workspace.db, host.workspace.getIncident(incidentId).id, traceId),
    'graph.activity': ({ incidentId }) => serviceActivity(host.workspace.db, host.workspace.getIncident(incidentId).id),
    'graph.edgeSpans': ({ incidentId, ...edge }) => edgeSpans(host.workspace.db, { incidentId: host.workspace.getIncident(incidentId).id, ...edge }),
    'diagrams.list': () => listDiagrams(host.workspace.db),
    'diagrams.get': ({ id, revisionId }) => getDiagram(host.workspace.db, id, revisionId),
    'diagrams.save': (input) => saveDiagram(host.workspace.db, input),
    'diagrams.revisions': ({ id }) => diagramRevisions(host.workspace.db, id),
    'diagrams.restore': ({ id, revisionId }) => restoreDiagram(host.workspace.db, id, revisionId),
    'diagrams.delete': ({ id }) => ({ deleted: deleteDiagram(host.workspace.db, id) }),
    'diagrams.embedders': ({ id }) => diagramEmbedders(host.workspace.db, id),
    'diagrams.import': ({ name, text }) => {
      let imported
      try {
        imported = importDiagramText(text)
      } catch (error) {
        // A file the readers trip over is still the file's problem, named as such.
        throw new ApiError('import_failed', `${name}: ${error instanceof FormatError ? error.message : `not a diagram this app can read (${(error as Error).message})`}`)
      }
      return saveDiagram(host.workspace.db, {
        title: name.replace(/\.(drawio|xml|mmd|mermaid|txt)$/i, '') || name,
        // Bindings Casefile saved are kept as they were (one left unbound stays so).
        content: imported.drawnHere ? imported.content : bindToKnownServices(host.workspace.db, imported.content),
        note: `imported from ${name}`,
      })
    },
    'findings.list': ({ incidentId }) => listFindings(host.workspace.db, host.workspace.getIncident(incidentId).id),
    'findings.get': ({ id }) => getFinding(host.workspace.db, id),
    'findings.create': ({ incidentId, finding }) => findingsChanged(createFinding(host.workspace.db, host.workspace.getIncident(incidentId).id, finding)),
    'findings.update': ({ id, finding }) => textSaved(`finding:${id}`, findingsChanged(updateFinding(host.workspace.db, id, finding))),
    'findings.delete': ({ id }) => {
      const incidentId = incidentOfFinding(id)
      const deleted = deleteFinding(host.workspace.db, id)
      if (deleted && incidentId !== undefined) findingsChanged({ incidentId })
      return { deleted }
    },
    'findings.restore': ({ id }) => findingsChanged(restoreFinding(host.workspace.db, id)),
    'findings.link': ({ findingId, runbookId, stepId }) => findingsChanged(linkFinding(host.workspace.db, findingId, runbookId, stepId)),
    'findings.unlink': ({ findingId, runbookId, stepId }) => findingsChanged(unlinkFinding(host.workspace.db, findingId, runbookId, stepId)),
    'runbooks.list': () => listRunbooks(host.workspace.db),
    'runbooks.get': ({ id }) => getRunbook(host.workspace.db, id),
    'runbooks.save': (input) => {
      refuseTitleInUse(host.workspace.db, input)
      const runbook = runbookChanged(saveRunbook(host.workspace.db, input))
      return input.id === undefined ? runbook : textSaved(`runbook:${runbook.id}`, runbook)
    },
    'runbooks.import': ({ fileName, markdown }) => {
      const { runbook, droppedCitations } = importRunbook(host.workspace.db, { markdown, fallbackTitle: fallbackTitleOf(fileName) })
      return { runbook: textSaved(`runbook:${runbook.id}`, runbookChanged(runbook)), droppedCitations }
    },
    'runbooks.revisions': ({ id }) => runbookRevisions(host.workspace.db, id),
    'runbooks.revision': ({ id, revisionId }) => getRunbookRevision(host.workspace.db, id, revisionId),
    'runbooks.restore': ({ id, revisionId }) => textSaved(`runbook:${id}`, runbookChanged(restoreRunbook(host.workspace.db, id, revisionId))),
    'runbooks.backlinks': ({ id }) => (getRunbook(host.workspace.db, id), runbookBacklinks(host.workspace.db, id)),
    'runbooks.delete': ({ id }) => {
      const { deleted, citingIncidents } = deleteRunbook(host.workspace.db, id)
      if (deleted) runbookChanged({ id })
      // Findings that cited it show it no more, in every window.
      for (const incidentId of citingIncidents) host.broadcast('findings.changed', { incidentId })
      return { deleted }
    },
    'reports.build': ({ incidentId, format, diagrams }) => ({ text: buildReport(host.workspace, host.workspace.getIncident(incidentId).id, format, { diagrams }) }),
    'search.query': ({ text }) => search(host.workspace.db, text),
    'spans.detail': ({ rowId }) => spanDetail(host.workspace.db, rowId),
    'spans.findText': ({ artifactId, traceId, words }) => ({ rowIds: spansContaining(host.workspace.db, artifactId, traceId, words) }),
    'exports.bundle': ({ incidentId, diagrams }) => {
      const incident = host.workspace.getIncident(incidentId)
      return host.downloads.create(`${fileNameFor(incident.title)}.casefile`, (path) => host.exportBundle(incident.id, path, { diagrams: diagrams ?? true }))
    },
    'downloads.chunk': ({ downloadId, offset }) => host.downloads.chunk(downloadId, offset),
    'uploads.begin': ({ name, size }) => ({ uploadId: host.uploads.begin(name, size) }),
    'uploads.chunk': ({ uploadId, offset, data }) => ({ received: host.uploads.chunk(uploadId, offset, data) }),
    'imports.run': async ({ target, uploadIds, importId }, caller) => {
      if ('incidentId' in target) host.workspace.getIncident(target.incidentId)
      if (runningImports.has(importId)) throw new ApiError('conflict', `import ${importId} is already running`)
      const stop = new AbortController()
      runningImports.set(importId, stop)
      try {
        const files = host.uploads.files(uploadIds)
        // Every window hears how it goes (one opened or reloaded meanwhile shows that an import runs); a guest's does not (guest-scope.ts).
        return await host.importFiles(target, files, (progress) => host.broadcast('import.progress', { importId, ...progress }), stop.signal)
      } catch (error) {
        if (error instanceof ImportError) throw new ApiError('import_failed', error.amongFiles(uploadIds.length))
        if (error instanceof ImportCancelled) throw new ApiError('cancelled', error.message)
        throw error
      } finally {
        runningImports.delete(importId)
        host.uploads.release(uploadIds)
        // The other windows (a pairing guest's too) show the files, and that the import is over; this one shows its import itself.
        host.broadcast('workspace.changed', { incidentId: null }, caller)
      }
    },
    'imports.cancel': ({ importId, uploadIds }) => {
      const running = runningImports.get(importId)
      if (running) {
        running.abort()
        return { cancelled: true }
      }
      // Not running (yet): the files sent for it are dropped, and an imports.run naming them fails.
      return { cancelled: host.uploads.release(uploadIds) > 0 }
    },
    'pairing.addresses': () => shareableAddresses(),
    'pairing.check': async ({ host: address, port }) => ({ answers: await hostAnswers(address, port) }),
    'pairing.share': async ({ incidentId, address }) => {
      if (!shareableAddresses().some((candidate) => candidate.address === address)) {
        throw new ApiError('invalid_input', `${address} is not an address of this computer`)
      }
      return (await host.startSharing(incidentId, address, table)).status()
    },
    'pairing.status': () => host.sharing?.status() ?? null,
    'pairing.remove': ({ participantId }) => ({ removed: host.sharing?.remove(participantId) ?? false }),
    'pairing.stop': async () => ({ stopped: await host.stopSharing() }),
    'pairing.join': ({ name }, caller) => host.room().join(caller, name, 'host'),
    'pairing.presence': (presence, caller) => (host.room().presence(caller, presence), {}),
    'pairing.drive': (playback, caller) => host.room().drive(caller, playback),
    'pairing.control': (control, caller) => host.room().control(caller, control),
    'pairing.ping': (ping, caller) => (host.room().ping(caller, ping), {}),
    'pairing.leave': (_input, caller) => (host.sharing?.room.leave(caller), {}),
    'collab.pull': ({ docId, stateVector }) => ({
      update: toBase64(pullDoc(host.workspace.db, docId, stateVector ? fromBase64(stateVector) : undefined)),
    }),
    'collab.push': ({ docId, update }) => {
      host.broadcast('collab.update', { docId, update: toBase64(pushDoc(host.workspace.db, docId, fromBase64(update))) })
      // Findings lists show the notes: they re-read them as the notes are typed.
      const { kind, id } = parseDocId(docId)
      const incidentId = kind === 'finding' ? incidentOfFinding(id) : undefined
      if (incidentId !== undefined) findingsChanged({ incidentId })
      return { merged: true }
    },
    'prefs.get': () => host.workspace.getPrefs(),
    'prefs.set': (prefs) => host.workspace.setPrefs(prefs),
  }
  // Any call may meet the write lock held elsewhere.
  return Object.fromEntries(
    Object.entries(table).map(([method, handler]) => [
      method,
      async (input: never, caller: Caller) => {
        try {
          return await (handler as (input: never, caller: Caller) => unknown)(input, caller)
        } catch (error) {
          throw explainBusy(error)
        }
      },
    ]),
  ) as Handlers
}

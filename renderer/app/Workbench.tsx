import { useCallback, useEffect, useEffectEvent, useMemo, useReducer, useRef, useState } from 'react'
import type { ImportResult } from '../../shared/domain/model'
import { droppedCitationText } from '../../shared/runbooks/files'
import type { RunbookImport } from '../../shared/runbooks/model'
import { useApi } from '../api/ApiProvider'
import { errorMessage } from '../api/errors'
import { useQuery } from '../api/useQuery'
import { importNotice } from '../import/importNotice'
import { ImportProvider } from '../import/ImportContext'
import { ImportProgressBar } from '../import/ImportProgressBar'
import { IncidentList } from '../incidents/IncidentList'
import { IncidentView } from '../incidents/IncidentView'
import { NoIncident } from '../incidents/NoIncident'
import { CommandPalette } from '../palette/CommandPalette'
import type { PaneSizes } from '../panes/IncidentPanes'
import type { DraftStore } from '../runbooks/editor/useRunbookEditor'
import { type OpenRunbook, RunbookOpenerContext } from '../runbooks/RunbookOpener'
import { RunbooksNavEntry } from '../runbooks/RunbooksNavEntry'
import { type RevealedStep, RunbooksScreen } from '../runbooks/RunbooksScreen'
import { DiagramDraftsContext, type DiagramDrafts } from '../diagram/authored/drafts'
import { keepHistories, leavePlace, loadHistories, loadLeftPlaces } from '../focus/leftPlaces'
import { focusWhenReady } from './focusWhenReady'
import { newHistory } from '../focus/navigation'
import { ConnectionError } from './ConnectionError'
import { ConnectionNotice } from './ConnectionNotice'
import { type Arrival, IncidentOpenerContext, type OpenIncident } from './IncidentOpener'
import { type Notice, NoticeBanner } from './NoticeBanner'
import { TopBar } from './TopBar'
import { deletedFinding } from '../findings/deletedFinding'
import { UndoToast } from '../findings/UndoToast'
import { GuestContext } from './guest'
import { isTyping } from './typing'
import { ShortcutSheet, ShortcutSheetContext } from './ShortcutSheet'
import { usePrefs } from './usePrefs'
import { useSelection } from './useSelection'
import { type Screen, useScreenHistory } from './useScreenHistory'
import { useWarnBeforeLeaving } from './useWarnBeforeLeaving'
import { useMediaQuery } from './useMediaQuery'

/** A window this narrow or less has room for the panes only: the incident list folds by itself. */
const NARROW_WINDOW_PX = 760

const placeKey = (workspacePath: string | undefined, incidentId: number) => `${workspacePath ?? ''}#${incidentId}`

/** The whole window: top bar, incident list, and the open incident's panes. */
export function Workbench({ unauthorized }: { unauthorized: boolean }) {
  const api = useApi()
  const [revision, refresh] = useReducer((count: number) => count + 1, 0)
  const workspace = useQuery((client) => client.call('workspace.info', {}), [revision])
  // Findings work moves an incident's "updated" time: the list is read again (not the open incident).
  const [listRevision, relist] = useReducer((count: number) => count + 1, 0)
  useEffect(() => api.on('findings.changed', relist), [api])
  const incidents = useQuery((client) => client.call('incidents.list', {}), [revision, listRevision])
  const { prefs, save } = usePrefs(workspace.data?.path)
  const [selectedId, setSelectedId] = useSelection(incidents.data, prefs, workspace.data?.path)
  const view = useQuery(
    (client) => (selectedId == null ? Promise.resolve(null) : client.call('incidents.open', { id: selectedId })),
    [selectedId, revision],
  )
  const [notice, setNotice] = useState<Notice | null>(null)
  const [creating, setCreating] = useState(false)
  const paneSizes = useRef<number[] | undefined>(undefined)
  // Sizes as saved for this workspace; kept current as the user resizes, for panes mounted later.
  useEffect(() => {
    if (prefs) paneSizes.current = prefs.paneSizes
  }, [prefs])

  // Changes made elsewhere (desktop menu imports, another window, a workspace switch).
  const onWorkspaceChanged = useEffectEvent((incidentId: number | null) => {
    const known = incidents.data?.some((incident) => incident.id === incidentId) ?? false
    if (incidentId !== null && !known) setSelectedId(incidentId)
    refresh()
  })
  useEffect(() => api.on('workspace.changed', ({ incidentId }) => onWorkspaceChanged(incidentId)), [api])

  useEffect(() => {
    if (selectedId !== undefined && prefs) save({ lastIncidentId: selectedId })
  }, [selectedId, prefs, save])

  const openTitle = incidents.data?.find((incident) => incident.id === selectedId)?.title
  useEffect(() => {
    document.title = openTitle ? `${openTitle} — Casefile` : 'Casefile'
  }, [openTitle])

  const fail = useCallback((error: unknown) => setNotice({ message: errorMessage(error), tone: 'error' }), [])

  const createIncident = async (title: string) => {
    setCreating(false)
    try {
      const incident = await api.call('incidents.create', { title })
      setSelectedId(incident.id)
      refresh()
      // The title field is gone: the keyboard goes on from the new incident's row.
      focusWhenReady(() => document.querySelector<HTMLElement>(`[data-testid="incident-item"][data-incident-id="${incident.id}"] button`))
    } catch (error) {
      fail(error)
    }
  }
  const renameIncident = async (id: number, title: string) => {
    try {
      await api.call('incidents.rename', { id, title })
      refresh()
    } catch (error) {
      fail(error)
    }
  }
  const deleteIncident = async (id: number) => {
    try {
      await api.call('incidents.delete', { id })
      refresh()
    } catch (error) {
      fail(error)
    }
  }
  const openWorkspace = async (path: string) => {
    try {
      await api.call('workspace.open', { path })
      refresh()
    } catch (error) {
      fail(error)
    }
  }
  const onImportFailed = useCallback((message: string) => setNotice({ message, tone: 'error', incidentId: selectedId ?? null }), [selectedId])
  const onImportCancelled = useCallback((message: string) => setNotice({ message, tone: 'info' }), [])
  const clearNotice = useCallback(() => setNotice(null), [])
  useEffect(() => {
    setNotice((shown) => (shown?.incidentId !== undefined && shown.incidentId !== (selectedId ?? null) ? null : shown))
  }, [selectedId])
  const [arrival, setArrival] = useState<Arrival | null>(null)
  const [paletteOpen, setPaletteOpen] = useState(false)
  const [shortcutsOpen, setShortcutsOpen] = useState(false)
  const openShortcuts = useCallback(() => setShortcutsOpen(true), [])
  // The incident list folds to a rail (Ctrl/⌘+B, as in editors), remembered per workspace. In a
  // window too narrow for it beside the panes (a small window, a zoomed page) it is folded unless
  // unfolded there, which is not remembered.
  const [sidebarCollapsed, setSidebarCollapsed] = useState(false)
  useEffect(() => setSidebarCollapsed(prefs?.sidebarCollapsed ?? false), [prefs])
  const narrowWindow = useMediaQuery(`(max-width: ${NARROW_WINDOW_PX}px)`)
  const [unfoldedWhileNarrow, setUnfoldedWhileNarrow] = useState(false)
  const sidebarFolded = narrowWindow ? !unfoldedWhileNarrow : sidebarCollapsed
  const toggleSidebar = useCallback(() => {
    if (narrowWindow) return setUnfoldedWhileNarrow((unfolded) => !unfolded)
    setSidebarCollapsed((collapsed) => {
      save({ sidebarCollapsed: !collapsed })
      return !collapsed
    })
  }, [save, narrowWindow])
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === '?' && !event.ctrlKey && !event.metaKey && !event.altKey && !event.defaultPrevented && !isTyping(event.target)) {
        event.preventDefault()
        return setShortcutsOpen(true)
      }
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return
      const key = event.key.toLowerCase()
      if (key === 'k') setPaletteOpen((open) => !open)
      else if (key === 'b' && !isTyping(event.target)) toggleSidebar()
      else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [toggleSidebar])
  // The runbooks screen takes the incident's place; the incident stays selected for coming back.
  const [runbooks, setRunbooks] = useState<{ selection: number | 'new' | null; step?: RevealedStep } | null>(null)
  // Unsaved runbook and diagram edits, kept while moving around this workspace.
  const drafts = useMemo(() => ({ runbooks: new Map() as DraftStore, diagrams: new Map() as DiagramDrafts }), [workspace.data?.path])
  // Wherever the drafts were typed: a reload on another incident would lose them as surely.
  useWarnBeforeLeaving(useCallback(() => drafts.runbooks.size > 0 || drafts.diagrams.size > 0, [drafts]))
  // The runbook last shown, which the sidebar's Runbooks comes back to (none after it was deleted, or in another workspace).
  const lastRunbook = useRef<number | null>(null)
  useEffect(() => {
    if (runbooks !== null) lastRunbook.current = typeof runbooks.selection === 'number' ? runbooks.selection : null
  }, [runbooks])
  useEffect(() => {
    lastRunbook.current = null
  }, [workspace.data?.path])
  const openRunbook = useCallback<OpenRunbook>((runbookId, stepId) => setRunbooks({ selection: runbookId, ...(stepId ? { step: { id: stepId, serial: Date.now() } } : {}) }), [])
  const onRunbooksImported = useCallback(
    (imported: RunbookImport[], alone: boolean) => {
      const titles = imported.map(({ runbook }) => `“${runbook.title}”`).join(', ')
      // A file of a runbook's title replaced its text: the findings citing a step it no longer has are said, as the editor says before a save.
      const dropped = imported.flatMap(({ runbook, droppedCitations }) =>
        droppedCitations.map((step) => ` In “${runbook.title}”, ${droppedCitationText(step)}: ${step.findings === 1 ? 'it shows' : 'they show'} “step removed” (Revisions brings the step back).`),
      )
      setNotice({ message: `Imported ${imported.length === 1 ? 'the runbook' : `${imported.length} runbooks:`} ${titles}.${dropped.join('')}`, tone: 'info' })
      // Runbook files alone: the first is shown; with evidence, the incident it went into is.
      if (alone) openRunbook(imported[0].runbook.id)
    },
    [openRunbook],
  )
  const openIncident = useCallback<OpenIncident>(
    (incidentId, destination) => {
      setRunbooks(null)
      setSelectedId(incidentId)
      // Without a destination the incident opens where it was left.
      setArrival((last) => (destination ? { ...destination, incidentId, serial: (last?.serial ?? 0) + 1 } : null))
    },
    [setSelectedId],
  )
  const onImported = useCallback(
    (result: ImportResult) => {
      const said = importNotice(result)
      setNotice(said === null ? null : { message: said, tone: 'info' })
      // The incident the files went into is shown, also when they were imported from the runbooks screen.
      openIncident(result.incident.id)
      refresh()
    },
    [openIncident],
  )
  // Alt+←/→ past the open incident's own places: the screens before and after it. A runbook being
  // written for the first time is no screen to come back to (once saved, it is).
  const screen: Screen | null = runbooks
    ? runbooks.selection === 'new'
      ? null
      : { runbookId: runbooks.selection }
    : selectedId == null
      ? null
      : { incidentId: selectedId }
  useScreenHistory(
    screen,
    (to) => {
      if ('runbookId' in to) {
        setRunbooks({ selection: to.runbookId })
        return true
      }
      if (!incidents.data?.some((incident) => incident.id === to.incidentId)) return false
      openIncident(to.incidentId)
      return true
    },
    workspace.data?.path,
  )
  // Where each incident was left in this window (by workspace file and incident), reloads included.
  const [places] = useState(loadLeftPlaces)
  // Each incident's Alt+←/→ history, kept while this window lives (leaving an incident keeps its way back).
  const [histories] = useState(loadHistories)
  useEffect(() => {
    const keep = () => keepHistories(histories)
    window.addEventListener('pagehide', keep)
    return () => window.removeEventListener('pagehide', keep)
  }, [histories])
  const historyOf = (key: string) => histories.get(key) ?? histories.set(key, newHistory()).get(key)!
  const onSizesChange = useCallback(
    (sizes: PaneSizes) => {
      paneSizes.current = sizes
      save({ paneSizes: sizes })
    },
    [save],
  )

  // The header's times as the list has them, read again as findings change.
  const shownView = useMemo(() => {
    const data = view.data ?? null
    const listed = incidents.data?.find((incident) => incident.id === data?.incident.id)
    return data && listed && listed.updatedAt !== data.incident.updatedAt ? { ...data, incident: listed } : data
  }, [view.data, incidents.data])

  if (!incidents.data && incidents.error) {
    return <ConnectionError unauthorized={unauthorized} error={incidents.error} onRetry={refresh} />
  }

  const selected = incidents.data?.find((incident) => incident.id === selectedId) ?? null

  return (
    <GuestContext.Provider value={workspace.data?.sharedIncidentId !== undefined}>
      <ShortcutSheetContext.Provider value={openShortcuts}>
        <deletedFinding.Provider>
          <IncidentOpenerContext.Provider value={openIncident}>
            <DiagramDraftsContext.Provider value={drafts.diagrams}>
              <RunbookOpenerContext.Provider value={openRunbook}>
                <ImportProvider incident={selected} onStarted={clearNotice} onImported={onImported} onRunbooksImported={onRunbooksImported} onFailed={onImportFailed} onCancelled={onImportCancelled}>
                  <div className="app">
                    <TopBar workspace={workspace.data} onOpenWorkspace={openWorkspace} />
                    {workspace.data?.sharedIncidentId === undefined && <ConnectionNotice />}
                    {notice && <NoticeBanner notice={notice} onDismiss={clearNotice} />}
                    <div className="app-body">
                      <IncidentList
                        collapsed={sidebarFolded}
                        onToggleCollapsed={toggleSidebar}
                        incidents={incidents.data}
                        selectedId={runbooks ? null : selectedId}
                        creating={creating}
                        onStartCreate={() => setCreating(true)}
                        onCancelCreate={() => setCreating(false)}
                        onCreate={createIncident}
                        onOpen={(incidentId) => openIncident(incidentId)}
                        onRename={renameIncident}
                        onDelete={deleteIncident}
                        editable={workspace.data !== undefined && workspace.data.sharedIncidentId === undefined}
                      >
                        <RunbooksNavEntry active={runbooks !== null} onOpen={() => setRunbooks((shown) => shown ?? { selection: lastRunbook.current })} />
                      </IncidentList>
                      <main className="incident-area">
                        {runbooks ? (
                          <RunbooksScreen
                            selection={runbooks.selection}
                            revealedStep={runbooks.step ?? null}
                            onSelect={(selection) => setRunbooks({ selection })}
                            drafts={drafts.runbooks}
                            diagramIncidentId={selectedId ?? null}
                          />
                        ) : selectedId === null ? (
                          <NoIncident onCreate={() => setCreating(true)} />
                        ) : view.error && !view.loading ? (
                          <div className="view-error" role="alert">
                            Cannot open this incident: {errorMessage(view.error)}
                          </div>
                        ) : shownView ? (
                          <IncidentView
                            key={placeKey(workspace.data?.path, shownView.incident.id)}
                            view={shownView}
                            loading={view.loading || shownView.incident.id !== selectedId}
                            initialSizes={paneSizes.current}
                            onSizesChange={onSizesChange}
                            arrival={arrival?.incidentId === shownView.incident.id ? arrival : null}
                            resume={{
                              place: places.get(placeKey(workspace.data?.path, shownView.incident.id)) ?? null,
                              onLeave: (place) => leavePlace(places, placeKey(workspace.data?.path, shownView.incident.id), place),
                            history: historyOf(placeKey(workspace.data?.path, shownView.incident.id)),
                            }}
                            guest={workspace.data?.sharedIncidentId === shownView.incident.id}
                          />
                        ) : (
                          <div className="view-loading" aria-busy="true" />
                        )}
                      </main>
                    </div>
                    <ImportProgressBar />
                    <UndoToast />
                    {paletteOpen && (
                      <CommandPalette
                        incidents={incidents.data ?? []}
                        incidentId={selectedId ?? null}
                        onOpenRunbook={openRunbook}
                        onClose={() => setPaletteOpen(false)}
                      />
                    )}
                    {shortcutsOpen && <ShortcutSheet onClose={() => setShortcutsOpen(false)} />}
                  </div>
                </ImportProvider>
              </RunbookOpenerContext.Provider>
            </DiagramDraftsContext.Provider>
          </IncidentOpenerContext.Provider>
        </deletedFinding.Provider>
      </ShortcutSheetContext.Provider>
    </GuestContext.Provider>
  )
}

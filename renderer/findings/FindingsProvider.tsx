import '../styles/findings.css'
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { Finding, FindingInput } from '../../shared/findings/model'
import { useApi } from '../api/ApiProvider'
import { useIsGuest } from '../app/guest'
import { useReportLoading } from '../incidents/loading'
import { type Store, storeContext } from '../state/store'
import type { Anchors } from './anchors'
import { deletedFinding } from './deletedFinding'
import { timelineOrder } from './timeline'

// The open incident's findings, kept in order and reloaded after every change, and what the
// findings UI has open: the add/edit form, the list drawer, the undo offer of a deletion.

export interface FindingsData {
  incidentId: number
  /** In timeline order; null until loaded. */
  findings: readonly Finding[] | null
  loadError: unknown
  create(input: FindingInput): Promise<Finding>
  update(id: number, input: FindingInput): Promise<Finding>
  remove(finding: Finding): Promise<void>
  restore(id: number): Promise<void>
  /** The finding no longer cites the step. */
  unlink(finding: Finding, link: Finding['links'][number]): Promise<void>
  /** Whether this window may delete it: anywhere but in a pairing guest's, which deletes only the findings it added. */
  canDelete(finding: Finding): boolean
  /** The author name kept in preferences ('' before it is set). */
  authorName: string
  /** Keeps `name` as the author of new findings (the name the user writes a finding under, or joins a session with). */
  rememberAuthor(name: string): void
}

/** What the form is asked to show: a new finding with these anchors, or an existing one. */
export type FindingEditorRequest = { mode: 'new'; anchors: Anchors } | { mode: 'edit'; finding: Finding }
export type FindingEditor = FindingEditorRequest & { serial: number }

export interface FindingsUiState {
  editor: FindingEditor | null
  /** The open form holds typing that replacing it would lose. */
  editorHasWork: boolean
  /** Bumped when something asked for the form while it held typing: the form asks whether to discard it. */
  editorNudge: number
  drawerOpen: boolean
}

const FindingsContext = createContext<FindingsData | null>(null)
const DRAWER_KEY = 'casefile:findings-drawer'

/** Whether the drawer was open: it stays so from one incident to the next, and over a reload, in this window. */
function drawerWasOpen(): boolean {
  try {
    return sessionStorage.getItem(DRAWER_KEY) === 'open'
  } catch {
    return false
  }
}

const ui = storeContext<FindingsUiState>('The findings UI', () => ({ editor: null, editorHasWork: false, editorNudge: 0, drawerOpen: drawerWasOpen() }))

/** Keeps the drawer's open state for the next incident opened in this window (drawerWasOpen). */
function RememberDrawer() {
  const store = ui.useStore()
  useEffect(() => {
    let open = store.get().drawerOpen
    return store.subscribe(() => {
      if (store.get().drawerOpen === open) return
      open = store.get().drawerOpen
      try {
        sessionStorage.setItem(DRAWER_KEY, open ? 'open' : 'closed')
      } catch {
        // Storage refused (a private window's quota): the drawer is only not remembered.
      }
    })
  }, [store])
  return null
}

export const useFindingsUiStore = ui.useStore

/** Opens the form for `editor`, unless the open one holds typing: that one then asks first. */
export function openFindingEditor(store: Store<FindingsUiState>, editor: FindingEditorRequest): void {
  const state = store.get()
  if (state.editor && state.editorHasWork) return store.set({ editorNudge: state.editorNudge + 1 })
  store.set({ editor: { ...editor, serial: (state.editor?.serial ?? 0) + 1 } })
}
export const useFindingsUi = ui.useSelect

/** The findings of the open incident, or null outside one (e.g. panes shown on their own). */
export function useFindingsData(): FindingsData | null {
  return useContext(FindingsContext)
}

export function useFindings(): FindingsData {
  const data = useContext(FindingsContext)
  if (!data) throw new Error('useFindings must be used inside <FindingsProvider>')
  return data
}

export function FindingsProvider({ incidentId, children }: { incidentId: number; children: ReactNode }) {
  return (
    <ui.Provider>
      <RememberDrawer />
      <FindingsLoader incidentId={incidentId}>{children}</FindingsLoader>
    </ui.Provider>
  )
}

function FindingsLoader({ incidentId, children }: { incidentId: number; children: ReactNode }) {
  const api = useApi()
  const deleted = deletedFinding.useStore()
  const [findings, setFindings] = useState<readonly Finding[] | null>(null)
  const [loadError, setLoadError] = useState<unknown>(undefined)
  const [revision, setRevision] = useState(0)
  const reload = useCallback(() => setRevision((count) => count + 1), [])
  const [authorName, setAuthorName] = useState('')
  // A guest deletes only the findings it added (the host refuses the others, and marks these).
  const guest = useIsGuest()
  useReportLoading('findings', findings !== null || loadError !== undefined)

  useEffect(() => {
    let live = true
    api.call('findings.list', { incidentId }).then(
      (list) => {
        if (!live) return
        setFindings(timelineOrder(list))
        setLoadError(undefined)
      },
      (error: unknown) => live && setLoadError(error),
    )
    return () => {
      live = false
    }
  }, [api, incidentId, revision])

  // Findings written elsewhere (the command line, another window, a pairing partner) show up too,
  // and those written while the connection was down once it is back.
  useEffect(() => {
    const stops = [
      api.on('workspace.changed', (event) => (event.incidentId === null || event.incidentId === incidentId) && reload()),
      api.on('findings.changed', (event) => event.incidentId === incidentId && reload()),
      api.watchStatus((status) => status === 'open' && reload()),
    ]
    return () => stops.forEach((stop) => stop())
  }, [api, incidentId, reload])

  useEffect(() => {
    let live = true
    api.call('prefs.get', {}).then(
      (prefs) => live && setAuthorName(prefs.authorName ?? ''),
      () => {},
    )
    return () => {
      live = false
    }
  }, [api])

  const data = useMemo<FindingsData>(
    () => ({
      incidentId,
      findings,
      loadError,
      async create(input) {
        const created = await api.call('findings.create', { incidentId, finding: input })
        reload()
        return created
      },
      async update(id, input) {
        const updated = await api.call('findings.update', { id, finding: input })
        reload()
        return updated
      },
      async remove(finding) {
        await api.call('findings.delete', { id: finding.id })
        // Gone from the list at once; the store's answer follows.
        setFindings((list) => list && list.filter((item) => item.id !== finding.id))
        deleted.set({ deleted: finding })
        reload()
      },
      async restore(id) {
        await api.call('findings.restore', { id })
        if (deleted.get().deleted?.id === id) deleted.set({ deleted: null })
        reload()
      },
      async unlink(finding, { runbookId, stepId }) {
        await api.call('findings.unlink', { findingId: finding.id, runbookId, stepId })
        reload()
      },
      canDelete: (finding) => !guest || finding.addedByYou === true,
      authorName,
      rememberAuthor(name) {
        const trimmed = name.trim()
        if (!trimmed || trimmed === authorName) return
        setAuthorName(trimmed)
        api.call('prefs.set', { authorName: trimmed }).catch((error: unknown) => console.warn('[casefile] saving the author name failed', error))
      },
    }),
    [api, incidentId, findings, loadError, reload, deleted, authorName, guest],
  )

  return <FindingsContext.Provider value={data}>{children}</FindingsContext.Provider>
}

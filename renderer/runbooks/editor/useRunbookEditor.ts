import { useCallback, useEffect, useRef, useState } from 'react'
import type { Runbook } from '../../../shared/runbooks/model'
import { useApi } from '../../api/ApiProvider'
import { failedWith } from '../../api/errors'
import { type RunbookDraft, draftOf, isDirty, parseTags } from './draft'

/** Unsaved drafts by runbook id ('new' for a runbook not saved yet), kept while the user looks elsewhere. */
export type DraftStore = Map<number | 'new', RunbookDraft>

/**
 * One runbook in the editor: its saved state, the draft being typed, saving it as a revision and
 * restoring an old one. The draft outlives the editor in `drafts` until it is saved.
 */
export function useRunbookEditor(selection: number | 'new', drafts: DraftStore, onSaved: (runbook: Runbook) => void) {
  const api = useApi()
  const [saved, setSaved] = useState<Runbook | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [draft, setDraftState] = useState<RunbookDraft | null>(() => (selection === 'new' ? (drafts.get('new') ?? draftOf(null)) : null))
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<unknown>(null)
  /** Bumped on every save, for what lists revisions and backlinks. */
  const [version, setVersion] = useState(0)
  /** A newer save from elsewhere (another window, a pair) while this draft holds edits of its own. */
  const [theirs, setTheirs] = useState<Runbook | null>(null)

  useEffect(() => {
    if (selection === 'new') return
    let live = true
    api.call('runbooks.get', { id: selection }).then(
      (runbook) => {
        if (!live) return
        const kept = drafts.get(selection)
        setSaved(runbook)
        setDraftState(kept ?? draftOf(runbook))
        // A draft kept from before someone else saved: say so now, not on Save.
        if (kept && kept.basedOn !== runbook.updatedAt && isDirty(kept, runbook)) setTheirs(runbook)
      },
      (error: unknown) => live && setLoadError(error),
    )
    return () => {
      live = false
    }
  }, [api, selection, drafts])

  const setDraft = useCallback(
    (change: Partial<RunbookDraft>) =>
      setDraftState((current) => {
        if (!current) return current
        const next = { ...current, ...change }
        if (isDirty(next, saved)) drafts.set(selection, next)
        else drafts.delete(selection)
        return next
      }),
    [drafts, selection, saved],
  )

  const accept = useCallback(
    (runbook: Runbook) => {
      drafts.delete(selection)
      setSaved(runbook)
      setDraftState(draftOf(runbook))
      setVersion((count) => count + 1)
      setSaveError(null)
      onSaved(runbook)
    },
    [drafts, selection, onSaved],
  )

  const dirty = draft !== null && isDirty(draft, saved)

  const latest = useRef({ draft, saved })
  latest.current = { draft, saved }
  // What others save shows here (another window, a pair, a bundle imported): over an untouched
  // draft at once, else offered (see `theirs`).
  useEffect(() => {
    if (selection === 'new') return
    const reread = async () => {
      let now: Runbook
      try {
        now = await api.call('runbooks.get', { id: selection })
      } catch {
        return // deleted: the list says so
      }
      const { draft: mine, saved: base } = latest.current
      if (!mine || !base || now.updatedAt === mine.basedOn) return
      if (!isDirty(mine, now)) {
        // The same text (typed together live): only what it is based on moves.
        setSaved(now)
        setDraftState((current) => current && { ...current, basedOn: now.updatedAt })
      } else if (!isDirty(mine, base)) {
        drafts.delete(selection)
        setSaved(now)
        setDraftState(draftOf(now))
      } else setTheirs(now)
      setVersion((count) => count + 1)
    }
    const stops = [
      api.on('runbooks.changed', ({ id }) => id === selection && void reread()),
      api.on('workspace.changed', ({ incidentId }) => incidentId === null && void reread()),
    ]
    return () => stops.forEach((stop) => stop())
  }, [api, selection, drafts])

  const save = useCallback(
    async ({ replacingTheirs = false } = {}) => {
      if (!draft || saving || !dirty) return
      setSaving(true)
      try {
        const basedOn = saved && !replacingTheirs && draft.basedOn !== undefined ? { basedOn: draft.basedOn } : {}
        accept(await api.call('runbooks.save', { ...(saved ? { id: saved.id } : {}), markdown: draft.markdown, owner: draft.owner.trim(), tags: parseTags(draft.tags), ...basedOn }))
        setTheirs(null)
      } catch (error) {
        if (failedWith(error, 'conflict') && saved) {
          setTheirs(await api.call('runbooks.get', { id: saved.id }).catch(() => null))
        } else setSaveError(error)
      } finally {
        setSaving(false)
      }
    },
    [api, draft, saved, saving, dirty, accept],
  )

  /** Drops this draft for the newer save. */
  const takeTheirs = useCallback(() => {
    if (!theirs) return
    drafts.delete(selection)
    setSaved(theirs)
    setDraftState(draftOf(theirs))
    setTheirs(null)
  }, [drafts, selection, theirs])

  const restore = useCallback(
    async (revisionId: number) => {
      if (!saved) return
      try {
        accept(await api.call('runbooks.restore', { id: saved.id, revisionId }))
      } catch (error) {
        setSaveError(error)
      }
    },
    [api, saved, accept],
  )

  return { saved, draft, setDraft, dirty, save, saving, saveError, loadError, restore, version, theirs, takeTheirs }
}

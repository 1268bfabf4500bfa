import { type FormEvent, type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from 'react'
import { useApi } from '../api/ApiProvider'
import { errorMessage, failedWith } from '../api/errors'
import { useLiveText } from '../collab/useLiveText'
import { anchorKinds, withoutAnchor } from './anchors'
import { AnchorChips } from './AnchorChips'
import { useAnchorsOnScreen } from './useAddFinding'
import { type DraftProblems, draftInput, draftMarkdown, draftOf, draftProblems, type FindingDraft, draftsDiffer, hasProblems, newDraft } from './draft'
import { type FindingEditor, useFindings, useFindingsUi, useFindingsUiStore } from './FindingsProvider'
import { SEVERITIES, SEVERITY_LABELS } from './severity'
import { withModifier } from '../app/typing'
import { useWarnBeforeLeaving } from '../app/useWarnBeforeLeaving'
import { useModal } from '../app/useModal'
import { usePairing } from '../pairing/PairingProvider'
import { SessionEndedError } from '../../shared/api/client'
import { copyText } from '../app/copyText'

interface FindingFormProps {
  editor: FindingEditor
  onClose: () => void
}

/** Adds or edits a finding: its anchors as removable chips, title, severity, notes, tags, author. Enter saves, Esc cancels (twice when something was typed). */
export function FindingForm({ editor, onClose }: FindingFormProps) {
  const findings = useFindings()
  const [draft, setDraft] = useState<FindingDraft>(() => (editor.mode === 'edit' ? draftOf(editor.finding) : newDraft(editor.anchors, findings.authorName)))
  const pairing = usePairing()
  // A host in a shared session who gives no author signs a new finding with the name the others see.
  const sessionName = pairing?.role === 'host' ? (pairing.me?.name ?? '') : ''
  const [problems, setProblems] = useState<DraftProblems>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [overwrite, setOverwrite] = useState(false)
  /** The finding was deleted while being edited: saving brings it back. */
  const [recreate, setRecreate] = useState(false)
  const api = useApi()
  const [initial] = useState(draft)
  const [confirmingDiscard, setConfirmingDiscard] = useState(false)
  const titleRef = useRef<HTMLInputElement>(null)
  const id = useId()
  const editing = editor.mode === 'edit'
  // A guest whose host ended the session can no longer save there: the finding is theirs to copy.
  const sessionOver = pairing?.role === 'guest' && (pairing.ended !== null || pairing.connection === 'ended')
  const hostSilent = pairing?.role === 'guest' && pairing.hostSilent && !sessionOver
  // What the host will sign a guest's finding with (guest-scope.ts); null: the author is the writer's to give.
  const signedBy = pairing?.role !== 'guest' ? null : editing ? editor.finding.author : (pairing.me?.name ?? draft.author)
  const [copied, setCopied] = useState(false)
  const copy = () =>
    copyText(draftMarkdown(draft)).then(
      () => setCopied(true),
      () => setFailure('Could not copy to the clipboard.'),
    )
  // With a pairing partner, an existing finding's notes are typed by both at once, saved as typed.
  const notesArea = useRef<HTMLTextAreaElement>(null)
  const notes = useLiveText({
    docId: editor.mode === 'edit' ? `finding:${editor.finding.id}` : null,
    area: notesArea,
    text: draft.notes,
    baseline: editor.mode === 'edit' ? editor.finding.notes : '',
    onText: (text) => setDraft((current) => ({ ...current, notes: text })),
  })

  // Tab stays in the form while it is open; closed, the keyboard goes back to where the engineer
  // was (a span row, a list item).
  const formRef = useRef<HTMLFormElement>(null)
  useModal(formRef)
  const anchorsOnScreen = useAnchorsOnScreen()

  // Notes typed live with a pair are already saved, so only this form's own typing is at stake;
  // anchors are one click to put back.
  const typedWork = draftsDiffer(initial, draft, { notes: !notes.live, anchors: false }) || notes.editedHere
  // Something else asking for the form (Add finding, another finding's Edit) asks first too.
  const uiStore = useFindingsUiStore()
  useEffect(() => uiStore.set({ editorHasWork: typedWork }), [uiStore, typedWork])
  useEffect(() => () => uiStore.set({ editorHasWork: false }), [uiStore])
  // Reloading or closing the window asks too.
  useWarnBeforeLeaving(useCallback(() => typedWork, [typedWork]))
  const nudge = useFindingsUi((state) => state.editorNudge)
  const [seenNudge] = useState(nudge)
  useEffect(() => {
    if (nudge === seenNudge) return
    setConfirmingDiscard(true)
    titleRef.current?.focus()
  }, [nudge, seenNudge])

  const change = (patch: Partial<FindingDraft>) => {
    setDraft((current) => ({ ...current, ...patch }))
    setConfirmingDiscard(false)
    setCopied(false)
    // A problem goes away as soon as its field is touched; saving checks again.
    setProblems((current) => {
      const next = { ...current }
      for (const key of Object.keys(patch)) delete next[(key === 'tagsText' ? 'tags' : key) as keyof DraftProblems]
      return next
    })
  }

  const save = async () => {
    if (saving || sessionOver) return
    const found = draftProblems(draft)
    setProblems(found)
    if (hasProblems(found)) {
      if (found.title) titleRef.current?.focus()
      return
    }
    setSaving(true)
    setFailure(null)
    try {
      const input = draftInput(draft)
      if (editor.mode === 'edit' && !overwrite) {
        // Someone else (another window, a pair) may have saved it since this form opened: say so rather than undo their edit.
        const now = await api.call('findings.get', { id: editor.finding.id }).catch((error: unknown) => {
          if (!failedWith(error, 'not_found')) throw error
          return null
        })
        if (now === null) {
          // Deleted meanwhile: what was typed here is not lost, the finding can come back with it.
          setFailure('Deleted by someone else since you opened it. Save again to bring it back with your changes, or cancel.')
          setRecreate(true)
          setOverwrite(true)
          setSaving(false)
          return
        }
        // Notes are left out: with a pair they are saved as typed, by both.
        if (draftsDiffer(draftOf(editor.finding), draftOf(now), { notes: false, anchors: true })) {
          setFailure(`Changed by someone else since you opened it (now “${now.title}”, ${now.severity}). Save again to replace their changes with yours, or cancel to keep theirs.`)
          setOverwrite(true)
          setSaving(false)
          return
        }
      }
      if (editor.mode === 'edit') {
        // Brought back as it was (citations too), then saved with this form's changes.
        if (recreate) {
          // Someone may have brought it back meanwhile (their Undo): then it only needs the changes.
          await findings.restore(editor.finding.id).catch((error: unknown) => {
            if (!failedWith(error, 'not_found')) throw error
          })
        }
        await findings.update(editor.finding.id, input)
      } else {
        await findings.create({ ...input, author: input.author || sessionName })
        // The author of a new finding is whoever writes it (editing a teammate's says nothing of you).
        findings.rememberAuthor(input.author)
      }
      onClose()
    } catch (error) {
      // The session ended meanwhile: the form says so itself.
      if (!(error instanceof SessionEndedError)) setFailure(errorMessage(error))
      setSaving(false)
    }
  }

  const keepEditing = () => {
    setConfirmingDiscard(false)
    titleRef.current?.focus()
  }

  /** Closes without saving; notes typed live go back to what they were, the pair's typing kept. */
  const discard = () => {
    notes.revertOwnEdits()
    onClose()
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    void save()
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      // A stray Esc must not throw away a written-up finding: the first one asks.
      if (typedWork && !confirmingDiscard) setConfirmingDiscard(true)
      else discard()
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      void save()
    }
  }

  return (
    <form
      ref={formRef}
      className="finding-form"
      role="dialog"
      aria-labelledby={`${id}-heading`}
      data-testid="finding-form"
      data-mode={editor.mode}
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      noValidate
    >
      <header className="finding-form-header">
        <h2 id={`${id}-heading`} className="finding-form-heading">
          {editing ? 'Edit finding' : 'Add finding'}
        </h2>
        <button type="button" className="icon-button" aria-label="Cancel" title="Cancel (Esc)" onClick={discard} data-testid="finding-cancel-x">
          <svg width="10" height="10" viewBox="0 0 10 10" aria-hidden="true">
            <path d="M1.5 1.5l7 7M8.5 1.5l-7 7" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
          </svg>
        </button>
      </header>

      <div className="finding-form-anchors" data-testid="finding-form-anchors" aria-label="Anchors" role="group">
        <AnchorChips
          anchors={draft.anchors}
          spanMissing={editor.mode === 'edit' && editor.finding.spanMissing && draft.anchors.spanId === editor.finding.anchors.spanId}
          onRemove={(kind) => {
            const anchors = withoutAnchor(draft.anchors, kind)
            change({ anchors })
            if (anchorKinds(anchors).length === 0) titleRef.current?.focus()
          }}
        />
        <button
          type="button"
          className="link-button finding-form-retake"
          data-testid="finding-anchors-retake"
          title="Anchor it to what is on screen now: the replay's moment, the selected span, the picked service and call"
          onClick={() => change({ anchors: anchorsOnScreen() })}
        >
          Take from screen
        </button>
        {problems.anchors && (
          <span className="finding-field-error" role="alert" data-testid="finding-anchors-error">
            {problems.anchors}
          </span>
        )}
      </div>

      <label className="finding-field">
        <span className="finding-label">Title</span>
        <input
          ref={titleRef}
          className="input"
          autoFocus
          value={draft.title}
          maxLength={300}
          placeholder="What did you find?"
          aria-invalid={problems.title ? true : undefined}
          data-testid="finding-title"
          onChange={(event) => change({ title: event.target.value })}
        />
        {problems.title && (
          <span className="finding-field-error" role="alert" data-testid="finding-title-error">
            {problems.title}
          </span>
        )}
      </label>

      <div className="finding-field" role="radiogroup" aria-label="Severity">
        <span className="finding-label">Severity</span>
        <div className="severity-picker">
          {SEVERITIES.map((severity) => (
            <label key={severity} className="severity-option" data-severity={severity} data-testid={`finding-severity-${severity}`}>
              <input
                type="radio"
                name={`${id}-severity`}
                value={severity}
                checked={draft.severity === severity}
                onChange={() => change({ severity })}
              />
              <span>{SEVERITY_LABELS[severity]}</span>
            </label>
          ))}
        </div>
      </div>

      <label className="finding-field">
        <span className="finding-label">
          Notes <span className="finding-hint">Markdown</span>
          {notes.live && (
            <span className="finding-hint" data-testid="finding-notes-live">
              {' · live with your pair, saved as you type'}
            </span>
          )}
        </span>
        <textarea
          ref={notesArea}
          className="input finding-notes"
          rows={4}
          value={draft.notes}
          placeholder="Evidence, hypotheses, next steps…"
          data-testid="finding-notes"
          onChange={(event) => notes.change(event.target.value)}
        />
      </label>

      <div className="finding-form-row">
        <label className="finding-field">
          <span className="finding-label">Tags</span>
          <input
            className="input"
            value={draft.tagsText}
            placeholder="payments, timeout"
            aria-invalid={problems.tags ? true : undefined}
            data-testid="finding-tags"
            onChange={(event) => change({ tagsText: event.target.value })}
          />
          {problems.tags && (
            <span className="finding-field-error" role="alert">
              {problems.tags}
            </span>
          )}
        </label>
        <label className="finding-field">
          <span className="finding-label">Author</span>
          {signedBy === null ? (
            <input
              className="input"
              value={draft.author}
              maxLength={100}
              placeholder={sessionName && !editing ? `Your name (else signed “${sessionName}”)` : 'Your name'}
              data-testid="finding-author"
              onChange={(event) => change({ author: event.target.value })}
            />
          ) : (
            <input className="input" value={signedBy} readOnly title="In a shared session the host signs findings: yours with the name you joined under, an edit with the author it has" data-testid="finding-author" />
          )}
        </label>
      </div>

      {(sessionOver || hostSilent) && (
        <div className="finding-form-failure finding-form-session-over" role="alert" data-testid="finding-session-over">
          <span>
            {sessionOver
              ? `${pairing.ended ?? 'The host ended the session.'} This finding can no longer be saved there: copy it to keep it.`
              : 'The host has not answered for a while: this finding waits to be saved there, and may never be. Copy it to keep it.'}
          </span>
          <button type="button" className="button" onClick={() => void copy()} data-testid="finding-copy">
            {copied ? 'Copied' : 'Copy as Markdown'}
          </button>
        </div>
      )}

      {failure && (
        <p className="finding-form-failure" role="alert" data-testid="finding-form-error">
          {failure}
        </p>
      )}

      {confirmingDiscard && (
        <div className="finding-form-discard" role="alert" data-testid="finding-discard">
          <span>{editing ? 'Discard your changes?' : 'Discard this finding?'} Esc again discards.</span>
          <button type="button" className="button" onClick={keepEditing} data-testid="finding-keep-editing">
            Keep editing
          </button>
          <button type="button" className="button button-danger" onClick={discard} data-testid="finding-discard-confirm">
            Discard
          </button>
        </div>
      )}

      <footer className="finding-form-footer">
        <span className="finding-hint">
          <kbd>Enter</kbd> saves · <kbd>{withModifier('Enter')}</kbd> in notes · <kbd>Esc</kbd> cancels
        </span>
        <button type="button" className="button" onClick={discard} data-testid="finding-cancel">
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={saving || sessionOver} data-testid="finding-save">
          {saving ? 'Saving…' : editing ? 'Save' : 'Add finding'}
        </button>
      </footer>
    </form>
  )
}
